import { and, asc, desc, eq, gte, isNull } from 'drizzle-orm';
import type { ChatLog, ChatMessageView, ChatMode, ClientMessage, SeatView } from '../../../shared/live.js';
import type { Ctx } from '../../platform/auth/actor.js';
import type { Permissions } from '../../platform/authz.js';
import { recordAudit } from '../../platform/audit/record.js';
import type { Clock } from '../../platform/clock.js';
import type { Database, TenantTx } from '../../platform/db/client.js';
import { AppError, NotFound } from '../../platform/errors.js';
import type { EventBus } from '../../platform/realtime/events.js';
import { personNames } from '../identity/index.js';
import { mayReadRegisterOf } from './access.js';
import { LobbyRefused, NotInvited } from './errors.js';
import { topicOf, type RoomSnapshot } from './hub.js';
import { canSendChat, languageFilterOf, throttleChat } from './rules.js';
import { liveChatMessages, liveCheckAnswers, liveChecks, liveParticipants, liveSessions } from './schema.js';
import { SessionRules } from './session-rules.js';

/**
 * In the session, beyond who is in it: chat with the policy's classroom-language filter and
 * throttle, which the host can limit or turn off (R-LIVE-11), and quick questions and polls whose
 * answers are kept per learner, the spread shown to the host at once (R-LIVE-14).
 */

type ChatCommand = Extract<ClientMessage, { type: 'chat' | 'chat-mode' | 'check-open' | 'check-answer' | 'check-close' }>;
export const CLASSROOM_COMMANDS: ReadonlySet<ClientMessage['type']> = new Set(['chat', 'chat-mode', 'check-open', 'check-answer', 'check-close']);

/** A refusal with its own words (chat filter, throttle), sent back on the socket. */
export class ClassroomRefused extends AppError {
  constructor(code: string, message: string) {
    super(code, 409, message);
  }
}

/** The question or poll open in a session, with every answer so far (for the hub's room snapshot). */
export async function openCheckOf(tx: TenantTx, org: string, sessionId: string): Promise<RoomSnapshot['check']> {
  const [c] = await tx
    .select()
    .from(liveChecks)
    .where(and(eq(liveChecks.organisationId, org), eq(liveChecks.sessionId, sessionId), isNull(liveChecks.closedAt)))
    .orderBy(desc(liveChecks.openedAt))
    .limit(1);
  if (!c) return null;
  const answers = await tx.select().from(liveCheckAnswers).where(and(eq(liveCheckAnswers.organisationId, org), eq(liveCheckAnswers.checkId, c.id)));
  return { id: c.id, kind: c.kind as 'poll' | 'question', prompt: c.prompt, options: c.options as string[], answers: Object.fromEntries(answers.map((a) => [a.learnerId, a.answer])) };
}

export function createClassroomService(deps: { db: Database; clock: Clock; permissions: Permissions; events: EventBus }) {
  const { db, clock, permissions, events } = deps;

  async function sessionAndMe(tx: TenantTx, ctx: Ctx, sessionId: string) {
    const org = ctx.actor.organisationId;
    const [s] = await tx.select().from(liveSessions).where(and(eq(liveSessions.organisationId, org), eq(liveSessions.id, sessionId)));
    if (!s) throw NotFound();
    const [me] = await tx.select().from(liveParticipants).where(and(eq(liveParticipants.organisationId, org), eq(liveParticipants.sessionId, s.id), eq(liveParticipants.userId, ctx.actor.userId)));
    if (!me) throw NotInvited();
    if (s.status === 'ended') throw new LobbyRefused('live.ended');
    if (me.standing !== 'admitted') throw new LobbyRefused('live.not_admitted');
    return { s, me, staff: me.role === 'host' || me.role === 'staff' };
  }

  const audit = (tx: TenantTx, ctx: Ctx, action: string, sessionId: string, details: Record<string, unknown>) =>
    recordAudit(tx, { organisationId: ctx.actor.organisationId, actorId: ctx.actor.userId, action, subjectType: 'live_session', subjectId: sessionId, meta: ctx.meta, at: clock.now(), details });

  async function chatViews(tx: TenantTx, org: string, rows: (typeof liveChatMessages.$inferSelect)[]): Promise<ChatMessageView[]> {
    if (rows.length === 0) return [];
    const names = await personNames(tx, org, rows.map((r) => r.senderId));
    const roles = await tx.select({ userId: liveParticipants.userId, role: liveParticipants.role }).from(liveParticipants).where(and(eq(liveParticipants.organisationId, org), eq(liveParticipants.sessionId, rows[0]!.sessionId)));
    const roleOf = new Map(roles.map((r) => [r.userId, r.role as SeatView['role']]));
    return rows.map((r) => ({ id: r.id, from: { userId: r.senderId, displayName: names.get(r.senderId) ?? '', role: roleOf.get(r.senderId) ?? 'learner' }, toHost: r.toHost, text: r.body, sentAt: r.sentAt.toISOString() }));
  }

  return {
    /** R-LIVE-11, -14: a chat or check command from the socket. Refusals come back in words. */
    async command(ctx: Ctx, sessionId: string, m: ChatCommand): Promise<void> {
      const org = ctx.actor.organisationId;
      await db.withTenant(org, async (tx) => {
        const { s, me, staff } = await sessionAndMe(tx, ctx, sessionId);
        const now = clock.now();
        const rules = SessionRules.parse(s.rules);
        switch (m.type) {
          case 'chat': {
            const decision = canSendChat({ text: m.text, to: m.to }, s.chatMode as ChatMode, me.role as SeatView['role'], languageFilterOf(rules.chat));
            if (!decision.allowed) {
              // A message the filter stopped is noted for staff (who and when, not the words).
              if (decision.code === 'live.chat.language') await audit(tx, ctx, 'live.chat.refused', s.id, { requirement: 'R-LIVE-11', reason: decision.code });
              throw new ClassroomRefused(decision.code, decision.message);
            }
            const recent = await tx
              .select({ sentAt: liveChatMessages.sentAt })
              .from(liveChatMessages)
              .where(and(eq(liveChatMessages.organisationId, org), eq(liveChatMessages.sessionId, s.id), eq(liveChatMessages.senderId, me.userId), gte(liveChatMessages.sentAt, new Date(now.getTime() - rules.chat.throttle.perSeconds * 1000))));
            const throttle = staff ? ({ allowed: true } as const) : throttleChat(recent.map((r) => r.sentAt), now, rules.chat.throttle);
            if (!throttle.allowed) throw new ClassroomRefused('live.chat.throttled', `You are sending messages too quickly. Wait ${throttle.waitSeconds} seconds and try again.`);
            const [row] = await tx.insert(liveChatMessages).values({ organisationId: org, sessionId: s.id, senderId: me.userId, toHost: !staff && m.to === 'host', body: m.text.trim(), sentAt: now }).returning({ id: liveChatMessages.id });
            await events.announce(tx, topicOf(s.id), `chat:${row!.id}`);
            return;
          }
          case 'chat-mode':
            if (!staff) throw new LobbyRefused('live.not_host');
            await tx.update(liveSessions).set({ chatMode: m.mode }).where(and(eq(liveSessions.organisationId, org), eq(liveSessions.id, s.id)));
            await audit(tx, ctx, 'live.chat_mode', s.id, { requirement: 'R-LIVE-11', mode: m.mode });
            break;
          case 'check-open': {
            if (!staff) throw new LobbyRefused('live.not_host');
            if (m.kind === 'poll' && m.options.length < 2) throw new ClassroomRefused('live.check.options', 'A poll needs at least two choices.');
            await tx.update(liveChecks).set({ closedAt: now }).where(and(eq(liveChecks.organisationId, org), eq(liveChecks.sessionId, s.id), isNull(liveChecks.closedAt)));
            await tx.insert(liveChecks).values({ organisationId: org, sessionId: s.id, kind: m.kind, prompt: m.prompt, options: m.kind === 'poll' ? m.options : [], askedBy: me.userId, openedAt: now });
            await audit(tx, ctx, 'live.check_opened', s.id, { requirement: 'R-LIVE-14', kind: m.kind });
            break;
          }
          case 'check-answer': {
            if (me.role !== 'learner') throw new ClassroomRefused('live.check.learners_only', 'Only learners answer the host’s questions.');
            const open = await openCheckOf(tx, org, s.id);
            if (!open || open.id !== m.checkId) throw new ClassroomRefused('live.check.closed', 'That question has closed.');
            if (open.kind === 'poll' && !open.options.includes(m.answer)) throw new ClassroomRefused('live.check.option', 'Choose one of the answers given.');
            await tx
              .insert(liveCheckAnswers)
              .values({ organisationId: org, checkId: open.id, learnerId: me.userId, answer: m.answer, answeredAt: now })
              .onConflictDoUpdate({ target: [liveCheckAnswers.organisationId, liveCheckAnswers.checkId, liveCheckAnswers.learnerId], set: { answer: m.answer, answeredAt: now } });
            break;
          }
          case 'check-close':
            if (!staff) throw new LobbyRefused('live.not_host');
            await tx.update(liveChecks).set({ closedAt: now }).where(and(eq(liveChecks.organisationId, org), eq(liveChecks.id, m.checkId), eq(liveChecks.sessionId, s.id)));
            break;
        }
        await events.announce(tx, topicOf(s.id));
      });
    },

    /** One message, for the hub to pass on. */
    async loadChat(organisationId: string, sessionId: string, messageId: string): Promise<ChatMessageView | null> {
      return db.withTenant(organisationId, async (tx) => {
        const rows = await tx.select().from(liveChatMessages).where(and(eq(liveChatMessages.organisationId, organisationId), eq(liveChatMessages.sessionId, sessionId), eq(liveChatMessages.id, messageId)));
        return (await chatViews(tx, organisationId, rows))[0] ?? null;
      });
    },

    /** R-LIVE-11: the chat so far, in order, for the hub to give someone just let in. */
    async loadChatHistory(organisationId: string, sessionId: string): Promise<ChatMessageView[]> {
      return db.withTenant(organisationId, async (tx) => {
        const rows = await tx
          .select()
          .from(liveChatMessages)
          .where(and(eq(liveChatMessages.organisationId, organisationId), eq(liveChatMessages.sessionId, sessionId)))
          .orderBy(asc(liveChatMessages.sentAt));
        return chatViews(tx, organisationId, rows);
      });
    },

    /** R-LIVE-11: the chat log, to staff who may read the session's register. */
    async chatLog(ctx: Ctx, sessionId: string): Promise<ChatLog> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const [s] = await tx.select().from(liveSessions).where(and(eq(liveSessions.organisationId, org), eq(liveSessions.id, sessionId)));
        if (!s) throw NotFound();
        if (!(await mayReadRegisterOf(tx, permissions, ctx.actor, s))) throw NotFound();
        const rows = await tx.select().from(liveChatMessages).where(and(eq(liveChatMessages.organisationId, org), eq(liveChatMessages.sessionId, s.id))).orderBy(asc(liveChatMessages.sentAt));
        await audit(tx, ctx, 'live.chat_read', s.id, { requirement: 'R-LIVE-11', messages: rows.length });
        return { messages: await chatViews(tx, org, rows), deleteAfter: s.chatDeleteAfter?.toISOString() ?? null, deletedAt: s.chatDeletedAt?.toISOString() ?? null };
      });
    },
  };
}

export type ClassroomService = ReturnType<typeof createClassroomService>;
