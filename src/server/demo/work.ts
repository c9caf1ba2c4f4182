import type { Faker } from '@faker-js/faker';
import { instantAt, isWorkingDay, localDateOf, nextWorkingDay, type SiteCalendar } from '../modules/organisation/index.js';
import { presetById, type PresetId } from '../modules/policy/index.js';
import { feedbackDue, setByCheck, type FeedbackRule } from '../modules/work/index.js';
import { addDays, calendarOf, weekdayOf } from './calendar.js';
import type { Plan } from './plan.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const QUARTER_HOUR = 15 * MINUTE;


export interface WorkOptions {
  now: Date;
  school: {
    organisationId: string;
    siteId: string;
    /** The policy preset the school adopts (writeDemoPolicies): its work rules decide lateness and feedback. */
    preset: PresetId;
    teacherId: string;
    subjectLeadId: string;
    /** The demo learner (8A) and the demo parent's other child (10B). */
    learnerId: string;
    siblingId: string;
  };
  provider: { organisationId: string; siteId: string; preset: PresetId; tutorId: string; apprenticeId: string };
}

interface Site {
  organisationId: string;
  cal: SiteCalendar;
  time: SiteTime;
  setBy: string | null;
  ownWork: boolean;
}

interface ClassInfo {
  id: string;
  name: string;
  subject: string;
  stage: 'ks3' | 'ks4' | null;
  teacherId: string;
  learners: string[];
  /** ISO weekdays the class is timetabled. */
  lessonDays: number[];
}

interface Piece {
  forDate: string;
  task: DemoTask;
  /** The demo learners' work for today: due later today, or first thing on the next school day. */
  dueSoon?: boolean;
}

type Assignment = NonNullable<Plan['assignments'][number]> & { id: string; dueAt: Date; publishedAt: Date };
type Submission = Plan['submissions'][number] & { id: string; submittedAt: Date; feedbackDueAt: Date | null };

function siteOf(plan: Plan, organisationId: string, siteId: string, preset: PresetId, now: Date): Site {
  const w = presetById(preset).document.sections.work;
  const cal = calendarOf(plan, organisationId, siteId, now);
  return { organisationId, cal, time: siteTime(cal, w.feedbackDue.value), setBy: w.setBy.value, ownWork: w.ownWorkDeclaration.value };
}

type SiteTime = ReturnType<typeof siteTime>;

/**
 * The calendar questions the demo asks thousands of times, each answered once by the organisation
 * module's functions and the work rules: their time-zone arithmetic would otherwise be most of the
 * demo's load time.
 */
function siteTime(cal: SiteCalendar, rule: FeedbackRule) {
  const once = <T>(answer: (key: string) => T) => {
    const known = new Map<string, T>();
    return (key: string): T => {
      if (!known.has(key)) known.set(key, answer(key));
      return known.get(key) as T;
    };
  };
  const working = once((date) => isWorkingDay(cal, date));
  const next = once((date) => nextWorkingDay(cal, date));
  const previous = once((date) => {
    for (let d = addDays(date, -1), i = 0; i < 14; d = addDays(d, -1), i++) if (working(d)) return d;
    return null;
  });
  const instant = once((key) => instantAt(cal, key.slice(0, 10), key.slice(11)));
  const at = (date: string, time: string) => instant(`${date} ${time}`);
  // Local midnight falls on a quarter hour in every time zone, so each quarter hour has one local date.
  const quarter = once((q) => localDateOf(cal, new Date(Number(q) * QUARTER_HOUR)));
  const dateOf = (t: Date) => quarter(String(Math.floor(t.getTime() / QUARTER_HOUR)));
  // Feedback is due from the school day the work counts as in on (endOfSchoolDay): one answer per day, before or after its end.
  const due = new Map<string, Date | null>();
  const feedbackDueAt = (submittedAt: Date) => {
    const date = dateOf(submittedAt);
    const key = `${date} ${submittedAt.getTime() < at(date, cal.dayEnd).getTime() ? 'in' : 'after'}`;
    if (!due.has(key)) due.set(key, feedbackDue(cal, submittedAt, rule));
    return due.get(key) ?? null;
  };
  return { working, next, previous, at, dateOf, feedbackDueAt };
}

/** The scheduled classes of an organisation as the plan has them, with their primary teacher, learners and lesson days. */
function classesOf(plan: Plan, organisationId: string): ClassInfo[] {
  const yearOf = new Map(plan.cohorts.filter((c) => c.organisationId === organisationId).map((c) => [c.id, c.yearOfSchooling ?? null]));
  return plan.classes
    .filter((c) => c.organisationId === organisationId && c.kind === 'scheduled')
    .map((c) => {
      const year = c.cohortId ? (yearOf.get(c.cohortId) ?? null) : null;
      return {
        id: c.id!,
        name: c.name,
        subject: c.subject ?? '',
        stage: year === null ? null : year >= 10 ? ('ks4' as const) : ('ks3' as const),
        teacherId: plan.classStaff.find((s) => s.classId === c.id && s.role === 'teacher' && s.isPrimary)?.userId ?? '',
        learners: plan.enrolments.filter((e) => e.classId === c.id).map((e) => e.learnerId),
        lessonDays: [...new Set(plan.timetablePeriods.filter((p) => p.classId === c.id).map((p) => p.weekday))].sort(),
      };
    })
    .filter((c) => c.teacherId !== '');
}

/**
 * R-WORK-1..8 demo data: remote work set over the last two weeks and this week, relative to `now`
 * as the rest of the demo is. At Oakfield: every tutor group's Mathematics, English and Science, and
 * every subject of 8A (the demo learner's group) and 10B (their sibling's); most learners hand in,
 * some late, a few on paper; teachers feed back within the policy's time except a couple that are
 * overdue; one reply waits; two answers are alike enough to be shown side by side; one learner has
 * stopped handing in (the referral list) and one works from paper packs. At Northgate, the demo
 * tutor's group has a weekly log and a task or two. Times are school days and hours of each site's
 * calendar; lateness and feedback deadlines come from the work rules (work/rules.ts) and the preset.
 */
export function planWork(f: Faker, plan: Plan, o: WorkOptions): void {
  const { now } = o;
  const givenName = new Map(plan.users.map((u) => [u.id!, u.givenName]));
  const chance = (p: number) => f.number.float({ min: 0, max: 1 }) < p;
  /** A whole minute between two instants (lo when they cross). */
  const between = (lo: Date, hi: Date) => new Date(Math.floor(Math.max(lo.getTime(), f.number.int({ min: lo.getTime(), max: Math.max(lo.getTime(), hi.getTime()) })) / MINUTE) * MINUTE);
  const addMinutes = (d: Date, m: number) => new Date(d.getTime() + m * MINUTE);

  const school = siteOf(plan, o.school.organisationId, o.school.siteId, o.school.preset, now);
  const provider = siteOf(plan, o.provider.organisationId, o.provider.siteId, o.provider.preset, now);
  const assignmentsOf = new Map<string, { a: Assignment; site: Site; cls: ClassInfo }>();
  /** Learners whose outcome the demo fixes: something due, one piece missed, feedback to read. */
  const focus = new Set([o.school.learnerId, o.school.siblingId, o.provider.apprenticeId]);

  /** Some time on the afternoon of the school day before today, when teachers plan ahead. */
  const aheadFrom = (site: Site) => {
    const eve = site.time.previous(site.time.dateOf(now));
    return eve ? between(site.time.at(eve, '15:30'), site.time.at(eve, '17:55')) : null;
  };

  /** Mondays of the week before last, last week and this week, in the site's zone. */
  const weeksOf = (site: Site) => {
    const today = site.time.dateOf(now);
    const monday = addDays(today, 1 - weekdayOf(today));
    return [addDays(monday, -14), addDays(monday, -7), monday];
  };

  /** Days a class has work set for: `perWeek` of its lesson days in each of the weeks chosen. */
  const daysFor = (site: Site, cls: ClassInfo, perWeek: number, weeks: string[]) => {
    // A subject's lessons may all fall on one day (a double); its other piece then goes two days on.
    const days = cls.lessonDays.length ? [...cls.lessonDays] : [1];
    for (let d = days[0]! + 2; days.length < Math.min(perWeek, 5); d++) if (!days.includes(((d - 1) % 5) + 1)) days.push(((d - 1) % 5) + 1);
    days.sort();
    const step = days.length / perWeek;
    const chosen = [...new Set(Array.from({ length: perWeek }, (_, i) => days[Math.floor(i * step)]!))];
    return weeks.flatMap((monday) => chosen.map((wd) => addDays(monday, wd - 1))).filter((d) => site.time.working(d));
  };

  /** When the work is due under its rule: the end of its day, before school on the class's next lesson day, or the end of its week. */
  const dueOf = (site: Site, cls: ClassInfo, piece: Piece): Date => {
    const { cal, time } = site;
    const endOfDay = time.at(piece.forDate, cal.dayEnd);
    if (piece.dueSoon) {
      if (endOfDay.getTime() > now.getTime() + 60 * MINUTE) return endOfDay;
      const next = time.next(piece.forDate);
      return next ? time.at(next, cal.dayStart) : endOfDay;
    }
    if (piece.task.due === 'lesson') return endOfDay;
    if (piece.task.due === 'week') {
      const sunday = addDays(piece.forDate, 7 - weekdayOf(piece.forDate));
      let last = piece.forDate;
      for (let d = time.next(last); d && d <= sunday; d = time.next(d)) last = d;
      return time.at(last, cal.dayEnd);
    }
    let day = time.next(piece.forDate);
    for (let i = 0; day && i < 7 && !cls.lessonDays.includes(weekdayOf(day)); i++) day = time.next(day);
    return day ? time.at(day, cal.dayStart) : endOfDay;
  };

  /** R-WORK-1, -3: the assignment row, its named learners and its resource; published before its day, as teachers do. */
  function setWork(site: Site, cls: ClassInfo, piece: Piece, named: string[]): Assignment {
    const { cal, time } = site;
    const { task } = piece;
    const dueAt = dueOf(site, cls, piece);
    const eve = time.previous(piece.forDate);
    const planned = eve && chance(0.6) ? between(time.at(eve, '15:30'), time.at(eve, '17:55')) : between(time.at(piece.forDate, '07:10'), time.at(piece.forDate, '07:55'));
    // Work for later in the week was set ahead, on the last school day's afternoon (or earlier today).
    const ahead = aheadFrom(site);
    const publishedAt = planned.getTime() < now.getTime() ? planned : ahead && ahead.getTime() < now.getTime() ? ahead : addMinutes(now, -f.number.int({ min: 20, max: 120 }));
    const late = setByCheck(cal, piece.forDate, publishedAt, site.setBy);
    const a: Assignment = {
      organisationId: site.organisationId,
      id: f.string.uuid(),
      classId: cls.id,
      setBy: cls.teacherId,
      title: task.title,
      instructions: task.instructions,
      subject: cls.subject,
      forDate: piece.forDate,
      dueAt,
      estimatedMinutes: task.minutes,
      screenFree: task.screenFree,
      audience: named.length ? 'learners' : 'class',
      cover: false,
      publishedAt,
      setLate: late.late,
      minutesLate: late.minutesLate,
      withdrawnAt: null,
    };
    plan.assignments.push(a);
    for (const learnerId of named) plan.assignmentLearners.push({ organisationId: site.organisationId, assignmentId: a.id, learnerId });
    if (task.resource) {
      const r = task.resource;
      plan.workResources.push({
        organisationId: site.organisationId,
        id: f.string.uuid(),
        assignmentId: a.id,
        position: 0,
        kind: r.kind,
        title: r.title,
        url: r.kind === 'link' ? r.url : null,
        body: r.kind === 'text' ? r.body : null,
        blobId: null,
        posterBlobId: null,
        captionsBlobId: null,
      });
    }
    assignmentsOf.set(a.id, { a, site, cls });
    return a;
  }

  /** R-WORK-5: a hand-in, late or not against its deadline, its feedback due by the policy and the site's calendar (R-WORK-6). */
  function handIn(site: Site, a: Assignment, learnerId: string, at: Date, v: { channel: 'online' | 'paper'; body: string; by: string }): Submission {
    const s: Submission = {
      organisationId: site.organisationId,
      id: f.string.uuid(),
      assignmentId: a.id,
      learnerId,
      channel: v.channel,
      body: v.body,
      submittedBy: v.by,
      submittedAt: at,
      updatedAt: at,
      late: at.getTime() > a.dueAt.getTime(),
      ownWorkDeclaredAt: site.ownWork && v.channel === 'online' ? at : null,
      feedbackDueAt: site.time.feedbackDueAt(at),
      feedbackAt: null,
      replyWaitingSince: null,
    };
    plan.submissions.push(s);
    return s;
  }

  // ——— who does what: decided once, so the lists the pages show are the same every time ———

  const schoolClasses = classesOf(plan, o.school.organisationId);
  const groupOf = (cls: ClassInfo) => cls.name.split(' ')[0]!;
  const learnerGroup = schoolClasses.find((c) => c.learners.includes(o.school.learnerId) && c.subject === 'Mathematics');
  const siblingGroup = schoolClasses.find((c) => c.learners.includes(o.school.siblingId) && c.subject === 'Mathematics');
  if (!learnerGroup || !siblingGroup) throw new Error('The demo learners have no Mathematics class.');
  const members = learnerGroup.learners.filter((id) => id !== o.school.learnerId);
  /** In 8A: two who hand in alike answers, one whose reply waits, one on paper packs, one who stopped handing in. */
  const [pairA, pairB, replier] = members as [string, string, string];
  const paperLearner = members[members.length - 2]!;
  const referred = members[members.length - 1]!;
  /** Late or missed hand-ins each learner may have: none, one or two (never the policy's three). */
  const slips = new Map<string, number>();
  const slipsLeft = (id: string) => {
    if (!slips.has(id)) slips.set(id, f.helpers.weightedArrayElement([{ weight: 6, value: 0 }, { weight: 3, value: 1 }, { weight: 1, value: 2 }]));
    return slips.get(id)!;
  };
  const stoppedSince = now.getTime() - 9 * DAY;

  /** Where each learner is with a piece of work, and their hand-in if any. */
  function outcomes(site: Site, cls: ClassInfo, a: Assignment, audience: string[], task: DemoTask, similar: boolean) {
    const start = new Date(Math.max(a.publishedAt.getTime(), site.time.at(a.forDate, site.cal.dayStart).getTime()));
    const passed = a.dueAt.getTime() <= now.getTime();
    const byDue = addMinutes(new Date(Math.min(a.dueAt.getTime(), now.getTime())), -2);
    const onTime = () => (start.getTime() < byDue.getTime() ? learnerTime(site, start, byDue) : null);
    const answer = () => f.helpers.arrayElement([...task.answers, ...GENERAL_ANSWERS]);
    for (const learnerId of audience) {
      let at: Date | null = null;
      let body = '';
      if (learnerId === paperLearner) {
        // Paper packs come back to school; the teacher records each return before its deadline.
        const recorded = Math.min(Math.max(start.getTime() + 60 * MINUTE, a.dueAt.getTime() - 25 * MINUTE), now.getTime() - MINUTE);
        if (passed) handIn(site, a, learnerId, new Date(recorded), { channel: 'paper', body: f.helpers.arrayElement(PAPER_NOTES), by: cls.teacherId });
        continue;
      }
      if (similar && (learnerId === pairA || learnerId === pairB)) {
        at = onTime();
        body = learnerId === pairA ? ALIKE_ANSWERS[0] : ALIKE_ANSWERS[1];
      } else if (focus.has(learnerId)) {
        at = passed && missedBy.get(learnerId) !== a.id ? onTime() : null;
        body = answer();
      } else if (learnerId === referred && a.dueAt.getTime() > stoppedSince) {
        at = null;
      } else if (!passed) {
        at = now.getTime() - start.getTime() > 60 * MINUTE && chance(0.35) ? learnerTime(site, start, addMinutes(now, -5)) : null;
        body = answer();
      } else if (slipsLeft(learnerId) > 0 && learnerId !== referred && chance(0.12)) {
        slips.set(learnerId, slipsLeft(learnerId) - 1);
        const lo = addMinutes(a.dueAt, 20);
        at = chance(0.7) && lo.getTime() < now.getTime() ? learnerTime(site, lo, new Date(Math.min(a.dueAt.getTime() + 1.5 * DAY, now.getTime() - 5 * MINUTE))) : null;
        body = answer();
      } else {
        at = onTime();
        body = answer();
      }
      if (at) handIn(site, a, learnerId, at, { channel: 'online', body, by: learnerId });
    }
  }

  // ——— Oakfield: what each class gets, and when ———

  const focusGroups = new Set([groupOf(learnerGroup), groupOf(siblingGroup)]);
  const weeks = weeksOf(school);
  const today = school.time.dateOf(now);
  const lastDay = addDays(weeks[2]!, 4);
  const pieces: { cls: ClassInfo; piece: Piece; named: string[] }[] = [];
  schoolClasses.forEach((cls, index) => {
    const core = CORE_PER_WEEK[cls.subject];
    const inFocus = focusGroups.has(groupOf(cls));
    if (!core && !inFocus) return;
    // Other subjects of 8A and 10B: a piece every other week, alternating so each week has some.
    const days = core ? daysFor(school, cls, core, weeks) : daysFor(school, cls, 1, weeks.filter((_, w) => (w + index) % 2 === 0));
    const dates = days.filter((d) => d <= lastDay);
    // The demo learner's and sibling's work for today (R-WORK-1's "today" list).
    const todays = (cls.id === learnerGroup.id || (cls.subject === 'Science' && cls.learners.includes(o.school.siblingId))) && school.time.working(today);
    if (todays && !dates.includes(today)) dates.push(today);
    dates.sort();
    const tasks = (WORK_TASKS[cls.subject] ?? []).filter((t) => !t.stage || t.stage === cls.stage);
    if (tasks.length === 0) return;
    const similarHere = cls.id === learnerGroup.id;
    // 8A Mathematics: the piece two learners answer alike is the latest already due.
    const alikeAt = similarHere ? dates.filter((d) => school.time.at(d, school.cal.dayEnd).getTime() <= now.getTime()).at(-1) : undefined;
    const rotation = tasks.filter((t) => !(similarHere && t === ALIKE_TASK));
    let next = index * 3;
    for (const forDate of dates) {
      const task = forDate === alikeAt ? ALIKE_TASK : rotation[next++ % rotation.length]!;
      const pool = cls.learners.filter((id) => id !== paperLearner && id !== referred);
      const named = task.some ? f.helpers.arrayElements(pool, Math.min(3, pool.length)) : [];
      pieces.push({ cls, piece: { forDate, task, dueSoon: todays && forDate === today }, named });
    }
  });
  const made = pieces.map(({ cls, piece, named }) => ({ cls, piece, a: setWork(school, cls, piece, named), named }));
  /** The demo learner and sibling each missed one deadline: their latest passed one outside Mathematics. */
  const missedBy = new Map<string, string>();
  for (const learnerId of [o.school.learnerId, o.school.siblingId]) {
    const theirs = made.filter((m) => m.cls.subject !== 'Mathematics' && m.cls.learners.includes(learnerId) && (m.named.length === 0 || m.named.includes(learnerId)));
    const latest = theirs.filter((m) => m.a.dueAt.getTime() <= now.getTime()).sort((x, y) => y.a.dueAt.getTime() - x.a.dueAt.getTime())[0];
    if (latest) missedBy.set(learnerId, latest.a.id);
  }
  for (const { cls, piece, a, named } of made) outcomes(school, cls, a, named.length ? named : cls.learners, piece.task, piece.task === ALIKE_TASK && cls.id === learnerGroup.id);

  // R-WORK-4: the 8A learner without a device at home works from paper packs.
  const term = school.cal.terms.find((t) => t.start <= today && today <= t.end) ?? school.cal.terms[0];
  if (term) {
    const since = school.time.at(term.start, '12:00');
    plan.paperLearners.push({ organisationId: o.school.organisationId, learnerId: paperLearner, setBy: o.school.teacherId, since: since.getTime() < now.getTime() ? since : now });
  }

  // ——— Northgate: the demo tutor's group, on its weekly training day ———

  const tutorGroup = classesOf(plan, o.provider.organisationId).find((c) => c.teacherId === o.provider.tutorId && c.learners.includes(o.provider.apprenticeId));
  if (tutorGroup) {
    const [log, ...others] = WORK_TASKS[PROVIDER_SUBJECT] ?? [];
    if (log) {
      const days = daysFor(provider, tutorGroup, 1, weeksOf(provider));
      days.forEach((forDate, w) => {
        for (const task of [log, others[w % others.length]].filter((t): t is DemoTask => Boolean(t))) {
          const a = setWork(provider, tutorGroup, { forDate, task }, []);
          outcomes(provider, tutorGroup, a, tutorGroup.learners, task, false);
        }
      });
    }
  }

  giveFeedback();
  // R-WORK-6: a reply waiting for the demo teacher, and a couple of hand-ins past their feedback deadline.
  const reply = replyFrom(replier, o.school.teacherId);
  leaveUnmarked(o.school.teacherId, 2, reply);
  leaveUnmarked(o.school.subjectLeadId, 1, reply);
  recordOnPaper(o.school.teacherId);
  extendOne(o.school.teacherId);

  /** Feedback by the class's teacher: on time as a rule, a few late; the demo learners' latest hand-in still waits. */
  function giveFeedback() {
    const latestOf = new Map<string, Submission>();
    for (const s of plan.submissions as Submission[]) {
      if (focus.has(s.learnerId) && (latestOf.get(s.learnerId)?.submittedAt.getTime() ?? 0) < s.submittedAt.getTime()) latestOf.set(s.learnerId, s);
    }
    for (const s of plan.submissions as Submission[]) {
      const { a, site } = assignmentsOf.get(s.assignmentId)!;
      const due = s.feedbackDueAt ?? now;
      const lo = addMinutes(s.submittedAt, 20);
      const give = focus.has(s.learnerId) ? latestOf.get(s.learnerId) !== s : due.getTime() <= now.getTime() || chance(0.4);
      if (!give || lo.getTime() >= now.getTime()) continue;
      const by = chance(0.9) ? due : new Date(due.getTime() + DAY);
      const at = staffTime(site, lo, new Date(Math.min(by.getTime(), now.getTime() - 5 * MINUTE)));
      s.feedbackAt = at;
      const name = givenName.get(s.learnerId) ?? '';
      const body = f.helpers.arrayElement(WORK_FEEDBACK[a.subject] ?? WORK_FEEDBACK.general!).replaceAll('{name}', name);
      plan.submissionComments.push({ organisationId: site.organisationId, id: f.string.uuid(), submissionId: s.id, kind: 'feedback', authorId: a.setBy, body, blobId: null, annotated: false, createdAt: at });
    }
  }

  /** Some time of day between two instants: a day between them, then a time in its hours (near an end when the hours miss). */
  function sometimeIn(site: Site, lo: Date, hi: Date, hours: [string, string], workingDaysOnly: boolean): Date {
    if (hi.getTime() <= lo.getTime()) return lo;
    const { time } = site;
    const days: string[] = [];
    const last = time.dateOf(hi);
    for (let d = time.dateOf(lo); d <= last && days.length < 20; d = addDays(d, 1)) if (!workingDaysOnly || time.working(d)) days.push(d);
    if (days.length === 0) return between(lo, hi);
    const day = f.helpers.arrayElement(days);
    const at = between(time.at(day, hours[0]), time.at(day, hours[1]));
    if (at.getTime() < lo.getTime()) return between(lo, new Date(Math.min(hi.getTime(), lo.getTime() + 90 * MINUTE)));
    if (at.getTime() > hi.getTime()) return between(new Date(Math.max(lo.getTime(), hi.getTime() - 90 * MINUTE)), hi);
    return at;
  }
  /** Learners hand in from early morning to the evening, any day. */
  function learnerTime(site: Site, lo: Date, hi: Date): Date {
    return sometimeIn(site, lo, hi, ['07:00', '21:30'], false);
  }
  /** Teachers mark at lunch or after lessons, on school days, before the policy's 4pm. */
  function staffTime(site: Site, lo: Date, hi: Date): Date {
    return sometimeIn(site, lo, hi, ['12:10', '15:55'], true);
  }

  function submissionsBy(teacherId: string) {
    return (plan.submissions as Submission[]).filter((s) => assignmentsOf.get(s.assignmentId)!.a.setBy === teacherId);
  }

  /** A learner's question back to their teacher on their latest feedback (R-WORK-6). */
  function replyFrom(learnerId: string, teacherId: string): Submission | undefined {
    const s = submissionsBy(teacherId)
      .filter((x) => x.learnerId === learnerId && x.feedbackAt && x.feedbackAt.getTime() < now.getTime() - 10 * MINUTE)
      .sort((x, y) => y.submittedAt.getTime() - x.submittedAt.getTime())[0];
    if (!s?.feedbackAt) return undefined;
    const at = between(addMinutes(s.feedbackAt, 5), new Date(Math.min(s.feedbackAt.getTime() + 5 * 60 * MINUTE, now.getTime() - 5 * MINUTE)));
    s.replyWaitingSince = at;
    plan.submissionComments.push({ organisationId: o.school.organisationId, id: f.string.uuid(), submissionId: s.id, kind: 'reply', authorId: learnerId, body: f.helpers.arrayElement(REPLIES), blobId: null, annotated: false, createdAt: at });
    return s;
  }

  /** The teacher is behind on a few: their most recent hand-ins past the feedback deadline still wait, 8A's first (its week view shows them). */
  function leaveUnmarked(teacherId: string, n: number, keep: Submission | undefined) {
    const in8A = (s: Submission) => Number(learnerGroup!.learners.includes(s.learnerId));
    const behind = submissionsBy(teacherId)
      .filter((s) => s !== keep && !focus.has(s.learnerId) && s.feedbackAt && s.feedbackDueAt && s.feedbackDueAt.getTime() < now.getTime())
      .sort((x, y) => in8A(y) - in8A(x) || y.feedbackDueAt!.getTime() - x.feedbackDueAt!.getTime())
      .slice(0, n);
    for (const s of behind) {
      s.feedbackAt = null;
      plan.submissionComments = plan.submissionComments.filter((c) => c.submissionId !== s.id);
    }
  }

  /** A learner elsewhere who missed a deadline (the internet at home was down) handed it in on paper the next morning; the teacher recorded it, still to mark (R-WORK-5). */
  function recordOnPaper(teacherId: string) {
    const passed = [...assignmentsOf.values()]
      .filter(({ a, cls }) => a.setBy === teacherId && a.audience === 'class' && cls.id !== learnerGroup!.id && a.dueAt.getTime() < now.getTime() - 2 * 60 * MINUTE)
      .sort((x, y) => y.a.dueAt.getTime() - x.a.dueAt.getTime());
    for (const { a, site, cls } of passed) {
      const learnerId = cls.learners.find((id) => !focus.has(id) && !plan.submissions.some((s) => s.assignmentId === a.id && s.learnerId === id));
      if (!learnerId) continue;
      const at = sometimeIn(site, addMinutes(a.dueAt, 60), addMinutes(now, -5), ['08:20', '08:45'], true);
      handIn(site, a, learnerId, at, { channel: 'paper', body: 'Handed in on paper: the internet at home was down. All questions attempted.', by: teacherId });
      return;
    }
  }

  /** One learner, unwell, given two more school days for the teacher's next deadline (R-WORK-5). */
  function extendOne(teacherId: string) {
    const upcoming = [...assignmentsOf.values()]
      .filter(({ a }) => a.setBy === teacherId && a.audience === 'class' && a.dueAt.getTime() > now.getTime())
      .sort((x, y) => x.a.dueAt.getTime() - y.a.dueAt.getTime());
    for (const { a, site, cls } of upcoming) {
      const learnerId = cls.learners.find((id) => !focus.has(id) && id !== referred && id !== paperLearner && !plan.submissions.some((s) => s.assignmentId === a.id && s.learnerId === id));
      const oneDay = site.time.next(site.time.dateOf(a.dueAt));
      const twoDays = oneDay ? site.time.next(oneDay) : null;
      if (!learnerId || !twoDays) continue;
      const grantedAt = new Date(Math.max(a.publishedAt.getTime(), now.getTime() - 2 * 60 * MINUTE));
      const dueAt = site.time.at(twoDays, site.cal.dayEnd);
      plan.workExtensions.push({ organisationId: site.organisationId, assignmentId: a.id, learnerId, dueAt, reason: 'Unwell this week; their parent rang the school office.', grantedBy: teacherId, grantedAt });
      return;
    }
  }
}

/** A piece of work a teacher might set, with short answers learners hand in. */
interface DemoTask {
  title: string;
  instructions: string;
  minutes: number;
  screenFree: boolean;
  /** lesson: by the end of its day; homework: before school on the class's next lesson day; week: by the end of its week. */
  due: 'lesson' | 'homework' | 'week';
  /** Key stage 3 (Years 7 to 9) or 4 (Years 10 and 11) only. */
  stage?: 'ks3' | 'ks4';
  /** For a few named learners (catch-up, stretch), not the whole class. */
  some?: boolean;
  resource?: { kind: 'link'; title: string; url: string } | { kind: 'text'; title: string; body: string };
  /** Under 15 words each: too short for the own-work comparison, so only ALIKE_ANSWERS are shown alike. */
  answers: string[];
}

const BITESIZE = { kind: 'link', title: 'BBC Bitesize', url: 'https://www.bbc.co.uk/bitesize' } as const;
const OAK = { kind: 'link', title: 'Oak National Academy: the lesson to recap', url: 'https://www.thenational.academy/pupils' } as const;

/** Work by subject, as a UK secondary school sets it (KS3 and GCSE), and the provider's apprenticeship tasks. */
const WORK_TASKS: Record<string, DemoTask[]> = {
  Mathematics: [
    { stage: 'ks3', title: 'Equivalent fractions', minutes: 30, screenFree: true, due: 'homework',
      instructions: 'Complete questions 1 to 12 on the sheet in your exercise book. Simplify every answer fully and write the number you divided by.',
      resource: { kind: 'text', title: 'Worked example', body: 'To simplify 18/24, find the highest common factor of 18 and 24. It is 6.\nDivide the top and the bottom by 6: 18 ÷ 6 = 3 and 24 ÷ 6 = 4.\nSo 18/24 = 3/4.' },
      answers: ['Done in my book: 1) 1/2 2) 2/3 3) 3/4.', 'All twelve done. Number 11 simplified to 5/6.'] },
    { stage: 'ks3', title: 'Comparing fractions: explain it', minutes: 20, screenFree: false, due: 'lesson',
      instructions: 'Which is bigger, 3/4 or 2/3? Explain how you know in full sentences. You could use a common denominator or a bar model.',
      answers: ['3/4 is bigger because 9/12 is more than 8/12.', '3/4, because 0.75 is more than 0.67.'] },
    { stage: 'ks3', title: 'Percentages of amounts', minutes: 30, screenFree: false, due: 'homework', resource: BITESIZE,
      instructions: 'Work out 10%, 5% and 1% of each amount first, then use them to find 35% of £80 and 12% of £250. Show your working.',
      answers: ['35% of £80 is £28 and 12% of £250 is £30.', '£28 and £30. I used 10% then halved it.'] },
    { stage: 'ks3', title: 'Angles on a straight line', minutes: 25, screenFree: false, due: 'lesson',
      instructions: 'Find the missing angles in questions 1 to 10. Give a reason for each one, for example "angles on a straight line add up to 180°".',
      answers: ['a = 65°, b = 115°, c = 40°. Reasons in my book.', 'All ten done; question 9 had two missing angles.'] },
    { stage: 'ks3', title: 'Catch-up: negative numbers', minutes: 20, screenFree: false, due: 'homework', some: true, resource: OAK,
      instructions: 'You missed the lesson on negative numbers, so here is a catch-up. Watch the recap, then answer questions 1 to 8 on adding and subtracting negative numbers.',
      answers: ['−3 + 5 = 2 and 4 − 7 = −3. All eight done.', 'Finished. Subtracting a negative is the same as adding.'] },
    { stage: 'ks3', title: 'Sequences: the nth term', minutes: 30, screenFree: false, due: 'homework',
      instructions: 'Find the nth term of each of the five sequences. Check each one by working out the 10th term.',
      answers: ['First one is 3n + 2, so the 10th term is 32.', 'Done. 4n − 1 for the second one.'] },
    { stage: 'ks3', title: 'Area of triangles', minutes: 25, screenFree: true, due: 'homework',
      instructions: 'On squared paper, draw three different triangles that each have an area of 12 cm². Label the base and the perpendicular height of each.',
      answers: ['Base 6, height 4; base 8, height 3; base 12, height 2.', 'Drawn all three on squared paper.'] },
    { stage: 'ks3', title: 'Ratio problems', minutes: 30, screenFree: false, due: 'lesson',
      instructions: 'Share £60 in the ratio 2:3, then answer the recipe questions. Write each ratio in its simplest form.',
      answers: ['£24 and £36. The recipe needs 300 g of flour.', 'Done: 2:3 means five parts of £12.'] },
    { stage: 'ks4', title: 'Expanding double brackets', minutes: 30, screenFree: false, due: 'homework',
      instructions: 'Expand and simplify questions 1 to 15. Use the grid method if it helps. Extension: (2x + 3)(x − 4).',
      answers: ['Extension: 2x² − 5x − 12.', 'All fifteen done with the grid method.'] },
    { stage: 'ks4', title: 'Simultaneous equations', minutes: 40, screenFree: false, due: 'homework', resource: BITESIZE,
      instructions: 'Solve the six pairs of equations by elimination. Check each answer by putting it back into both equations.',
      answers: ['x = 3, y = −1 for the first pair. Checked.', 'Done all six; number 5 took me ages.'] },
    { stage: 'ks4', title: 'Pythagoras: exam questions', minutes: 35, screenFree: true, due: 'homework',
      instructions: 'Answer the four GCSE questions on the sheet on paper. Round to 1 decimal place and include the units.',
      answers: ['Q1 13 cm, Q2 8.5 cm, Q3 and Q4 in my book.', 'All four done on paper.'] },
    { stage: 'ks4', title: 'Catch-up: straight-line graphs', minutes: 25, screenFree: false, due: 'homework', some: true, resource: OAK,
      instructions: 'A catch-up on y = mx + c from the lesson you missed. Watch the recap, then find the gradient and y-intercept of each line on the sheet.',
      answers: ['Gradient 2 and intercept −3 for the first line.', 'Done. I get it now.'] },
    { stage: 'ks4', title: 'Probability trees', minutes: 30, screenFree: false, due: 'lesson',
      instructions: 'Draw a probability tree for picking two counters without replacement, then answer parts (a) to (d).',
      answers: ['(d) is 12/42, which simplifies to 2/7.', 'Tree drawn; (c) was 20/42.'] },
  ],
  English: [
    { stage: 'ks3', title: 'Great Expectations: chapter 1', minutes: 40, screenFree: false, due: 'homework',
      resource: { kind: 'link', title: 'Great Expectations (Project Gutenberg)', url: 'https://www.gutenberg.org/ebooks/1400' },
      instructions: 'Read the opening chapter. How does Dickens make Pip seem small and alone? Write a paragraph using two quotations.',
      answers: ['Pip is alone in the churchyard with his family’s graves.', 'Dickens calls him a "small bundle of shivers".'] },
    { stage: 'ks3', title: 'Poetry: The Eagle', minutes: 25, screenFree: false, due: 'lesson',
      resource: { kind: 'text', title: 'The Eagle, by Alfred, Lord Tennyson', body: 'He clasps the crag with crooked hands;\nClose to the sun in lonely lands,\nRing’d with the azure world, he stands.\n\nThe wrinkled sea beneath him crawls;\nHe watches from his mountain walls,\nAnd like a thunderbolt he falls.' },
      instructions: 'Read the poem aloud twice. Find one simile and one example of alliteration, and explain the effect of each in a sentence.',
      answers: ['Simile: "like a thunderbolt". Alliteration: "clasps the crag with crooked".', 'The simile shows how fast and powerful the eagle is.'] },
    { stage: 'ks3', title: 'Descriptive writing: a storm', minutes: 45, screenFree: true, due: 'homework',
      instructions: 'Write about 250 words describing a storm at sea. Use all five senses and at least one metaphor. Write it by hand first.',
      answers: ['Written by hand; my metaphor is "the sea was a beast".', 'About 260 words in my book.'] },
    { stage: 'ks3', title: 'Spellings: set 6', minutes: 15, screenFree: true, due: 'week',
      resource: { kind: 'text', title: 'This week’s words', body: 'necessary, separate, definitely, environment, government, conscience, rhythm, parallel, persuade, occasionally' },
      instructions: 'Learn this week’s ten words using look, say, cover, write, check. There is a quiz in Friday’s lesson.',
      answers: ['Learnt them all; rhythm is the hardest.', 'Practised twice with my mum.'] },
    { stage: 'ks3', title: 'Stretch: an unseen poem', minutes: 30, screenFree: false, due: 'homework', some: true,
      instructions: 'For those ready for more: read the unseen poem on the sheet and write a paragraph on how the poet presents loneliness.',
      answers: ['The poet uses the empty house to show loneliness.', 'Done; I wrote about the repeated word "alone".'] },
    { stage: 'ks3', title: 'A letter to the headteacher', minutes: 40, screenFree: false, due: 'homework',
      instructions: 'Write a letter arguing for or against a longer lunch break. Use at least three persuasive techniques and label them.',
      answers: ['For a longer lunch: rhetorical question, statistic and a triple.', 'Against. I used facts, opinion and direct address.'] },
    { stage: 'ks4', title: 'An Inspector Calls: Act 1', minutes: 45, screenFree: false, due: 'homework',
      instructions: 'Reread the opening stage directions. How does Priestley present the Birlings as comfortable and pleased with themselves?',
      answers: ['The lighting is "pink and intimate" until the Inspector arrives.', 'Birling’s speeches show how sure of himself he is.'] },
    { stage: 'ks4', title: 'A Christmas Carol: Scrooge quotations', minutes: 20, screenFree: true, due: 'week',
      resource: { kind: 'text', title: 'Five quotations to learn', body: '“Hard and sharp as flint”\n“Secret, and self-contained, and solitary as an oyster”\n“Bah! Humbug!”\n“Are there no prisons?”\n“Decrease the surplus population”' },
      instructions: 'Learn the five quotations. Test yourself by covering them and writing them out from memory.',
      answers: ['Can write all five from memory now.', 'Four out of five; the oyster one is long.'] },
    { stage: 'ks4', title: 'Language Paper 1, Question 2', minutes: 35, screenFree: false, due: 'lesson',
      instructions: 'Answer Question 2 on the extract: how does the writer use language to describe the city at night? Aim for three developed points.',
      answers: ['Three points done, on the personification of the streets.', 'Wrote about the sounds and the colours.'] },
    { stage: 'ks4', title: 'Power and conflict: Ozymandias', minutes: 40, screenFree: false, due: 'homework',
      resource: { kind: 'text', title: 'Ozymandias, by Percy Bysshe Shelley (lines 4 to 11)', body: 'Half sunk a shattered visage lies, whose frown,\nAnd wrinkled lip, and sneer of cold command,\nTell that its sculptor well those passions read\nWhich yet survive, stamped on these lifeless things,\nThe hand that mocked them, and the heart that fed;\nAnd on the pedestal, these words appear:\nMy name is Ozymandias, King of Kings;\nLook on my Works, ye Mighty, and despair!' },
      instructions: 'Annotate the lines. How does Shelley present power? Focus on “sneer of cold command” and the irony of the last line.',
      answers: ['The statue is broken, so his power did not last.', 'Annotated; the irony is that nothing is left.'] },
    { stage: 'ks4', title: 'Stretch: comparing two poems', minutes: 40, screenFree: false, due: 'homework', some: true,
      instructions: 'Compare how power is presented in Ozymandias and My Last Duchess. Plan three paragraphs and write the first.',
      answers: ['Plan done and first paragraph on pride.', 'Both rulers are proud; I wrote about that.'] },
  ],
  Science: [
    { stage: 'ks3', title: 'Cells: labelled diagrams', minutes: 25, screenFree: true, due: 'homework',
      instructions: 'Draw and label an animal cell and a plant cell. Underneath, write two differences between them.',
      answers: ['Plant cells have a cell wall and chloroplasts.', 'Both drawn; the plant cell has a vacuole.'] },
    { stage: 'ks3', title: 'Particles and states of matter', minutes: 25, screenFree: false, due: 'lesson', resource: BITESIZE,
      instructions: 'Use the Bitesize page to answer: why can a gas be squashed but a solid cannot? Draw the particles in each state.',
      answers: ['Gas particles are far apart, so they can be pushed closer.', 'Drawn all three states.'] },
    { stage: 'ks3', title: 'Acids and alkalis at home', minutes: 20, screenFree: true, due: 'homework',
      resource: { kind: 'text', title: 'Substances to sort', body: 'lemon juice, washing-up liquid, vinegar, toothpaste, pure water, cola, bicarbonate of soda, milk, bleach, orange juice' },
      instructions: 'Sort the ten substances into acids, alkalis and neutral. Give a pH you would expect for each.',
      answers: ['Vinegar and lemon juice are acids, about pH 3.', 'Bleach is the strongest alkali.'] },
    { stage: 'ks3', title: 'Energy stores and transfers', minutes: 30, screenFree: false, due: 'homework',
      instructions: 'For a kettle, a torch and a car braking, name the energy stores at the start and end, and how the energy is transferred.',
      answers: ['Kettle: electrical work to the thermal store of the water.', 'Done all three.'] },
    { stage: 'ks4', title: 'Osmosis practical: write-up', minutes: 40, screenFree: false, due: 'homework',
      instructions: 'Write up the potato osmosis practical: method, results table, graph of percentage change in mass, and a conclusion.',
      answers: ['The mass went down in the strongest sugar solution.', 'Graph done; it crosses zero at about 0.3 M.'] },
    { stage: 'ks4', title: 'Electrolysis: half equations', minutes: 35, screenFree: false, due: 'lesson',
      instructions: 'Write the half equations at each electrode for the electrolysis of molten lead bromide and of copper sulfate solution.',
      answers: ['Pb²⁺ + 2e⁻ → Pb at the cathode.', 'Done both; copper forms at the cathode.'] },
    { stage: 'ks4', title: 'Forces and motion: exam questions', minutes: 35, screenFree: true, due: 'homework',
      instructions: 'Answer the three exam questions on paper. Write down the equation you use each time and show every step.',
      answers: ['Q1: acceleration is 2.5 m/s².', 'All three on paper.'] },
  ],
  History: [
    { stage: 'ks3', title: 'Why did William win at Hastings?', minutes: 35, screenFree: false, due: 'homework', resource: BITESIZE,
      instructions: 'Give three reasons William won the Battle of Hastings. Which was the most important? Explain your choice.',
      answers: ['Harold’s army was tired after Stamford Bridge.', 'The feigned retreat was most important.'] },
    { stage: 'ks3', title: 'Life in a Victorian workhouse', minutes: 30, screenFree: true, due: 'homework',
      instructions: 'Imagine you are a child entering a workhouse in 1840. Write a diary entry about your first day, using at least three facts from the lesson.',
      answers: ['Diary written; we had to wear a uniform.', 'Done, about my first day picking oakum.'] },
    { stage: 'ks4', title: 'Medicine: the Black Death', minutes: 35, screenFree: false, due: 'homework',
      instructions: 'Explain why people in 1348 had so little success in treating the Black Death. Use two causes they believed in.',
      answers: ['They blamed bad air and God’s punishment.', 'Miasma and the four humours.'] },
    { stage: 'ks4', title: 'Weimar Germany: hyperinflation', minutes: 30, screenFree: false, due: 'lesson',
      instructions: 'Explain two effects of the 1923 hyperinflation on different groups of Germans.',
      answers: ['Savers lost everything; people with debts gained.', 'Pensioners suffered most.'] },
  ],
  Geography: [
    { stage: 'ks3', title: 'Weather diary', minutes: 15, screenFree: true, due: 'week',
      instructions: 'Each day this week, record the temperature, cloud cover and wind from your window at the same time. Draw symbols for each day.',
      answers: ['Five days recorded; Thursday was the windiest.', 'Done with symbols.'] },
    { stage: 'ks3', title: 'A river’s journey', minutes: 30, screenFree: false, due: 'homework',
      instructions: 'Describe how a river and its valley change from source to mouth. Include a labelled sketch of a meander.',
      answers: ['Sketch done; the outside bend erodes fastest.', 'Done: it gets wider and slower.'] },
    { stage: 'ks4', title: 'Tectonic hazards case study', minutes: 40, screenFree: false, due: 'homework',
      instructions: 'Compare the effects of and responses to one earthquake in a richer country and one in a poorer country.',
      answers: ['Japan 2011 and Nepal 2015.', 'Done; Nepal needed much more outside help.'] },
    { stage: 'ks4', title: 'Urban change in a UK city', minutes: 35, screenFree: false, due: 'lesson',
      instructions: 'Give two opportunities and two challenges of urban change in the city we studied, with a fact for each.',
      answers: ['Regeneration brought jobs but housing costs rose.', 'Two of each done.'] },
  ],
  French: [
    { title: 'Ma ville', minutes: 25, screenFree: false, due: 'homework',
      instructions: 'Write six sentences in French describing your town: what there is and what there is not. Use “il y a” and “il n’y a pas de”.',
      answers: ['Il y a un parc mais il n’y a pas de piscine.', 'Six phrases écrites.'] },
    { title: 'Vocabulary: food and drink', minutes: 15, screenFree: true, due: 'week',
      instructions: 'Learn the twenty food and drink words on page 34 with their genders. Test yourself by covering the English.',
      answers: ['Learnt all twenty.', 'Done; la pomme and le pain are my favourites.'] },
  ],
  'Physical Education': [
    { title: 'Home workout', minutes: 20, screenFree: true, due: 'week',
      resource: { kind: 'text', title: 'The circuit', body: 'Do each exercise for 30 seconds, rest for 30 seconds, and go round twice:\nstar jumps, squats, plank, lunges, mountain climbers, wall sit.' },
      instructions: 'Do the circuit twice this week. Write down how you felt and your heart rate after each round.',
      answers: ['Heart rate 140 after round two.', 'Done twice; the wall sit was hard.'] },
    { title: 'Fitness diary', minutes: 15, screenFree: true, due: 'week',
      instructions: 'Record every activity you do this week that lasts at least 15 minutes: walking, cycling, sport, dancing.',
      answers: ['Football twice and walking to school.', 'Cycled three times.'] },
  ],
  Computing: [
    { title: 'Algorithms: making toast', minutes: 25, screenFree: true, due: 'homework',
      instructions: 'Draw a flowchart on paper for making a slice of toast. Include at least one decision, such as “Is it brown enough?”.',
      answers: ['Flowchart drawn with two decisions.', 'Done on paper.'] },
    { title: 'Binary numbers', minutes: 20, screenFree: false, due: 'lesson',
      instructions: 'Convert the ten denary numbers to 8-bit binary, then convert the five binary numbers back to denary.',
      answers: ['13 is 00001101.', 'All fifteen done.'] },
  ],
  Art: [
    { title: 'Observational drawing: a shoe', minutes: 40, screenFree: true, due: 'homework',
      instructions: 'Draw one of your shoes from life in pencil. Spend at least 30 minutes and use three different tones.',
      answers: ['Drawn in pencil with shading.', 'Done; I drew my trainer.'] },
  ],
  Music: [
    { title: 'Listening: Mars from The Planets', minutes: 25, screenFree: false, due: 'homework',
      instructions: 'Listen to “Mars, the Bringer of War” by Holst. How does he use rhythm and dynamics to create a sense of war?',
      answers: ['The rhythm repeats in 5/4 like marching.', 'It gets louder and louder.'] },
  ],
  'Religious Education': [
    { title: 'Festivals of light', minutes: 30, screenFree: false, due: 'homework',
      instructions: 'Compare how Diwali and Hanukkah are celebrated. Give two similarities and two differences.',
      answers: ['Both use lights; the stories are different.', 'Done with two of each.'] },
  ],
  PSHE: [
    { title: 'Staying safe online', minutes: 20, screenFree: false, due: 'homework',
      instructions: 'Make a list of five tips for a Year 6 pupil starting to use social media. Say why each one matters.',
      answers: ['Tip one: never share your location.', 'Five tips done.'] },
  ],
  'Business administration': [
    { title: 'Off-the-job training log', minutes: 20, screenFree: false, due: 'week',
      instructions: 'Record your off-the-job training hours for this week: what you did, how long it took, and which knowledge, skills or behaviours it covers.',
      answers: ['Six hours logged, mostly on the filing project.', 'Logged: training day plus shadowing my manager.'] },
    { title: 'Minutes of a team meeting', minutes: 60, screenFree: false, due: 'homework',
      resource: { kind: 'text', title: 'House style for minutes', body: 'Heading with the meeting, date and place.\nPresent and apologies.\nEach item: a short summary and any decision.\nActions: what, who, by when.\nDate of the next meeting.' },
      instructions: 'Take the minutes of one team meeting at work this week and write them up in the house style. Remove anything confidential.',
      answers: ['Minutes of Tuesday’s team meeting, confidential parts removed.', 'Written up in the house style.'] },
    { title: 'Data protection at work', minutes: 40, screenFree: false, due: 'homework',
      resource: { kind: 'link', title: 'Information Commissioner’s Office', url: 'https://ico.org.uk/for-organisations/' },
      instructions: 'Read the ICO’s guidance for organisations, then list five ways your workplace keeps personal data safe.',
      answers: ['Locked cabinets, passwords and a clear-desk policy.', 'Five listed, with examples from my office.'] },
    { title: 'Reflective account: a difficult enquiry', minutes: 45, screenFree: false, due: 'homework',
      instructions: 'Write 300 to 400 words about a time you handled a difficult enquiry or complaint: what happened, what you did, and what you would do differently.',
      answers: ['A delivery complaint; I would escalate sooner next time.', 'About a caller who was upset about a bill.'] },
  ],
};

/** Feedback as teachers write it: what went well and what to do next. {name} is the learner’s given name. */
const WORK_FEEDBACK: Record<string, string[]> = {
  Mathematics: [
    'Well done, {name}: all correct, and your working is easy to follow. Try the challenge question next time.',
    'Good effort, {name}. Check question 3 again: you multiplied when you needed to divide.',
    '{name}, nearly there. Show every step so you can see where the mistake creeps in.',
  ],
  English: [
    'Lovely work, {name}. Your quotations are well chosen; now explain the effect of one key word in each.',
    '{name}, a good start. Develop your second point: what does it show about the character?',
    'Well written, {name}. Check your full stops: some sentences run on.',
  ],
  Science: [
    'Well done, {name}: clear, accurate and labelled. Add units to every value.',
    'Good, {name}. Your conclusion needs a reason: explain why, using the particle model.',
  ],
  'Business administration': [
    'Thank you, {name}. This meets the criterion; link it to the standard’s behaviours in your portfolio.',
    'Good work, {name}. Add one more example from your workplace and this is ready for your portfolio.',
  ],
  general: [
    'Thank you, {name}: well done. Keep it up.',
    'Good work, {name}. Next time, add a little more detail to your last answer.',
    '{name}, this is a careful piece of work. Well done.',
  ],
};

/** Pieces a week of each core subject for every tutor group. */
const CORE_PER_WEEK: Record<string, number> = { Mathematics: 2, English: 2, Science: 1 };
const PROVIDER_SUBJECT = 'Business administration';
const ALIKE_TASK = WORK_TASKS.Mathematics!.find((t) => t.title === 'Comparing fractions: explain it')!;

/** Two answers to ALIKE_TASK, one copied from the other with a word or two changed (R-WORK-7). */
const ALIKE_ANSWERS = [
  'I changed both fractions so they have the same denominator. Three quarters is nine twelfths and two thirds is eight twelfths, so three quarters is bigger because nine twelfths is more than eight twelfths. I checked it with a bar model as well and the three quarters bar was longer.',
  'I changed both fractions so they have the same denominator. Three quarters is nine twelfths and two thirds is eight twelfths, so three quarters is larger because nine twelfths is more than eight twelfths. I also checked it with a bar model and the three quarters bar was longer.',
] as const;

/** Short answers any learner might write (under 15 words: too short for the own-work comparison). */
const GENERAL_ANSWERS = ['All done.', 'Finished. The last part was the hardest.', 'Done, but I wasn’t sure about the final question.', 'Completed it all in my exercise book too.'];

const PAPER_NOTES = ['Returned in the paper pack: every question answered.', 'Paper pack returned; the last question left blank.', 'Returned on paper, neatly done.'];

const REPLIES = ['Thank you. I still don’t understand the last part: could you explain it again in the next lesson?', 'Thanks. Can I redo it and hand it in again?'];
