import { and, asc, eq, isNull } from 'drizzle-orm';
import type { ClientMessage, RegisterView, SeatView } from '../../../shared/live.js';
import type { Ctx } from '../../platform/auth/actor.js';
import type { Permissions } from '../../platform/authz.js';
import { recordAudit } from '../../platform/audit/record.js';
import type { Clock } from '../../platform/clock.js';
import type { Database, TenantTx } from '../../platform/db/client.js';
import { NotFound } from '../../platform/errors.js';
import type { EventBus } from '../../platform/realtime/events.js';
import { personNames } from '../identity/index.js';
import { mayReadRegisterOf } from './access.js';
import { CannotOpen, LinkNotYours, LobbyRefused, NoticesFirst, NotInvited, SessionEnded, SessionLocked } from './errors.js';
import { startDecision } from './one-to-one.js';
import { openCheckOf } from './classroom.js';
import { topicOf, type RoomSnapshot } from './hub.js';
import { apply, decide, type LobbyCommand, type Room, type Seat, type SeatChange } from './lobby.js';
import { registerOf } from './register.js';
import { liveNotices, liveParticipants, livePresence, liveSessions } from './schema.js';
import { SessionRules } from './session-rules.js';
import type { SessionTimers } from './timers.js';

/**
 * R-LIVE-3..8 against the database: arriving through one's personal link, the host's commands,
 * leaving, the room as each instance re-reads it, and the register. Every change is written in
 * one transaction with its presence stretches and audit entry, then announced to every instance.
 */

export type SessionRow = typeof liveSessions.$inferSelect;
type ParticipantRow = typeof liveParticipants.$inferSelect;


export function createLobbyService(deps: { db: Database; clock: Clock; permissions: Permissions; events: EventBus; timers: Pick<SessionTimers, 'ended'> }) {
  const { db, clock, permissions, events } = deps;

  async function oneSession(tx: TenantTx, org: string, sessionId: string): Promise<SessionRow> {
    const [row] = await tx.select().from(liveSessions).where(and(eq(liveSessions.organisationId, org), eq(liveSessions.id, sessionId)));
    if (!row) throw NotFound();
    return row;
  }

  const rulesOf = (s: SessionRow) => SessionRules.parse(s.rules);
  const lobbyRules = (r: SessionRules) => ({ lobby: r.lobby, learnerAudioOnEntry: r.learnerAudioOnEntry, learnerVideoOnEntry: r.learnerVideoOnEntry, rejoinGraceSeconds: r.rejoinGraceSeconds });

  async function participantsOf(tx: TenantTx, org: string, sessionId: string): Promise<ParticipantRow[]> {
    return tx.select().from(liveParticipants).where(and(eq(liveParticipants.organisationId, org), eq(liveParticipants.sessionId, sessionId)));
  }

  const seatOf = (p: ParticipantRow): Seat => ({
    userId: p.userId,
    role: p.role as Seat['role'],
    standing: p.standing as Seat['standing'],
    audio: p.audio,
    video: p.video,
    connected: p.connected,
    leftAt: p.leftAt?.toISOString() ?? null,
  });

  function roomOf(s: SessionRow, rows: ParticipantRow[]): Room {
    return { status: s.status === 'ended' ? 'ended' : 'open', locked: s.locked, seats: rows.map(seatOf) };
  }

  /** What someone's presence is: waiting in the lobby, in the session, or neither. */
  const presenceOf = (s: Seat | undefined): 'waiting' | 'in' | null => (!s?.connected ? null : s.standing === 'waiting' ? 'waiting' : s.standing === 'admitted' ? 'in' : null);

  /** Writes a decision: the seats, their presence stretches, the room's lock and end. */
  async function write(tx: TenantTx, org: string, s: SessionRow, before: Room, changes: { seats: SeatChange[]; locked?: boolean; ended?: boolean }, now: Date) {
    const after = apply(before, { ok: true, ...changes });
    for (const change of changes.seats) {
      const { userId, ...set } = change;
      await tx
        .update(liveParticipants)
        .set({ ...set, leftAt: set.leftAt === undefined ? undefined : set.leftAt === null ? null : new Date(set.leftAt) })
        .where(and(eq(liveParticipants.organisationId, org), eq(liveParticipants.sessionId, s.id), eq(liveParticipants.userId, userId)));
      const was = presenceOf(before.seats.find((x) => x.userId === userId));
      const is = presenceOf(after.seats.find((x) => x.userId === userId));
      if (was === is) continue;
      if (was) {
        await tx
          .update(livePresence)
          .set({ until: now })
          .where(and(eq(livePresence.organisationId, org), eq(livePresence.sessionId, s.id), eq(livePresence.userId, userId), isNull(livePresence.until)));
      }
      if (is) await tx.insert(livePresence).values({ organisationId: org, sessionId: s.id, userId, kind: is, since: now });
    }
    if (changes.locked !== undefined || changes.ended) {
      await tx
        .update(liveSessions)
        .set({ ...(changes.locked !== undefined ? { locked: changes.locked } : {}), ...(changes.ended ? { status: 'ended', endedAt: now } : {}) })
        .where(and(eq(liveSessions.organisationId, org), eq(liveSessions.id, s.id)));
    }
    if (changes.ended) await deps.timers.ended(tx, s, now);
    await events.announce(tx, topicOf(s.id));
    return after;
  }

  async function noticesShownByHost(tx: TenantTx, org: string, sessionId: string): Promise<boolean> {
    const [row] = await tx
      .select({ id: liveNotices.id })
      .from(liveNotices)
      .where(and(eq(liveNotices.organisationId, org), eq(liveNotices.sessionId, sessionId), eq(liveNotices.kind, 'host')))
      .limit(1);
    return row !== undefined;
  }

  async function audit(tx: TenantTx, ctx: Ctx, action: string, sessionId: string, details: Record<string, unknown>) {
    await recordAudit(tx, { organisationId: ctx.actor.organisationId, actorId: ctx.actor.userId, action, subjectType: 'live_session', subjectId: sessionId, meta: ctx.meta, at: clock.now(), details });
  }

  return {
    /**
     * R-LIVE-3, -4: someone opens their personal link, signed in. The link must be theirs: a link
     * of another person, or a person not invited, does not get in. They wait in the lobby (or go
     * straight in: the host, staff, or a dropped connection back within the grace period).
     */
    async arrive(ctx: Ctx, sessionId: string, link: string): Promise<{ organisationId: string; seat: Seat }> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const s = await oneSession(tx, org, sessionId);
        const rows = await participantsOf(tx, org, s.id);
        const mine = rows.find((p) => p.userId === ctx.actor.userId);
        if (!mine) {
          if (rows.some((p) => p.linkToken === link)) throw LinkNotYours();
          throw NotInvited();
        }
        if (mine.linkToken !== link) throw LinkNotYours();
        if (s.status === 'ended') throw SessionEnded();
        const now = clock.now();
        const room = roomOf(s, rows);
        const d = decide(room, { type: 'arrive', userId: ctx.actor.userId }, lobbyRules(rulesOf(s)), now.toISOString());
        if (!d.ok) throw d.refusal === 'live.locked' ? SessionLocked() : d.refusal === 'live.ended' ? SessionEnded() : NotInvited();
        const after = await write(tx, org, s, room, d, now);
        // R-LIVE-6: everyone sees the notices on entry; the record says when and to whom.
        for (const text of rulesOf(s).notices) await tx.insert(liveNotices).values({ organisationId: org, sessionId: s.id, userId: ctx.actor.userId, kind: 'entry', text, shownAt: now });
        await audit(tx, ctx, 'live.arrived', s.id, { requirement: 'R-LIVE-4', standing: after.seats.find((x) => x.userId === ctx.actor.userId)!.standing });
        return { organisationId: org, seat: after.seats.find((x) => x.userId === ctx.actor.userId)! };
      });
    },

    /** A socket closed: the person is no longer waiting, or keeps their place for the grace period. */
    async depart(organisationId: string, sessionId: string, userId: string): Promise<void> {
      await db.withTenant(organisationId, async (tx) => {
        const s = await oneSession(tx, organisationId, sessionId);
        const rows = await participantsOf(tx, organisationId, s.id);
        const room = roomOf(s, rows);
        const d = decide(room, { type: 'depart', userId }, lobbyRules(rulesOf(s)), clock.now().toISOString());
        if (d.ok) await write(tx, organisationId, s, room, d, clock.now());
      });
    },

    /** R-LIVE-4, -5, -6: the host's commands from the session page. Refusals come back in words. */
    async command(ctx: Ctx, sessionId: string, message: Extract<ClientMessage, { type: 'notices-shown' | 'adult-confirmed' | 'admit' | 'decline' | 'remove' | 'permit' | 'lock' | 'end' }>): Promise<void> {
      const org = ctx.actor.organisationId;
      await db.withTenant(org, async (tx) => {
        const s = await oneSession(tx, org, sessionId);
        const rows = await participantsOf(tx, org, s.id);
        const me = rows.find((p) => p.userId === ctx.actor.userId);
        if (!me) throw NotInvited();
        const now = clock.now();
        if (message.type === 'notices-shown') {
          if (me.role !== 'host') throw new LobbyRefused('live.not_host');
          for (const text of rulesOf(s).notices) await tx.insert(liveNotices).values({ organisationId: org, sessionId: s.id, userId: me.userId, kind: 'host', text, shownAt: now });
          await events.announce(tx, topicOf(s.id));
          await audit(tx, ctx, 'live.notices_shown', s.id, { requirement: 'R-LIVE-6', notices: rulesOf(s).notices.length });
          return;
        }
        if (message.type === 'adult-confirmed') {
          if (me.role !== 'host') throw new LobbyRefused('live.not_host');
          await tx.update(liveSessions).set({ adultConfirmedAt: now }).where(and(eq(liveSessions.organisationId, org), eq(liveSessions.id, s.id)));
          await events.announce(tx, topicOf(s.id));
          await audit(tx, ctx, 'live.adult_confirmed', s.id, { requirement: 'R-LIVE-10' });
          return;
        }
        if (message.type === 'admit' && s.status !== 'open') throw CannotOpen('Open the session before letting anyone in.');
        if (message.type === 'admit' && !(await noticesShownByHost(tx, org, s.id))) throw NoticesFirst();
        if (message.type === 'admit' && s.kind === 'one_to_one') {
          // R-LIVE-10: a 1-1 starts when its learner is let in: authorised where needed, a second member of staff present where lone working is a concern.
          const secondStaffPresent = rows.some((p) => p.role === 'staff' && p.standing === 'admitted' && p.connected);
          const decision = await startDecision(tx, org, s, { secondStaffPresent, adultWithLearnerConfirmed: s.adultConfirmedAt !== null });
          if (!decision.allowed) throw CannotOpen(decision.message);
        }
        const by = ctx.actor.userId;
        const command: LobbyCommand =
          message.type === 'admit'
            ? { type: 'admit', by, userIds: message.userIds }
            : message.type === 'decline'
              ? { type: 'decline', by, userIds: message.userIds }
              : message.type === 'remove'
                ? { type: 'remove', by, userId: message.userId }
                : message.type === 'permit'
                  ? { type: 'permit', by, userIds: message.userIds, audio: message.audio, video: message.video }
                  : message.type === 'lock'
                    ? { type: 'lock', by, locked: message.locked }
                    : { type: 'end', by };
        const room = roomOf(s, rows);
        const d = decide(room, command, lobbyRules(rulesOf(s)), now.toISOString());
        if (!d.ok) throw new LobbyRefused(d.refusal);
        await write(tx, org, s, room, d, now);
        await audit(tx, ctx, `live.${message.type}`, s.id, { requirement: message.type === 'admit' || message.type === 'decline' ? 'R-LIVE-4' : 'R-LIVE-5', seats: d.seats.map((c) => ({ ...c })) });
      });
    },

    /** The room as the hub re-reads it for its sockets (they were authorised when they arrived). */
    async loadRoom(organisationId: string, sessionId: string): Promise<RoomSnapshot | null> {
      return db.withTenant(organisationId, async (tx) => {
        const [s] = await tx.select().from(liveSessions).where(and(eq(liveSessions.organisationId, organisationId), eq(liveSessions.id, sessionId)));
        if (!s) return null;
        const rows = await participantsOf(tx, organisationId, s.id);
        const names = await personNames(tx, organisationId, rows.map((r) => r.userId));
        const seats: SeatView[] = rows
          .map((r) => ({ userId: r.userId, displayName: names.get(r.userId) ?? '', role: r.role as SeatView['role'], standing: r.standing as SeatView['standing'], audio: r.audio, video: r.video, connected: r.connected }))
          .sort((a, b) => a.displayName.localeCompare(b.displayName));
        return {
          status: s.status as RoomSnapshot['status'],
          locked: s.locked,
          noticesShown: await noticesShownByHost(tx, organisationId, s.id),
          seats,
          chatMode: s.chatMode as RoomSnapshot['chatMode'],
          overranAt: s.overranAt?.toISOString() ?? null,
          adultCheck: s.kind === 'one_to_one' && rulesOf(s).adultWithLearner ? (s.adultConfirmedAt ? 'confirmed' : 'needed') : 'not_needed',
          check: await openCheckOf(tx, organisationId, s.id),
        };
      });
    },

    /** R-LIVE-8: who attended, from when to when and for how long; who waited and was never admitted; who never came. */
    async register(ctx: Ctx, sessionId: string): Promise<RegisterView> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const s = await oneSession(tx, org, sessionId);
        if (!(await mayReadRegisterOf(tx, permissions, ctx.actor, s))) throw NotFound();
        const rows = await participantsOf(tx, org, s.id);
        const stretches = await tx
          .select()
          .from(livePresence)
          .where(and(eq(livePresence.organisationId, org), eq(livePresence.sessionId, s.id)))
          .orderBy(asc(livePresence.since));
        const end = s.endedAt ?? clock.now();
        const lines = registerOf(
          rows.map((r) => r.userId),
          stretches.map((p) => ({ userId: p.userId, kind: p.kind as 'waiting' | 'in', since: p.since.toISOString(), until: p.until?.toISOString() ?? null })),
          end.toISOString(),
        );
        const names = await personNames(tx, org, rows.map((r) => r.userId));
        const rules = rulesOf(s);
        const roleOf = new Map(rows.map((r) => [r.userId, r.role as SeatView['role']]));
        return {
          session: {
            id: s.id,
            title: s.title,
            startsAt: s.startsAt.toISOString(),
            endsAt: s.endsAt.toISOString(),
            openedAt: s.openedAt?.toISOString() ?? null,
            endedAt: s.endedAt?.toISOString() ?? null,
            overran: s.overranAt !== null || (rules.limitAt !== null && end.getTime() > Date.parse(rules.limitAt)),
            overranAt: s.overranAt?.toISOString() ?? null,
          },
          lines: lines
            .map((l) => ({ ...l, person: { id: l.userId, displayName: names.get(l.userId) ?? '' }, role: roleOf.get(l.userId) ?? 'learner' }))
            .map(({ userId: _u, ...l }) => l)
            .sort((a, b) => a.person.displayName.localeCompare(b.person.displayName)),
        };
      });
    },
  };
}

export type LobbyService = ReturnType<typeof createLobbyService>;
