import { and, eq, isNull, lte } from 'drizzle-orm';
import { z } from 'zod';
import { PLATFORM_ACTOR, recordAudit } from '../../platform/audit/record.js';
import type { Clock } from '../../platform/clock.js';
import type { Database, TenantTx } from '../../platform/db/client.js';
import type { JobQueue } from '../../platform/jobs/index.js';
import type { EventBus } from '../../platform/realtime/events.js';
import { siteCalendar } from '../organisation/index.js';
import { topicOf } from './hub.js';
import { deleteAt } from './rules.js';
import { liveChatMessages, liveSessions } from './schema.js';
import { SessionRules } from './session-rules.js';


type SessionRow = typeof liveSessions.$inferSelect;
const SessionJob = z.object({ organisationId: z.string().uuid(), sessionId: z.string().uuid() });

/**
 * What happens to a session by itself, at the times its rules set, whoever is connected and on
 * whichever instance: R-LIVE-9 the session is flagged the moment it runs past its longest length
 * (the host's page and the register say so); R-LIVE-11 its chat log is deleted when the policy's
 * retention ends. Each is a job enqueued in the transaction that opens or ends the session.
 */
export function createSessionTimers(deps: { db: Database; clock: Clock; jobs: JobQueue; events: EventBus }) {
  const { db, clock, jobs, events } = deps;

  const overrunTask = jobs.define({
    name: 'live.session.overrun',
    payload: SessionJob,
    handler: ({ organisationId, sessionId }) => db.withTenant(organisationId, (tx) => flagOverrun(tx, organisationId, sessionId)),
  });

  const chatDeleteTask = jobs.define({
    name: 'live.chat.delete',
    payload: SessionJob,
    handler: ({ organisationId, sessionId }) => db.withTenant(organisationId, (tx) => deleteChatIfDue(tx, organisationId, sessionId)),
  });

  // Belt and braces, as for recordings: a chat whose job was lost goes at the next hour.
  jobs.recurring({
    name: 'live.chats.expire',
    cron: '17 * * * *',
    handler: async () => {
      const due = await db.system
        .select({ organisationId: liveSessions.organisationId, id: liveSessions.id })
        .from(liveSessions)
        .where(and(isNull(liveSessions.chatDeletedAt), lte(liveSessions.chatDeleteAfter, clock.now())));
      for (const s of due) await db.withTenant(s.organisationId, (tx) => deleteChatIfDue(tx, s.organisationId, s.id));
    },
  });

  async function oneSession(tx: TenantTx, org: string, sessionId: string) {
    const [s] = await tx.select().from(liveSessions).where(and(eq(liveSessions.organisationId, org), eq(liveSessions.id, sessionId)));
    return s;
  }

  /** R-LIVE-9: still running at its longest length (or ended after it): flagged as of that moment. */
  async function flagOverrun(tx: TenantTx, org: string, sessionId: string) {
    const s = await oneSession(tx, org, sessionId);
    const limitAt = s ? SessionRules.parse(s.rules).limitAt : null;
    if (!s || !limitAt || s.overranAt) return;
    const limit = new Date(limitAt);
    const ranOver = s.status === 'ended' ? s.endedAt !== null && s.endedAt > limit : s.status === 'open' && clock.now() >= limit;
    if (!ranOver) return;
    await tx.update(liveSessions).set({ overranAt: limit }).where(and(eq(liveSessions.organisationId, org), eq(liveSessions.id, s.id)));
    await events.announce(tx, topicOf(s.id));
    await recordAudit(tx, { organisationId: org, actorId: PLATFORM_ACTOR.id, action: 'live.overran', subjectType: 'live_session', subjectId: s.id, at: clock.now(), details: { requirement: 'R-LIVE-9', limitAt } });
  }

  async function deleteChatIfDue(tx: TenantTx, org: string, sessionId: string) {
    const s = await oneSession(tx, org, sessionId);
    if (!s || s.chatDeletedAt || !s.chatDeleteAfter || s.chatDeleteAfter > clock.now()) return;
    const gone = await tx.delete(liveChatMessages).where(and(eq(liveChatMessages.organisationId, org), eq(liveChatMessages.sessionId, s.id))).returning({ id: liveChatMessages.id });
    await tx.update(liveSessions).set({ chatDeletedAt: clock.now() }).where(and(eq(liveSessions.organisationId, org), eq(liveSessions.id, s.id)));
    await recordAudit(tx, {
      organisationId: org,
      actorId: PLATFORM_ACTOR.id,
      action: 'live.chat.deleted',
      subjectType: 'live_session',
      subjectId: s.id,
      at: clock.now(),
      details: { requirement: 'R-LIVE-11', messages: gone.length, deleteAfter: s.chatDeleteAfter.toISOString() },
    });
  }

  return {
    /** A session opened: its overrun is flagged at its longest length, if it is still running then. */
    async opened(tx: TenantTx, s: Pick<SessionRow, 'organisationId' | 'id' | 'rules'>): Promise<void> {
      const { limitAt } = SessionRules.parse(s.rules);
      if (!limitAt) return;
      await jobs.enqueue(overrunTask, { organisationId: s.organisationId, sessionId: s.id }, { tx, runAt: new Date(limitAt), jobKey: `live.session.overrun:${s.id}` });
    },

    /** A session ended: an overrun not yet flagged is, and its chat log's deletion is dated and scheduled. */
    async ended(tx: TenantTx, s: SessionRow, endedAt: Date): Promise<void> {
      const rules = SessionRules.parse(s.rules);
      if (rules.limitAt && !s.overranAt && endedAt > new Date(rules.limitAt)) {
        await tx.update(liveSessions).set({ overranAt: new Date(rules.limitAt) }).where(and(eq(liveSessions.organisationId, s.organisationId), eq(liveSessions.id, s.id)));
      }
      const zone = (await siteCalendar(tx, s.organisationId, s.siteId, endedAt.toISOString().slice(0, 10)))?.calendar ?? { timeZone: 'Europe/London' };
      const chatDeleteAfter = deleteAt(endedAt, rules.chatRetentionDays, zone);
      await tx.update(liveSessions).set({ chatDeleteAfter }).where(and(eq(liveSessions.organisationId, s.organisationId), eq(liveSessions.id, s.id)));
      await jobs.enqueue(chatDeleteTask, { organisationId: s.organisationId, sessionId: s.id }, { tx, runAt: chatDeleteAfter, jobKey: `live.chat.delete:${s.id}` });
    },
  };
}

export type SessionTimers = ReturnType<typeof createSessionTimers>;
