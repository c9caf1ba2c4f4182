import { endOfSchoolDay, instantAt, isWorkingDay, localDateOf, nextWorkingDay, type SiteCalendar } from '../organisation/index.js';

/**
 * Remote work's policy rules as pure functions (R-WORK-1, -2, -3, -6, -8). They take the site's
 * calendar (organisation/working-time.ts) and the policy's values; the service supplies both.
 */

// ——— R-WORK-1: daily work set by a time (09:30 in seed 001) ———

export interface SetByCheck {
  /** Whether the rule applies: a set-by time exists and the day is a working day. */
  applies: boolean;
  late: boolean;
  /** The deadline for setting the day's work, when the rule applies. */
  deadline: Date | null;
  /** How late, in whole minutes (0 when on time). */
  minutesLate: number;
}

/** Work for `forDate` published at `publishedAt` against a daily set-by time (null: no rule). */
export function setByCheck(cal: SiteCalendar, forDate: string, publishedAt: Date, setBy: string | null): SetByCheck {
  if (setBy === null || !isWorkingDay(cal, forDate)) return { applies: false, late: false, deadline: null, minutesLate: 0 };
  const deadline = instantAt(cal, forDate, setBy);
  const late = publishedAt.getTime() > deadline.getTime();
  return { applies: true, late, deadline, minutesLate: late ? Math.ceil((publishedAt.getTime() - deadline.getTime()) / 60_000) : 0 };
}

// ——— R-WORK-6: feedback on time ———

/** "By the end of the school day it came in" (seed 001), or "within N working days". */
export type FeedbackRule = { kind: 'end_of_school_day' } | { kind: 'working_days'; days: number };

/**
 * When feedback on work submitted at `submittedAt` is due. Work that comes in after the school day
 * (or on a day the site is closed) is due by the end of the next working day. Null when the
 * calendar has no working day ahead (no terms entered).
 */
export function feedbackDue(cal: SiteCalendar, submittedAt: Date, rule: FeedbackRule): Date | null {
  const endOfDay = endOfSchoolDay(cal, submittedAt);
  if (rule.kind === 'end_of_school_day' || endOfDay === null) return endOfDay;
  // The school day the work counts as in on, then that many working days on, at the day's end.
  let date: string | null = localDateOf(cal, endOfDay);
  for (let i = 0; i < rule.days && date; i++) date = nextWorkingDay(cal, date);
  return date ? instantAt(cal, date, cal.dayEnd) : null;
}

// ——— R-WORK-2: deadlines spaced across subjects ———

export interface Deadline {
  id: string;
  subject: string;
  due: Date;
}

export interface Bunch {
  /** The local date the deadlines fall on. */
  date: string;
  subjects: string[];
  deadlineIds: string[];
}

/**
 * Days on which deadlines from more than `maxSubjectsPerDay` different subjects fall for the same
 * learners (seed 004: "deadlines across subjects are spaced appropriately").
 */
export function bunchedDeadlines(cal: SiteCalendar, deadlines: readonly Deadline[], maxSubjectsPerDay: number): Bunch[] {
  const byDate = new Map<string, Deadline[]>();
  for (const d of deadlines) {
    const date = localDateOf(cal, d.due);
    byDate.set(date, [...(byDate.get(date) ?? []), d]);
  }
  const bunches: Bunch[] = [];
  for (const [date, list] of [...byDate].sort(([a], [b]) => a.localeCompare(b))) {
    const subjects = [...new Set(list.map((d) => d.subject))].sort();
    if (subjects.length > maxSubjectsPerDay) bunches.push({ date, subjects, deadlineIds: list.map((d) => d.id) });
  }
  return bunches;
}

/**
 * The bunch a proposed deadline joins, when its day is over the spacing rule with it and its
 * subject is new that day (a second deadline of a subject already due that day adds no subject).
 */
export function breaksSpacing(cal: SiteCalendar, existing: readonly Deadline[], proposed: Deadline, maxSubjectsPerDay: number): Bunch | null {
  const day = localDateOf(cal, proposed.due);
  if (existing.some((d) => d.subject === proposed.subject && localDateOf(cal, d.due) === day)) return null;
  return bunchedDeadlines(cal, [...existing, proposed], maxSubjectsPerDay).find((b) => b.date === day) ?? null;
}

// ——— R-WORK-2: balance of curriculum areas ———

export interface BalanceLine {
  subject: string;
  /** Share of the week's timetabled lessons (the usual balance). */
  expectedShare: number;
  /** Share of the estimated minutes of work set. */
  actualShare: number;
  /** actual − expected, in percentage points (negative: under-represented). */
  difference: number;
}

/**
 * The work set in a week by curriculum area against the usual balance from the timetable. Shares
 * are fractions of 1; subjects on the timetable with no work set appear with an actual share of 0.
 */
export function curriculumBalance(lessons: readonly { subject: string; count: number }[], work: readonly { subject: string; minutes: number }[]): BalanceLine[] {
  const totalLessons = lessons.reduce((n, l) => n + l.count, 0);
  const totalMinutes = work.reduce((n, w) => n + w.minutes, 0);
  const subjects = [...new Set([...lessons.map((l) => l.subject), ...work.map((w) => w.subject)])].sort();
  return subjects.map((subject) => {
    const expectedShare = totalLessons ? lessons.filter((l) => l.subject === subject).reduce((n, l) => n + l.count, 0) / totalLessons : 0;
    const actualShare = totalMinutes ? work.filter((w) => w.subject === subject).reduce((n, w) => n + w.minutes, 0) / totalMinutes : 0;
    return { subject, expectedShare, actualShare, difference: Math.round((actualShare - expectedShare) * 1000) / 10 };
  });
}

// ——— R-WORK-3: screen-free activity ———

/** The share of estimated minutes that are screen-free (null when nothing is set). */
export function screenFreeShare(tasks: readonly { minutes: number; screenFree: boolean }[]): number | null {
  const total = tasks.reduce((n, t) => n + t.minutes, 0);
  if (total === 0) return null;
  return tasks.filter((t) => t.screenFree).reduce((n, t) => n + t.minutes, 0) / total;
}

// ——— R-WORK-8: non-completion referred to a senior leader ———

export interface DeadlineOutcome {
  due: Date;
  /** When it was handed in (online or recorded as returned on paper); null if not. */
  handedInAt: Date | null;
  /** An extension moves the deadline for this learner. */
  extendedTo?: Date | null;
}

/**
 * Deadlines missed in the window [from, now]: passed (after any extension) with nothing handed in
 * by then. Work handed in late still counts as missed: the deadline was not met.
 */
export function missedDeadlines(outcomes: readonly DeadlineOutcome[], from: Date, now: Date): number {
  return outcomes.filter((o) => {
    const due = o.extendedTo ?? o.due;
    if (due.getTime() < from.getTime() || due.getTime() > now.getTime()) return false;
    return o.handedInAt === null || o.handedInAt.getTime() > due.getTime();
  }).length;
}

/** Whether a learner goes on the senior leader's list: `threshold` or more missed in the window. */
export function shouldRefer(missed: number, threshold: number): boolean {
  return threshold > 0 && missed >= threshold;
}
