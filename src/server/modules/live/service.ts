import { and, eq, gte, inArray, lt, ne } from 'drizzle-orm';
import type { Invitation, LiveToday, OpenLessonBody, SessionView } from '../../../shared/live.js';
import type { Ctx } from '../../platform/auth/actor.js';
import type { Permissions } from '../../platform/authz.js';
import { recordAudit } from '../../platform/audit/record.js';
import type { Clock } from '../../platform/clock.js';
import type { Database, TenantTx } from '../../platform/db/client.js';
import { NotFound } from '../../platform/errors.js';
import type { Mailer } from '../../platform/mail/index.js';
import type { EventBus } from '../../platform/realtime/events.js';
import { peopleFacts, personNames } from '../identity/index.js';
import { classFacts, classesTaughtBy, learnersOf, lessonsOn, localDateOf, siteCalendar, timetableOf, type ClassFacts, type LessonSlot, type SiteCalendar } from '../organisation/index.js';
import { policyInForce } from '../policy/index.js';
import { personAt } from './access.js';
import { CannotOpen, NotALesson, NotInvited } from './errors.js';
import { topicOf } from './hub.js';
import type { SeatRole } from '../../../shared/live.js';
import { invitationOf, invite, linkOf } from './invitations.js';
import type { MediaProvider } from './media/provider.js';
import type { LivePolicy } from './policy.js';
import { ageOn, authorisationNeeded, canOpen, canStartOn, invitees } from './rules.js';
import { liveParticipants, liveSessions } from './schema.js';
import { SessionRules, sessionRulesFor } from './session-rules.js';
import type { SessionTimers } from './timers.js';

/**
 * R-LIVE-1, -2, -6, -7, -9: opening a timetabled lesson as a live session under the policy in
 * force, inviting its learners (and their parents where the policy says) with personal links,
 * and what each invited person sees of it before they join.
 */
export function createLiveService(deps: { db: Database; clock: Clock; permissions: Permissions; events: EventBus; media: Pick<MediaProvider, 'name' | 'canRecord'>; mail: Pick<Mailer, 'send'>; timers: Pick<SessionTimers, 'opened'>; publicUrl: string }) {
  const { db, clock, permissions, events, media, mail } = deps;

  async function livePolicy(tx: TenantTx, org: string, siteId: string): Promise<{ policy: LivePolicy; version: number }> {
    const inForce = await policyInForce(tx, org, siteId);
    const live = inForce?.document.sections.live;
    if (!inForce || !live) throw CannotOpen('Adopt a remote-learning policy before opening live sessions: it decides the lobby, recording and the notices.');
    return { policy: live, version: inForce.version };
  }

  async function calendarOn(tx: TenantTx, org: string, siteId: string, date: string): Promise<SiteCalendar> {
    const found = await siteCalendar(tx, org, siteId, date);
    if (!found) throw NotFound();
    return found.calendar;
  }

  const subjectOf = (c: ClassFacts) => ({ siteIds: [c.siteId], teacherIds: c.staff.map((s) => s.userId) });

  /** The lessons of the classes this person teaches on a date, with whether each can be opened now. */
  async function lessonsToOpen(tx: TenantTx, ctx: Ctx, date: string | null) {
    const org = ctx.actor.organisationId;
    const classes = [...(await classFacts(tx, org, await classesTaughtBy(tx, org, ctx.actor.userId))).values()].filter((c) => !c.ended);
    const out: { c: ClassFacts; slot: LessonSlot; calendar: SiteCalendar }[] = [];
    for (const c of classes) {
      const today = date ?? localDateOf(await calendarOn(tx, org, c.siteId, clock.now().toISOString().slice(0, 10)), clock.now());
      const calendar = await calendarOn(tx, org, c.siteId, today);
      for (const slot of lessonsOn(calendar, await timetableOf(tx, org, [c.id]), today)) out.push({ c, slot, calendar });
    }
    return out.sort((a, b) => a.slot.start.getTime() - b.slot.start.getTime());
  }

  async function audit(tx: TenantTx, ctx: Ctx, action: string, sessionId: string, details: Record<string, unknown>) {
    await recordAudit(tx, { organisationId: ctx.actor.organisationId, actorId: ctx.actor.userId, action, subjectType: 'live_session', subjectId: sessionId, meta: ctx.meta, at: clock.now(), details });
  }

  return {
    /** R-LIVE-1, -2: today's lessons this person could open, and the sessions they are invited to. */
    async today(ctx: Ctx): Promise<LiveToday> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const now = clock.now();
        const lessons: LiveToday['lessons'] = [];
        for (const { c, slot, calendar } of await lessonsToOpen(tx, ctx, null)) {
          const [existing] = await tx
            .select({ id: liveSessions.id, status: liveSessions.status })
            .from(liveSessions)
            .where(and(eq(liveSessions.organisationId, org), eq(liveSessions.classId, c.id), eq(liveSessions.startsAt, slot.start)));
          const policy = await livePolicy(tx, org, c.siteId).catch(() => null);
          const decision = policy
            ? canOpen({ scheduledBy: 'timetable', startsAt: slot.start, endsAt: slot.end, hostId: ctx.actor.userId, timeZone: calendar.timeZone }, personAt(ctx.actor, c.siteId), now, policy.policy)
            : { allowed: false as const, message: 'Adopt a remote-learning policy before opening live sessions.' };
          lessons.push({
            classId: c.id,
            className: c.name,
            periodId: slot.periodId,
            date: slot.date,
            start: slot.start.toISOString(),
            end: slot.end.toISOString(),
            canOpen: decision.allowed && existing?.status !== 'ended',
            why: decision.allowed ? (existing?.status === 'ended' ? 'This lesson’s live session has ended.' : null) : decision.message,
            sessionId: existing?.id ?? null,
          });
        }
        const mine = await tx
          .select({ s: liveSessions, p: liveParticipants })
          .from(liveParticipants)
          .innerJoin(liveSessions, and(eq(liveSessions.organisationId, liveParticipants.organisationId), eq(liveSessions.id, liveParticipants.sessionId)))
          .where(
            and(
              eq(liveParticipants.organisationId, org),
              eq(liveParticipants.userId, ctx.actor.userId),
              ne(liveSessions.status, 'ended'),
              gte(liveSessions.endsAt, now),
              lt(liveSessions.startsAt, new Date(now.getTime() + 7 * 24 * 3600_000)),
            ),
          );
        const names = await personNames(tx, org, [...mine.map((m) => m.s.hostId), ...mine.map((m) => m.s.learnerId ?? m.s.hostId)]);
        // A parent's invitation says which of their children it is about.
        const asGuardian = mine.filter((m) => m.p.role === 'guardian').map((m) => m.s.id);
        const childOf = new Map<string, { id: string; displayName: string }>();
        if (asGuardian.length) {
          const learners = await tx
            .select({ sessionId: liveParticipants.sessionId, userId: liveParticipants.userId })
            .from(liveParticipants)
            .where(and(eq(liveParticipants.organisationId, org), inArray(liveParticipants.sessionId, asGuardian), eq(liveParticipants.role, 'learner')));
          const facts = await peopleFacts(tx, org, learners.map((l) => l.userId));
          for (const l of learners) {
            const f = facts.get(l.userId);
            if (f?.guardianIds.includes(ctx.actor.userId)) childOf.set(l.sessionId, { id: l.userId, displayName: f.displayName });
          }
        }
        // R-LIVE-10: a 1-1 away from the home centre may be waiting for a senior manager's authorisation.
        const waiting = new Set<string>();
        for (const { s } of mine.filter(({ s }) => s.kind === 'one_to_one' && s.status === 'booked' && !s.authorisedAt && s.location && s.location !== 'home_centre')) {
          const policy = await livePolicy(tx, org, s.siteId).catch(() => null);
          if (policy && authorisationNeeded(policy.policy, s.location as 'home' | 'other_centre')) waiting.add(s.id);
        }
        const invitations: Invitation[] = mine
          .map(({ s, p }) => invitationOf(s, p.role, p.linkToken, names.get(s.hostId) ?? '', childOf.get(s.id) ?? null, waiting.has(s.id)))
          .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
        return { lessons, invitations };
      });
    },

    /**
     * R-LIVE-1, -2, -7, -9: the teacher opens a lesson of today's timetable as a live session.
     * Refused before its time, after it, outside the policy's roles, or on a media server that
     * cannot record when the policy records. Opening twice gives the same session.
     */
    async openLesson(ctx: Ctx, body: OpenLessonBody): Promise<Invitation> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const c = (await classFacts(tx, org, [body.classId])).get(body.classId);
        if (!c || !permissions.authorize(ctx.actor, 'live.open', { ...subjectOf(c), organisationId: org }).allowed) throw NotFound();
        const calendar = await calendarOn(tx, org, c.siteId, body.date);
        const slot = lessonsOn(calendar, await timetableOf(tx, org, [c.id]), body.date).find((l) => l.periodId === body.periodId);
        if (!slot) throw NotALesson();
        const now = clock.now();
        const { policy, version } = await livePolicy(tx, org, c.siteId);
        const opening = canOpen({ scheduledBy: 'timetable', startsAt: slot.start, endsAt: slot.end, hostId: ctx.actor.userId, timeZone: calendar.timeZone }, personAt(ctx.actor, c.siteId), now, policy);
        const [existing] = await tx.select().from(liveSessions).where(and(eq(liveSessions.organisationId, org), eq(liveSessions.classId, c.id), eq(liveSessions.startsAt, slot.start)));
        if (existing && existing.status !== 'ended') {
          const [me] = await tx.select().from(liveParticipants).where(and(eq(liveParticipants.organisationId, org), eq(liveParticipants.sessionId, existing.id), eq(liveParticipants.userId, ctx.actor.userId)));
          if (!me) throw NotInvited();
          return invitationOf(existing, me.role, me.linkToken, (await personNames(tx, org, [existing.hostId])).get(existing.hostId) ?? '');
        }
        if (!opening.allowed) throw CannotOpen(opening.message);
        const provider = canStartOn(policy, 'lesson', media);
        if (!provider.allowed) throw CannotOpen(provider.message);

        const learnerIds = await learnersOf(tx, org, c.id, body.date);
        const facts = await peopleFacts(tx, org, learnerIds);
        const invited = invitees(policy, learnerIds.map((id) => ({ learnerId: id, guardianIds: facts.get(id)?.guardianIds ?? [] })));
        const ages = learnerIds.flatMap((id) => {
          const birth = facts.get(id)?.birthDate;
          return birth ? [ageOn(birth, body.date)] : [];
        });
        const rules = sessionRulesFor(policy, version, 'lesson', { startsAt: slot.start, endsAt: slot.end, timeZone: calendar.timeZone }, ages);
        const [s] = await tx
          .insert(liveSessions)
          .values({
            organisationId: org,
            kind: 'lesson',
            siteId: c.siteId,
            classId: c.id,
            title: `${c.name} (${c.subject})`,
            startsAt: slot.start,
            endsAt: slot.end,
            hostId: ctx.actor.userId,
            status: 'open',
            provider: media.name,
            chatMode: policy.chat.value,
            openedAt: now,
            rules,
            policyVersion: String(version),
            createdBy: ctx.actor.userId,
            createdAt: now,
          })
          .returning();
        const seats: { userId: string; role: SeatRole }[] = [
          { userId: ctx.actor.userId, role: 'host' },
          ...c.staff.filter((x) => x.userId !== ctx.actor.userId).map((x) => ({ userId: x.userId, role: 'staff' as const })),
          ...invited.learnerIds.map((id) => ({ userId: id, role: 'learner' as const })),
          ...invited.guardianIds.filter((id) => !learnerIds.includes(id)).map((id) => ({ userId: id, role: 'guardian' as const })),
        ];
        const tokens = await invite(tx, org, s!.id, seats, now);
        await deps.timers.opened(tx, s!);
        // R-LIVE-2: the invitation by e-mail too, with the expectations and the person's own link.
        const people = await peopleFacts(tx, org, seats.map((x) => x.userId));
        const hostName = people.get(ctx.actor.userId)?.displayName ?? '';
        const when = `${clockIn(slot.start, calendar)} to ${clockIn(slot.end, calendar)}`;
        for (const seat of seats.filter((x) => x.role !== 'host')) {
          const person = people.get(seat.userId);
          if (!person?.email) continue;
          const children = seat.role === 'guardian' ? learnerIds.filter((id) => facts.get(id)?.guardianIds.includes(seat.userId)).map((id) => facts.get(id)?.displayName ?? '') : [];
          await mail.send(tx, org, {
            to: person.email,
            subject: `Live lesson now: ${c.name}, ${when}`,
            text: invitationText({ name: person.displayName, children, lesson: `${c.name} (${c.subject})`, host: hostName, when, notices: rules.notices, link: `${deps.publicUrl}${linkOf(s!.id, tokens.get(seat.userId)!)}` }),
          });
        }
        await events.announce(tx, topicOf(s!.id));
        await audit(tx, ctx, 'live.opened', s!.id, { requirement: 'R-LIVE-1', classId: c.id, startsAt: slot.start.toISOString(), policyVersion: version, invited: seats.length, decision: opening.source });
        return invitationOf(s!, 'host', tokens.get(ctx.actor.userId)!, (await personNames(tx, org, [ctx.actor.userId])).get(ctx.actor.userId) ?? '');
      });
    },

    /** R-LIVE-2, -6, -7, -9: a session as an invited person sees it before joining. */
    async view(ctx: Ctx, sessionId: string): Promise<SessionView> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const [s] = await tx.select().from(liveSessions).where(and(eq(liveSessions.organisationId, org), eq(liveSessions.id, sessionId)));
        if (!s) throw NotFound();
        const [me] = await tx.select().from(liveParticipants).where(and(eq(liveParticipants.organisationId, org), eq(liveParticipants.sessionId, s.id), eq(liveParticipants.userId, ctx.actor.userId)));
        if (!me) throw NotFound();
        const rules = SessionRules.parse(s.rules);
        const names = await personNames(tx, org, [s.hostId]);
        return {
          id: s.id,
          title: s.title,
          kind: s.kind as SessionView['kind'],
          status: s.status as SessionView['status'],
          startsAt: s.startsAt.toISOString(),
          endsAt: s.endsAt.toISOString(),
          host: { id: s.hostId, displayName: names.get(s.hostId) ?? '' },
          you: { role: me.role as SessionView['you']['role'], standing: me.standing as SessionView['you']['standing'] },
          notices: rules.notices,
          recording: { recorded: rules.recording.kind === 'always', retentionDays: rules.recording.kind === 'always' ? rules.recording.retentionDays : null, complaintDays: rules.complaintDays },
          length: { warnAt: rules.warnAt, limitAt: rules.limitAt },
        };
      });
    },

  };

}

export type LiveService = ReturnType<typeof createLiveService>;

const clockIn = (instant: Date, calendar: SiteCalendar) => instant.toLocaleTimeString('en-GB', { timeZone: calendar.timeZone, hour: '2-digit', minute: '2-digit' });

/** R-LIVE-2: the invitation in words: what, when, with whom, what is expected, and the personal link. */
function invitationText(v: { name: string; children: string[]; lesson: string; host: string; when: string; notices: string[]; link: string }): string {
  const about = v.children.length ? `${v.children.join(' and ')}’s live lesson, ${v.lesson}, is open now` : `Your live lesson, ${v.lesson}, is open now`;
  return [
    `Dear ${v.name},`,
    '',
    `${about}, from ${v.when}, with ${v.host}.`,
    '',
    'Before you join, please read what the school expects:',
    ...v.notices.map((n) => `- ${n}`),
    '',
    `Join here: ${v.link}`,
    '',
    'This link is for you alone: it only works when you are signed in to Continuum as yourself. Please do not share it.',
  ].join('\n');
}
