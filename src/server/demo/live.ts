import type { Faker } from '@faker-js/faker';
import type { SeatRole } from '../../shared/live.js';
import type { LivePolicy } from '../modules/live/policy.js';
import { ageOn, deleteAt, type SessionKind } from '../modules/live/rules.js';
import { sessionRulesFor, type SessionRules } from '../modules/live/session-rules.js';
import { instantAt, isWorkingDay, localDateOf, nextWorkingDay, type SiteCalendar } from '../modules/organisation/index.js';
import { presetById, type PresetId } from '../modules/policy/index.js';
import { addDays, calendarOf, weekdayOf } from './calendar.js';
import type { Plan } from './plan.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export interface LiveOptions {
  now: Date;
  /** The version of an organisation's demo policy in force at an instant (demo/policy.ts); null before it adopts one. */
  policyVersionAt: (organisationId: string, at: Date) => number | null;
  school: {
    organisationId: string;
    siteId: string;
    preset: PresetId;
    teacherId: string;
    sencoId: string;
    /** The demo learner (8A), whose parent is the demo parent, and their sibling (10B). */
    learnerId: string;
    siblingId: string;
    /** Classes of other teachers with a live lesson too (the demo learner's and their sibling's). */
    otherClasses: readonly string[];
  };
  provider: { organisationId: string; siteId: string; preset: PresetId; tutorId: string; apprenticeId: string };
}

interface Site {
  organisationId: string;
  siteId: string;
  cal: SiteCalendar;
  policy: LivePolicy;
}

/** How someone took part: never came; waited in the lobby and gave up; or was in (after the lobby), perhaps dropping out and back. */
type Attendance =
  | { kind: 'never' }
  | { kind: 'waited'; arrive: Date; gaveUp: Date }
  | { kind: 'in'; arrive: Date; admitted: Date; left: Date | null; dropped?: { at: Date; back: Date } };

interface Lesson {
  classId: string;
  name: string;
  subject: string;
  hostId: string;
  staffIds: string[];
  learnerIds: string[];
  weekday: number;
  date: string;
  start: Date;
  end: Date;
}

interface Message {
  senderId: string;
  toHost: boolean;
  body: string;
  at: Date;
}

/** What learners ask in a lesson's chat, and how the teacher answers. */
const QUESTIONS: readonly { ask: string; answer: string }[] = [
  { ask: 'Which page are we on?', answer: 'Page 42: start with questions 1 to 6.' },
  { ask: 'Can you go over the last example again please?', answer: 'Yes: I’ll go through it once more now.' },
  { ask: 'Is this due in tomorrow?', answer: 'It is due when the task on Continuum says: check there after the lesson.' },
  { ask: 'I can’t see the board very well, could you zoom in?', answer: 'Done: tell me if it is still too small.' },
  { ask: 'Do we need to show our working?', answer: 'Yes please: every step, as in the example.' },
  { ask: 'Can we use a calculator for this bit?', answer: 'Not for this part: the next part, yes.' },
];
/** A 1-1's title starts with its purpose, as one-to-one.ts names it. */
const PURPOSE = { catch_up: 'Catch-up', teaching: 'Teaching', review: 'Review' } as const;
/** What a learner says to the teacher alone. */
const TO_HOST: readonly string[] = ['My internet keeps dropping, sorry if I disappear.', 'Can I ask you something after the lesson?', 'I missed the last lesson: what should I catch up on?'];

/**
 * R-LIVE-1..13 demo data: live sessions as the live module writes them when they really run,
 * relative to `now` like the rest of the demo. At Oakfield: the demo teacher's live lessons over
 * the last two school weeks (real periods of their classes, school days only) and one lesson each
 * of a few other classes, each with its seats, the lobby and who was in when (most for the whole
 * lesson, some late, one leaving early, one dropping out and back, sometimes one left waiting,
 * one or two who never came), the notices shown, and a little chat; one lesson ran past its
 * length. An ended EHCP review with the demo learner's family, with the views heard, and an ended
 * 1-1 with the demo learner. At Northgate: an ended 1-1 with the demo apprentice and one booked
 * for the next working day, from the tutor's home. No recordings: they need real media files.
 */
export function planLive(f: Faker, plan: Plan, o: LiveOptions): void {
  const { now } = o;
  const chance = (p: number) => f.number.float({ min: 0, max: 1 }) < p;
  /** A whole second between two instants (lo when they cross). */
  const between = (lo: Date, hi: Date) => new Date(Math.floor(f.number.int({ min: lo.getTime(), max: Math.max(lo.getTime(), hi.getTime()) }) / SECOND) * SECOND);
  const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);
  const user = new Map(plan.users.map((u) => [u.id!, u]));
  const nameOf = (id: string) => `${user.get(id)?.givenName ?? ''} ${user.get(id)?.familyName ?? ''}`;
  const guardiansOf = (learnerId: string, organisationId: string) => plan.guardianships.filter((g) => g.organisationId === organisationId && g.learnerId === learnerId).map((g) => g.guardianId);
  const agesOn = (learnerIds: readonly string[], date: string) => learnerIds.flatMap((id) => (user.get(id)?.birthDate ? [ageOn(user.get(id)!.birthDate!, date)] : []));

  const siteOf = (organisationId: string, siteId: string, preset: PresetId): Site => {
    const policy = presetById(preset).document.sections.live;
    if (!policy) throw new Error(`The ${preset} preset has no live section.`);
    return { organisationId, siteId, cal: calendarOf(plan, organisationId, siteId, now), policy };
  };
  const school = siteOf(o.school.organisationId, o.school.siteId, o.school.preset);
  const provider = siteOf(o.provider.organisationId, o.provider.siteId, o.provider.preset);

  /** The site's last `count` working days before today, oldest first. */
  const workingDaysBefore = (site: Site, count: number) => {
    const days: string[] = [];
    for (let d = addDays(localDateOf(site.cal, now), -1), i = 0; days.length < count && i < 6 * count; d = addDays(d, -1), i++) if (isWorkingDay(site.cal, d)) days.unshift(d);
    return days;
  };

  /** R-LIVE-1: the session row, under the rules its policy gave it when it was opened or booked; R-LIVE-9, -11 as the end sets them (timers.ts). */
  function addSession(
    site: Site,
    s: {
      kind: SessionKind;
      title: string;
      classId?: string;
      start: Date;
      end: Date;
      hostId: string;
      ages: number[];
      /** When its rules were fixed: a lesson as it opened, a 1-1 or meeting as it was booked. */
      createdAt: Date;
      openedAt: Date | null;
      endedAt: Date | null;
      learnerId?: string;
      purpose?: string;
      location?: 'home_centre' | 'other_centre' | 'home';
      adultConfirmedAt?: Date | null;
      isApprentice?: boolean;
    },
  ): { id: string; rules: SessionRules } | null {
    const version = o.policyVersionAt(site.organisationId, s.createdAt);
    if (version === null) return null;
    const rules = sessionRulesFor(site.policy, version, s.kind, { startsAt: s.start, endsAt: s.end, timeZone: site.cal.timeZone }, s.ages, { isApprentice: s.isApprentice ?? false });
    const limitAt = rules.limitAt ? new Date(rules.limitAt) : null;
    const id = f.string.uuid();
    plan.liveSessions.push({
      organisationId: site.organisationId,
      id,
      kind: s.kind,
      siteId: site.siteId,
      classId: s.classId ?? null,
      title: s.title,
      startsAt: s.start,
      endsAt: s.end,
      hostId: s.hostId,
      status: s.endedAt ? 'ended' : s.openedAt ? 'open' : 'booked',
      provider: 'embedded',
      locked: false,
      chatMode: s.kind === 'family_meeting' ? 'everyone' : site.policy.chat.value,
      openedAt: s.openedAt,
      endedAt: s.endedAt,
      rules,
      policyVersion: String(version),
      learnerId: s.learnerId ?? null,
      purpose: s.purpose ?? null,
      location: s.location ?? null,
      authorisedBy: null,
      authorisedAt: null,
      loneWorkingConcern: false,
      adultConfirmedAt: s.adultConfirmedAt ?? null,
      overranAt: s.endedAt && limitAt && s.endedAt > limitAt ? limitAt : null,
      chatDeleteAfter: s.endedAt ? deleteAt(s.endedAt, rules.chatRetentionDays, site.cal) : null,
      chatDeletedAt: null,
      createdBy: s.hostId,
      createdAt: s.createdAt,
    });
    return { id, rules };
  }

  /**
   * R-LIVE-3..8: a seat with its personal link, each stretch its person spent waiting or in, and
   * the notices they were shown on each arrival, as lobby-service.ts writes them. The host's end
   * closes every stretch still open and leaves everyone disconnected.
   */
  function seat(site: Site, session: { id: string; rules: SessionRules }, userId: string, role: SeatRole, invitedAt: Date, a: Attendance, endedAt: Date | null) {
    const org = site.organisationId;
    const stretch = (kind: 'waiting' | 'in', since: Date, until: Date) => plan.livePresence.push({ organisationId: org, id: f.string.uuid(), sessionId: session.id, userId, kind, since, until });
    const shown = (at: Date) => {
      for (const text of session.rules.notices) plan.liveNotices.push({ organisationId: org, id: f.string.uuid(), sessionId: session.id, userId, kind: 'entry', text, shownAt: at });
    };
    const staff = role === 'host' || role === 'staff';
    let standing = 'invited';
    let leftAt: Date | null = null;
    let media = false;
    if (a.kind === 'waited') {
      shown(a.arrive);
      stretch('waiting', a.arrive, a.gaveUp);
      leftAt = a.gaveUp;
    } else if (a.kind === 'in' && endedAt) {
      const out = a.left ?? endedAt;
      shown(a.arrive);
      if (a.admitted > a.arrive) stretch('waiting', a.arrive, a.admitted);
      if (a.dropped) {
        // Back within the grace period: straight in, without the lobby (R-LIVE-4), shown the notices again.
        stretch('in', a.admitted, a.dropped.at);
        shown(a.dropped.back);
        stretch('in', a.dropped.back, out);
      } else stretch('in', a.admitted, out);
      standing = 'admitted';
      leftAt = out;
      media = true;
    }
    plan.liveParticipants.push({
      organisationId: org,
      sessionId: session.id,
      userId,
      role,
      linkToken: f.string.alphanumeric(24),
      standing,
      audio: media && (staff || session.rules.learnerAudioOnEntry),
      video: media && (staff || session.rules.learnerVideoOnEntry),
      connected: false,
      leftAt,
      invitedAt,
    });
  }

  /** R-LIVE-6: the host confirms the notices before admitting anyone. */
  function hostNotices(site: Site, session: { id: string; rules: SessionRules }, hostId: string, at: Date) {
    for (const text of session.rules.notices) plan.liveNotices.push({ organisationId: site.organisationId, id: f.string.uuid(), sessionId: session.id, userId: hostId, kind: 'host', text, shownAt: at });
  }

  function chat(site: Site, sessionId: string, messages: Message[]) {
    for (const m of messages.sort((a, b) => a.at.getTime() - b.at.getTime())) {
      plan.liveChatMessages.push({ organisationId: site.organisationId, id: f.string.uuid(), sessionId, senderId: m.senderId, toHost: m.toHost, body: m.body, sentAt: m.at });
    }
  }

  /** A lesson as it ran: opened a few minutes early, the notices, the lobby let in at the start, some late, and ended at (or past) its end. */
  function holdLesson(l: Lesson, opts: { overrun: boolean; leaveWaiting: boolean; focus: ReadonlySet<string> }) {
    const openedAt = between(plus(l.start, -6 * MINUTE), plus(l.start, -2 * MINUTE));
    const endedAt = opts.overrun ? between(plus(l.end, 6 * MINUTE), plus(l.end, 11 * MINUTE)) : between(plus(l.end, -4 * MINUTE), plus(l.end, -1 * MINUTE));
    const guardians = school.policy.parentsInvited.value ? [...new Set(l.learnerIds.flatMap((id) => guardiansOf(id, school.organisationId)))] : [];
    const session = addSession(school, {
      kind: 'lesson',
      title: `${l.name} (${l.subject})`,
      classId: l.classId,
      start: l.start,
      end: l.end,
      hostId: l.hostId,
      ages: agesOn(l.learnerIds, l.date),
      createdAt: openedAt,
      openedAt,
      endedAt,
    });
    if (!session) return;
    const noticesAt = between(plus(openedAt, 20 * SECOND), plus(openedAt, 70 * SECOND));
    hostNotices(school, session, l.hostId, noticesAt);
    const admitAt = between(plus(l.start, -MINUTE), plus(l.start, MINUTE));
    seat(school, session, l.hostId, 'host', openedAt, { kind: 'in', arrive: openedAt, admitted: openedAt, left: null }, endedAt);
    for (const id of l.staffIds.filter((x) => x !== l.hostId)) {
      const arrive = between(plus(openedAt, MINUTE), plus(l.start, MINUTE));
      seat(school, session, id, 'staff', openedAt, { kind: 'in', arrive, admitted: arrive, left: null }, endedAt);
    }

    const others = f.helpers.shuffle(l.learnerIds.filter((id) => !opts.focus.has(id)));
    const never = others.splice(0, f.number.int({ min: 1, max: 2 }));
    const waited = opts.leaveWaiting ? others.splice(0, 1) : [];
    const late = others.splice(0, f.number.int({ min: 1, max: 2 }));
    const early = others.splice(0, f.number.int({ min: 0, max: 1 }));
    const dropped = chance(0.5) ? others.splice(0, 1) : [];
    const onTime = [...others, ...l.learnerIds.filter((id) => opts.focus.has(id))];
    const inLobbyUntilStart = () => {
      const arrive = between(plus(noticesAt, 10 * SECOND), plus(l.start, 90 * SECOND));
      return { arrive, admitted: arrive < admitAt ? admitAt : between(plus(arrive, 15 * SECOND), plus(arrive, 60 * SECOND)) };
    };
    const attendance = new Map<string, Attendance>();
    for (const id of never) attendance.set(id, { kind: 'never' });
    for (const id of waited) {
      const arrive = between(plus(l.start, 12 * MINUTE), plus(l.start, 25 * MINUTE));
      attendance.set(id, { kind: 'waited', arrive, gaveUp: between(plus(arrive, 5 * MINUTE), plus(arrive, 12 * MINUTE)) });
    }
    for (const id of late) {
      const arrive = between(plus(l.start, 8 * MINUTE), plus(l.start, 20 * MINUTE));
      attendance.set(id, { kind: 'in', arrive, admitted: between(plus(arrive, 20 * SECOND), plus(arrive, 2 * MINUTE)), left: null });
    }
    for (const id of early) attendance.set(id, { kind: 'in', ...inLobbyUntilStart(), left: between(plus(l.end, -20 * MINUTE), plus(l.end, -10 * MINUTE)) });
    for (const id of dropped) {
      const at = between(plus(l.start, 15 * MINUTE), plus(l.start, 35 * MINUTE));
      attendance.set(id, { kind: 'in', ...inLobbyUntilStart(), left: null, dropped: { at, back: between(plus(at, 15 * SECOND), plus(at, 50 * SECOND)) } });
    }
    for (const id of onTime) attendance.set(id, { kind: 'in', ...inLobbyUntilStart(), left: null });
    for (const id of l.learnerIds) seat(school, session, id, 'learner', openedAt, attendance.get(id)!, endedAt);
    for (const id of guardians.filter((g) => !l.learnerIds.includes(g))) seat(school, session, id, 'guardian', openedAt, { kind: 'never' }, endedAt);

    // R-LIVE-11: a question or two answered, and perhaps a word to the teacher alone.
    const messages: Message[] = [];
    const inRoom = onTime.filter((id) => !opts.focus.has(id));
    for (const q of f.helpers.arrayElements(QUESTIONS, 2)) {
      if (inRoom.length === 0) break;
      const at = between(plus(l.start, 5 * MINUTE), plus(l.end, -8 * MINUTE));
      messages.push({ senderId: f.helpers.arrayElement(inRoom), toHost: false, body: q.ask, at });
      messages.push({ senderId: l.hostId, toHost: false, body: q.answer, at: between(plus(at, 30 * SECOND), plus(at, 90 * SECOND)) });
    }
    if (inRoom.length && chance(0.6)) messages.push({ senderId: f.helpers.arrayElement(inRoom), toHost: true, body: f.helpers.arrayElement(TO_HOST), at: between(plus(l.start, 5 * MINUTE), plus(l.end, -5 * MINUTE)) });
    chat(school, session.id, messages);
  }

  /**
   * R-LIVE-10: a 1-1 held from the host's own centre: booked a day or more before, opened a few
   * minutes early, its learner let in once the host has seen the notices (and, where the policy
   * asks, confirmed an adult is with the pupil), ended a little before its time.
   */
  function holdOneToOne(
    site: Site,
    s: { date: string; from: string; to: string; hostId: string; learnerId: string; purpose: keyof typeof PURPOSE; isApprentice: boolean },
    said: { fromHost: boolean; body: string; minutesIn: number }[],
  ) {
    const start = instantAt(site.cal, s.date, s.from);
    const end = instantAt(site.cal, s.date, s.to);
    const openedAt = between(plus(start, -5 * MINUTE), plus(start, -MINUTE));
    const createdAt = new Date(Math.floor(between(plus(start, -72 * HOUR), plus(start, -20 * HOUR)).getTime() / MINUTE) * MINUTE);
    const endedAt = between(plus(end, -4 * MINUTE), plus(end, -MINUTE));
    // Seed 002: the host confirms an adult is with the pupil before letting them in.
    const adultConfirmedAt = site.policy.oneToOneAdultWithLearner.value ? plus(openedAt, 90 * SECOND) : null;
    const session = addSession(site, {
      kind: 'one_to_one',
      title: `${PURPOSE[s.purpose]} 1-1 with ${nameOf(s.learnerId)}`,
      start,
      end,
      hostId: s.hostId,
      ages: agesOn([s.learnerId], s.date),
      createdAt,
      openedAt,
      endedAt,
      learnerId: s.learnerId,
      purpose: s.purpose,
      location: 'home_centre',
      adultConfirmedAt,
      isApprentice: s.isApprentice,
    });
    if (!session) return;
    hostNotices(site, session, s.hostId, plus(openedAt, 30 * SECOND));
    seat(site, session, s.hostId, 'host', createdAt, { kind: 'in', arrive: openedAt, admitted: openedAt, left: null }, endedAt);
    const arrive = between(new Date(Math.max(openedAt.getTime() + 30 * SECOND, start.getTime() - 2 * MINUTE)), plus(start, 2 * MINUTE));
    const admitted = new Date(Math.max(arrive.getTime(), (adultConfirmedAt ?? openedAt).getTime() + 30 * SECOND) + 20 * SECOND);
    seat(site, session, s.learnerId, 'learner', createdAt, { kind: 'in', arrive, admitted, left: null }, endedAt);
    chat(site, session.id, said.map((m) => ({ senderId: m.fromHost ? s.hostId : s.learnerId, toHost: false, body: m.body, at: plus(start, m.minutesIn * MINUTE) })));
  }

  // ——— Oakfield: live lessons over the last two school weeks ———
  const days = workingDaysBefore(school, 10);
  const lessonsOf = (classId: string): Lesson[] => {
    const c = plan.classes.find((x) => x.organisationId === school.organisationId && x.id === classId)!;
    const staff = plan.classStaff.filter((s) => s.organisationId === school.organisationId && s.classId === classId);
    const hostId = staff.find((s) => s.role === 'teacher' && s.isPrimary)?.userId;
    if (!hostId) return [];
    const learnerIds = plan.enrolments.filter((e) => e.organisationId === school.organisationId && e.classId === classId).map((e) => e.learnerId);
    const periods = plan.timetablePeriods.filter((p) => p.organisationId === school.organisationId && p.classId === classId);
    return days.flatMap((date) =>
      periods
        .filter((p) => p.weekday === weekdayOf(date))
        .map((p) => ({
          classId,
          name: c.name,
          subject: c.subject ?? '',
          hostId,
          staffIds: staff.map((s) => s.userId),
          learnerIds,
          weekday: p.weekday,
          date,
          start: instantAt(school.cal, date, p.startTime),
          end: instantAt(school.cal, date, p.endTime),
        })),
    );
  };
  const scheduled = (classId: string) => plan.classes.some((c) => c.id === classId && c.kind === 'scheduled');
  const teachersClasses = plan.classStaff.filter((s) => s.organisationId === school.organisationId && s.userId === o.school.teacherId && s.isPrimary && scheduled(s.classId)).map((s) => s.classId);
  const candidates = teachersClasses.flatMap(lessonsOf);
  // One of the demo learner's lessons, if the demo teacher teaches them, and six more.
  const withLearner = candidates.filter((l) => l.learnerIds.includes(o.school.learnerId));
  const firstPick = withLearner.length ? [f.helpers.arrayElement(withLearner)] : [];
  const teachersLessons = [...firstPick, ...f.helpers.arrayElements(candidates.filter((l) => !firstPick.includes(l)), Math.min(6, candidates.length - firstPick.length))].sort((a, b) => a.start.getTime() - b.start.getTime());
  // R-LIVE-9: the lesson that ran over is one before a break or the end of the day, when no lesson of the teacher's follows.
  const teachersPeriods = plan.timetablePeriods.filter((p) => p.organisationId === school.organisationId && teachersClasses.includes(p.classId));
  const endsFree = (l: Lesson) => !teachersPeriods.some((p) => p.weekday === l.weekday && instantAt(school.cal, l.date, p.startTime).getTime() === l.end.getTime());
  const overrun = teachersLessons.find(endsFree) ?? null;
  const focus = new Set([o.school.learnerId, o.school.siblingId]);
  for (const [i, l] of teachersLessons.entries()) holdLesson(l, { overrun: l === overrun, leaveWaiting: i === 0 || chance(0.4), focus });
  for (const name of o.school.otherClasses) {
    const c = plan.classes.find((x) => x.organisationId === school.organisationId && x.name === name);
    const theirs = c?.id ? lessonsOf(c.id) : [];
    if (theirs.length) holdLesson(f.helpers.arrayElement(theirs), { overrun: false, leaveWaiting: chance(0.4), focus });
  }

  // ——— Oakfield: an EHCP review with the demo learner's family, and a 1-1 with the demo learner ———
  const learnerName = nameOf(o.school.learnerId);
  const meetingDay = days.length >= 4 ? days[days.length - 4]! : null;
  if (meetingDay) {
    const start = instantAt(school.cal, meetingDay, '15:45');
    const end = instantAt(school.cal, meetingDay, '16:30');
    const openedAt = between(plus(start, -8 * MINUTE), plus(start, -4 * MINUTE));
    const endedAt = between(plus(end, -6 * MINUTE), plus(end, -2 * MINUTE));
    const createdAt = plus(instantAt(school.cal, addDays(meetingDay, -14), '10:00'), f.number.int({ min: 0, max: 6 * 60 }) * MINUTE);
    const guardians = guardiansOf(o.school.learnerId, school.organisationId);
    const session = addSession(school, {
      kind: 'family_meeting',
      title: 'EHCP annual review',
      start,
      end,
      hostId: o.school.sencoId,
      ages: agesOn([o.school.learnerId], meetingDay),
      createdAt,
      openedAt,
      endedAt,
      learnerId: o.school.learnerId,
    });
    if (session && guardians.length) {
      hostNotices(school, session, o.school.sencoId, plus(openedAt, 40 * SECOND));
      seat(school, session, o.school.sencoId, 'host', createdAt, { kind: 'in', arrive: openedAt, admitted: openedAt, left: null }, endedAt);
      const teacherIn = between(plus(start, -3 * MINUTE), plus(start, MINUTE));
      seat(school, session, o.school.teacherId, 'staff', createdAt, { kind: 'in', arrive: teacherIn, admitted: teacherIn, left: plus(start, 25 * MINUTE) }, endedAt);
      const parentArrives = between(plus(start, -4 * MINUTE), plus(start, -MINUTE));
      for (const id of guardians) seat(school, session, id, 'guardian', createdAt, { kind: 'in', arrive: parentArrives, admitted: plus(start, 20 * SECOND), left: null }, endedAt);
      const learnerArrives = between(plus(start, 2 * MINUTE), plus(start, 5 * MINUTE));
      seat(school, session, o.school.learnerId, 'learner', createdAt, { kind: 'in', arrive: learnerArrives, admitted: plus(learnerArrives, 40 * SECOND), left: plus(start, 20 * MINUTE) }, endedAt);
      chat(school, session.id, [{ senderId: guardians[0]!, toHost: false, body: 'Sorry, my camera is not working today: I can hear you all fine.', at: plus(start, 2 * MINUTE) }]);
      const given = learnerName.split(' ')[0];
      plan.liveMeetingViews.push({
        organisationId: school.organisationId,
        sessionId: session.id,
        learnerId: o.school.learnerId,
        childViews: `${given} said maths feels easier since the small-group sessions started, and live lessons are easier with the camera off. ${given} would like to keep the teaching assistant in science and to sit near the front in class.`,
        familyViews: `The family said work on Continuum is easier to keep track of than paper, but mornings are hard and the first lesson is often a struggle. They asked for the plan to keep the 1:1 reading support, and for a check-in with the SENCo each half term.`,
        recordedBy: o.school.sencoId,
        recordedAt: between(plus(endedAt, 10 * MINUTE), plus(endedAt, 40 * MINUTE)),
      });
    }
  }
  const catchUpDay = days.length >= 2 ? days[days.length - 2]! : null;
  if (catchUpDay) {
    holdOneToOne(school, { date: catchUpDay, from: '15:30', to: '15:50', hostId: o.school.teacherId, learnerId: o.school.learnerId, purpose: 'catch_up', isApprentice: false }, [
      { fromHost: true, body: 'Here is the worksheet we are using: page 3, questions 4 to 8.', minutesIn: 4 },
    ]);
  }

  // ——— Northgate: a 1-1 with the demo apprentice last week, and one booked for the next working day ———
  const providerDays = workingDaysBefore(provider, 5);
  const pastDay = providerDays[0] ?? null;
  if (pastDay) {
    holdOneToOne(provider, { date: pastDay, from: '14:00', to: '14:30', hostId: o.provider.tutorId, learnerId: o.provider.apprenticeId, purpose: 'teaching', isApprentice: true }, [
      { fromHost: false, body: 'Can you send me the link to the unit 4 guidance again?', minutesIn: 6 },
      { fromHost: true, body: 'It is in your learning resources on Continuum, under Unit 4.', minutesIn: 7 },
    ]);
  }
  const nextDay = nextWorkingDay(provider.cal, localDateOf(provider.cal, now));
  if (nextDay) {
    // R-LIVE-10: booked from home; under a policy that asks for it, it waits for a senior manager's authorisation.
    const createdAt = new Date(Math.floor((now.getTime() - f.number.int({ min: 2 * HOUR, max: 20 * HOUR })) / MINUTE) * MINUTE);
    const session = addSession(provider, {
      kind: 'one_to_one',
      title: `${PURPOSE.review} 1-1 with ${nameOf(o.provider.apprenticeId)}`,
      start: instantAt(provider.cal, nextDay, '10:00'),
      end: instantAt(provider.cal, nextDay, '10:30'),
      hostId: o.provider.tutorId,
      ages: agesOn([o.provider.apprenticeId], nextDay),
      createdAt,
      openedAt: null,
      endedAt: null,
      learnerId: o.provider.apprenticeId,
      purpose: 'review',
      location: 'home',
      isApprentice: true,
    });
    if (session) {
      seat(provider, session, o.provider.tutorId, 'host', createdAt, { kind: 'never' }, null);
      seat(provider, session, o.provider.apprenticeId, 'learner', createdAt, { kind: 'never' }, null);
    }
  }
}
