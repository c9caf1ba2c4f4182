import { and, eq } from 'drizzle-orm';
import { BookFamilyMeetingBody, type Invitation, type MeetingViews, type MeetingViewsBody } from '../../../shared/live.js';
import type { Ctx } from '../../platform/auth/actor.js';
import type { Permissions } from '../../platform/authz.js';
import { recordAudit } from '../../platform/audit/record.js';
import type { Clock } from '../../platform/clock.js';
import type { Database, TenantTx } from '../../platform/db/client.js';
import { NotFound } from '../../platform/errors.js';
import { peopleFacts, personFacts, personNames } from '../identity/index.js';
import { instantAt, siteCalendar } from '../organisation/index.js';
import { policyInForce } from '../policy/index.js';
import { CannotOpen, NotInvited } from './errors.js';
import type { MediaProvider } from './media/provider.js';
import { ageOn, canStartOn } from './rules.js';
import { liveMeetingViews, liveParticipants, liveSessions } from './schema.js';
import type { SeatRole } from '../../../shared/live.js';
import { invitationOf, invite } from './invitations.js';
import { sessionRulesFor } from './session-rules.js';

/**
 * R-LIVE-13: online meetings with a learner's family (an EHCP review, a reintegration meeting),
 * with the same lobby, personal links and host control as a lesson, and the views of the child
 * and of the family written down afterwards and kept with the learner.
 */
export function createFamilyMeetings(deps: { db: Database; clock: Clock; permissions: Permissions; media: Pick<MediaProvider, 'name' | 'canRecord'> }) {
  const { db, clock, permissions, media } = deps;

  const audit = (tx: TenantTx, ctx: Ctx, action: string, subjectType: string, subjectId: string, details: Record<string, unknown>) =>
    recordAudit(tx, { organisationId: ctx.actor.organisationId, actorId: ctx.actor.userId, action, subjectType, subjectId, meta: ctx.meta, at: clock.now(), details });

  /** A learner staff may book meetings about, with their site. */
  async function learnerFor(tx: TenantTx, ctx: Ctx, learnerId: string) {
    const facts = await personFacts(tx, ctx.actor.organisationId, learnerId);
    if (!facts || !permissions.authorize(ctx.actor, 'live.book', facts).allowed) throw NotFound();
    const siteId = facts.siteIds?.find((x) => x !== null);
    if (!siteId) throw NotFound();
    return { facts, siteId };
  }

  return {
    /** R-LIVE-13: book the meeting; the family (and the child, unless not) are invited with personal links. */
    async book(ctx: Ctx, input: BookFamilyMeetingBody): Promise<Invitation> {
      const body = BookFamilyMeetingBody.parse(input);
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const { siteId } = await learnerFor(tx, ctx, body.learnerId);
        const found = await siteCalendar(tx, org, siteId, body.date);
        if (!found) throw NotFound();
        const startsAt = instantAt(found.calendar, body.date, body.start);
        const endsAt = instantAt(found.calendar, body.date, body.end);
        if (endsAt <= startsAt) throw CannotOpen('A meeting must end after it starts.');
        const inForce = await policyInForce(tx, org, siteId);
        const policy = inForce?.document.sections.live;
        if (!inForce || !policy) throw CannotOpen('Adopt a remote-learning policy before booking live sessions.');
        const provider = canStartOn(policy, 'family_meeting', media);
        if (!provider.allowed) throw CannotOpen(provider.message);
        const people = await peopleFacts(tx, org, [body.learnerId]);
        const learner = people.get(body.learnerId);
        if (!learner || learner.guardianIds.length === 0) throw CannotOpen('No parent or carer is linked to this learner yet: link one before booking a meeting with the family.');
        const rules = sessionRulesFor(policy, inForce.version, 'family_meeting', { startsAt, endsAt, timeZone: found.calendar.timeZone }, learner.birthDate ? [ageOn(learner.birthDate, body.date)] : []);
        const now = clock.now();
        const [s] = await tx
          .insert(liveSessions)
          .values({ organisationId: org, kind: 'family_meeting', siteId, title: body.title, startsAt, endsAt, hostId: ctx.actor.userId, status: 'booked', provider: media.name, chatMode: 'everyone', rules, policyVersion: String(inForce.version), learnerId: body.learnerId, createdBy: ctx.actor.userId, createdAt: now })
          .returning();
        const seats: { userId: string; role: SeatRole }[] = [
          { userId: ctx.actor.userId, role: 'host' },
          ...body.otherStaffIds.filter((id) => id !== ctx.actor.userId).map((id) => ({ userId: id, role: 'staff' as const })),
          ...(body.withLearner ? [{ userId: body.learnerId, role: 'learner' as const }] : []),
          ...learner.guardianIds.map((id) => ({ userId: id, role: 'guardian' as const })),
        ];
        const tokens = await invite(tx, org, s!.id, seats, now);
        await audit(tx, ctx, 'live.family_meeting.booked', 'live_session', s!.id, { requirement: 'R-LIVE-13', learnerId: body.learnerId, invited: seats.length });
        const names = await personNames(tx, org, [ctx.actor.userId]);
        return invitationOf(s!, 'host', tokens.get(ctx.actor.userId)!, names.get(ctx.actor.userId) ?? '');
      });
    },

    /** R-LIVE-13: the views kept from a meeting, to the staff who were in it (to read again, or to correct). Audited. */
    async readViews(ctx: Ctx, sessionId: string): Promise<MeetingViews> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const s = await meetingForItsStaff(tx, ctx, sessionId);
        const [v] = await tx.select().from(liveMeetingViews).where(and(eq(liveMeetingViews.organisationId, org), eq(liveMeetingViews.sessionId, s.id)));
        if (!v) return null;
        const names = await personNames(tx, org, [v.recordedBy]);
        await audit(tx, ctx, 'live.family_meeting.views_read', 'user', s.learnerId, { requirement: 'R-LIVE-13', sessionId: s.id });
        return { childViews: v.childViews, familyViews: v.familyViews, recordedBy: names.get(v.recordedBy) ?? '', recordedAt: v.recordedAt.toISOString() };
      });
    },

    /** R-LIVE-13: the staff in the meeting write down the child's views and the family's. */
    async recordViews(ctx: Ctx, sessionId: string, body: MeetingViewsBody): Promise<void> {
      const org = ctx.actor.organisationId;
      await db.withTenant(org, async (tx) => {
        const s = await meetingForItsStaff(tx, ctx, sessionId);
        const now = clock.now();
        await tx
          .insert(liveMeetingViews)
          .values({ organisationId: org, sessionId: s.id, learnerId: s.learnerId, childViews: body.childViews, familyViews: body.familyViews, recordedBy: ctx.actor.userId, recordedAt: now })
          .onConflictDoUpdate({ target: [liveMeetingViews.organisationId, liveMeetingViews.sessionId], set: { childViews: body.childViews, familyViews: body.familyViews, recordedBy: ctx.actor.userId, recordedAt: now } });
        await audit(tx, ctx, 'live.family_meeting.views_recorded', 'user', s.learnerId, { requirement: 'R-LIVE-13', sessionId: s.id });
      });
    },
  };
}

/** A family meeting, if the caller was one of its staff (host or invited colleague); otherwise not found or not invited. */
async function meetingForItsStaff(tx: TenantTx, ctx: Ctx, sessionId: string) {
  const org = ctx.actor.organisationId;
  const [s] = await tx.select().from(liveSessions).where(and(eq(liveSessions.organisationId, org), eq(liveSessions.id, sessionId)));
  if (!s || s.kind !== 'family_meeting' || !s.learnerId) throw NotFound();
  const [me] = await tx.select().from(liveParticipants).where(and(eq(liveParticipants.organisationId, org), eq(liveParticipants.sessionId, s.id), eq(liveParticipants.userId, ctx.actor.userId)));
  if (!me || (me.role !== 'host' && me.role !== 'staff')) throw NotInvited();
  return { ...s, learnerId: s.learnerId };
}

export type FamilyMeetings = ReturnType<typeof createFamilyMeetings>;
