import { and, asc, eq, gte, inArray, isNull } from 'drizzle-orm';
import type { BookOneToOneBody, Invitation, PendingAuthorisations } from '../../../shared/live.js';
import { BookOneToOneBody as BookBody } from '../../../shared/live.js';
import type { Ctx } from '../../platform/auth/actor.js';
import type { Permissions } from '../../platform/authz.js';
import { recordAudit } from '../../platform/audit/record.js';
import type { Clock } from '../../platform/clock.js';
import type { Database, TenantTx } from '../../platform/db/client.js';
import { NotFound } from '../../platform/errors.js';
import type { EventBus } from '../../platform/realtime/events.js';
import { peopleFacts, personFacts, personNames, rolesAt } from '../identity/index.js';
import { instantAt, isApprentice, siteCalendar } from '../organisation/index.js';
import { policyInForce } from '../policy/index.js';
import { personAt } from './access.js';
import { CannotOpen } from './errors.js';
import { topicOf } from './hub.js';
import type { MediaProvider } from './media/provider.js';
import { ageOn, authorisationNeeded, canOpen, canStartOn, canStartOneToOne, type OneToOneFacts } from './rules.js';
import { liveSessions } from './schema.js';
import type { SeatRole } from '../../../shared/live.js';
import { invitationOf, invite } from './invitations.js';
import { sessionRulesFor } from './session-rules.js';
import type { SessionTimers } from './timers.js';

const PURPOSE: Record<BookOneToOneBody['purpose'], string> = { teaching: 'Teaching', review: 'Review', interview: 'Interview', counselling: 'Counselling', catch_up: 'Catch-up' };

/**
 * R-LIVE-10: 1-1 sessions with one learner. Booked ahead (so they are scheduled, R-LIVE-1),
 * authorised by a senior manager when the policy asks for it away from the home centre, opened
 * by the host at their time, and held back until a second member of staff has joined where lone
 * working with the learner is a concern (checked when the learner is admitted). Under seed 000
 * they are always recorded.
 */
export function createOneToOneService(deps: { db: Database; clock: Clock; permissions: Permissions; events: EventBus; media: Pick<MediaProvider, 'name' | 'canRecord'>; timers: Pick<SessionTimers, 'opened'> }) {
  const { db, clock, permissions, events, media } = deps;

  async function policyAt(tx: TenantTx, org: string, siteId: string) {
    const inForce = await policyInForce(tx, org, siteId);
    const live = inForce?.document.sections.live;
    if (!inForce || !live) throw CannotOpen('Adopt a remote-learning policy before booking live sessions.');
    return { policy: live, version: inForce.version };
  }

  const audit = (tx: TenantTx, ctx: Ctx, action: string, sessionId: string, details: Record<string, unknown>) =>
    recordAudit(tx, { organisationId: ctx.actor.organisationId, actorId: ctx.actor.userId, action, subjectType: 'live_session', subjectId: sessionId, meta: ctx.meta, at: clock.now(), details });

  async function hostSession(tx: TenantTx, ctx: Ctx, sessionId: string) {
    const org = ctx.actor.organisationId;
    const [s] = await tx.select().from(liveSessions).where(and(eq(liveSessions.organisationId, org), eq(liveSessions.id, sessionId)));
    if (!s || s.kind === 'lesson') throw NotFound();
    return s;
  }

  return {
    /** R-LIVE-10: book a 1-1; refused now (not on the day) if the policy records it and the media server cannot. */
    async book(ctx: Ctx, input: BookOneToOneBody): Promise<Invitation> {
      const body = BookBody.parse(input);
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const learner = await personFacts(tx, org, body.learnerId);
        if (!learner || !permissions.authorize(ctx.actor, 'live.book', learner).allowed) throw NotFound();
        const siteId = learner.siteIds?.find((x) => x !== null);
        if (!siteId) throw NotFound();
        const found = await siteCalendar(tx, org, siteId, body.date);
        if (!found) throw NotFound();
        const startsAt = instantAt(found.calendar, body.date, body.start);
        const endsAt = instantAt(found.calendar, body.date, body.end);
        if (endsAt <= startsAt) throw CannotOpen('A 1-1 must end after it starts.');
        const { policy, version } = await policyAt(tx, org, siteId);
        const provider = canStartOn(policy, 'one_to_one', media);
        if (!provider.allowed) throw CannotOpen(provider.message);
        const people = await peopleFacts(tx, org, [body.learnerId, ctx.actor.userId, ...(body.secondStaffId ? [body.secondStaffId] : [])]);
        const birth = people.get(body.learnerId)?.birthDate;
        const rules = sessionRulesFor(policy, version, 'one_to_one', { startsAt, endsAt, timeZone: found.calendar.timeZone }, birth ? [ageOn(birth, body.date)] : [], {
          isApprentice: await isApprentice(tx, org, body.learnerId),
        });
        const now = clock.now();
        const [s] = await tx
          .insert(liveSessions)
          .values({
            organisationId: org,
            kind: 'one_to_one',
            siteId,
            title: `${PURPOSE[body.purpose]} 1-1 with ${people.get(body.learnerId)?.displayName ?? ''}`,
            startsAt,
            endsAt,
            hostId: ctx.actor.userId,
            status: 'booked',
            provider: media.name,
            chatMode: policy.chat.value,
            rules,
            policyVersion: String(version),
            learnerId: body.learnerId,
            purpose: body.purpose,
            location: body.hostLocation,
            loneWorkingConcern: body.loneWorkingConcern,
            createdBy: ctx.actor.userId,
            createdAt: now,
          })
          .returning();
        const seats: { userId: string; role: SeatRole }[] = [
          { userId: ctx.actor.userId, role: 'host' },
          { userId: body.learnerId, role: 'learner' },
          ...(body.secondStaffId ? [{ userId: body.secondStaffId, role: 'staff' as const }] : []),
        ];
        const tokens = await invite(tx, org, s!.id, seats, now);
        await audit(tx, ctx, 'live.one_to_one.booked', s!.id, { requirement: 'R-LIVE-10', learnerId: body.learnerId, purpose: body.purpose, hostLocation: body.hostLocation, loneWorkingConcern: body.loneWorkingConcern });
        const names = await personNames(tx, org, [ctx.actor.userId]);
        return invitationOf(s!, 'host', tokens.get(ctx.actor.userId)!, names.get(ctx.actor.userId) ?? '', null, authorisationNeeded(policy, body.hostLocation));
      });
    },

    /**
     * R-LIVE-10, seed 000: the 1-1s away from their home centre that wait for this senior
     * manager's authorisation: booked, not yet over, at a site where they may authorise, under a
     * policy that asks for it.
     */
    async pending(ctx: Ctx): Promise<PendingAuthorisations> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const rows = await tx
          .select()
          .from(liveSessions)
          .where(
            and(
              eq(liveSessions.organisationId, org),
              eq(liveSessions.kind, 'one_to_one'),
              eq(liveSessions.status, 'booked'),
              isNull(liveSessions.authorisedAt),
              inArray(liveSessions.location, ['home', 'other_centre']),
              gte(liveSessions.endsAt, clock.now()),
            ),
          )
          .orderBy(asc(liveSessions.startsAt));
        const mayAuthorise = rows.filter((s) => permissions.authorize(ctx.actor, 'live.authorise', { organisationId: org, siteIds: [s.siteId] }).allowed);
        const needing: typeof rows = [];
        for (const s of mayAuthorise) {
          const policy = (await policyInForce(tx, org, s.siteId))?.document.sections.live;
          if (policy && authorisationNeeded(policy, s.location as 'home' | 'other_centre')) needing.push(s);
        }
        const names = await personNames(tx, org, needing.map((s) => s.hostId));
        return {
          oneToOnes: needing.map((s) => ({
            sessionId: s.id,
            title: s.title,
            startsAt: s.startsAt.toISOString(),
            endsAt: s.endsAt.toISOString(),
            host: { id: s.hostId, displayName: names.get(s.hostId) ?? '' },
            hostLocation: s.location as 'home' | 'other_centre',
            loneWorkingConcern: s.loneWorkingConcern,
          })),
        };
      });
    },

    /** R-LIVE-10, seed 000: a senior manager's recorded authorisation of a 1-1 away from the home centre. */
    async authorise(ctx: Ctx, sessionId: string): Promise<void> {
      const org = ctx.actor.organisationId;
      await db.withTenant(org, async (tx) => {
        const s = await hostSession(tx, ctx, sessionId);
        if (!permissions.authorize(ctx.actor, 'live.authorise', { organisationId: org, siteIds: [s.siteId] }).allowed) throw NotFound();
        await tx.update(liveSessions).set({ authorisedBy: ctx.actor.userId, authorisedAt: clock.now() }).where(and(eq(liveSessions.organisationId, org), eq(liveSessions.id, s.id)));
        await audit(tx, ctx, 'live.one_to_one.authorised', s.id, { requirement: 'R-LIVE-10', hostLocation: s.location });
      });
    },

    /** R-LIVE-1, -10, -13: the host opens a booked 1-1 (once authorised where the policy asks) or family meeting at its time. */
    async open(ctx: Ctx, sessionId: string): Promise<void> {
      const org = ctx.actor.organisationId;
      await db.withTenant(org, async (tx) => {
        const s = await hostSession(tx, ctx, sessionId);
        if (s.hostId !== ctx.actor.userId) throw NotFound();
        if (s.status === 'open') return;
        const { policy } = await policyAt(tx, org, s.siteId);
        const found = await siteCalendar(tx, org, s.siteId, clock.now().toISOString().slice(0, 10));
        const opening = canOpen({ scheduledBy: 'booking', startsAt: s.startsAt, endsAt: s.endsAt, hostId: s.hostId, timeZone: found?.calendar.timeZone ?? 'Europe/London' }, personAt(ctx.actor, s.siteId), clock.now(), policy);
        if (!opening.allowed) throw CannotOpen(opening.message);
        // Authorisation is needed before anyone is let in; the second member of staff, when they are (see startDecision).
        if (s.kind === 'one_to_one') {
          const authorised = await startDecision(tx, org, s, { secondStaffPresent: true, adultWithLearnerConfirmed: true });
          if (!authorised.allowed) throw CannotOpen(authorised.message);
        }
        await tx.update(liveSessions).set({ status: 'open', openedAt: clock.now() }).where(and(eq(liveSessions.organisationId, org), eq(liveSessions.id, s.id)));
        await deps.timers.opened(tx, s);
        await events.announce(tx, topicOf(s.id));
        await audit(tx, ctx, 'live.opened', s.id, { requirement: 'R-LIVE-10', decision: opening.source });
      });
    },
  };
}

/**
 * R-LIVE-10: whether a 1-1 may start (its learner be admitted) now, by the policy in force and the
 * session's facts. The lobby asks it before admitting anyone to a 1-1.
 */
export async function startDecision(tx: TenantTx, org: string, s: typeof liveSessions.$inferSelect, present: Pick<OneToOneFacts, 'secondStaffPresent' | 'adultWithLearnerConfirmed'>) {
  const policy = (await policyInForce(tx, org, s.siteId))?.document.sections.live;
  if (!policy) return { allowed: false as const, message: 'Adopt a remote-learning policy before holding live sessions.', code: 'live.no_policy' };
  let authorisation: OneToOneFacts['authorisation'] = null;
  if (s.authorisedBy) {
    authorisation = { byPersonId: s.authorisedBy, byRoles: await rolesAt(tx, org, s.authorisedBy, s.siteId) };
  }
  return canStartOneToOne(policy, {
    hostLocation: (s.location as OneToOneFacts['hostLocation']) ?? 'home_centre',
    authorisation,
    loneWorkingConcern: s.loneWorkingConcern,
    ...present,
  });
}

export type OneToOneService = ReturnType<typeof createOneToOneService>;
