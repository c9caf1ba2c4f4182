import { DateTime } from 'luxon';

/**
 * R-ORG-2: when a site is working, as pure functions of its calendar facts. Every later deadline
 * ("by 09:30", "by the end of the school day", "within one working day") is computed here, in the
 * site's time zone, so the March and October clock changes are handled once.
 * Local dates are 'YYYY-MM-DD' strings; instants are Dates; times of day are 'HH:mm'.
 */
export interface Term {
  name: string;
  start: string;
  end: string;
}
export interface Closure {
  start: string;
  end: string;
  reason: string;
}
export interface SiteCalendar {
  timeZone: string;
  terms: readonly Term[];
  closures: readonly Closure[];
  /** Local dates; see bank-holidays.ts. */
  bankHolidays: readonly string[];
  /** ISO weekdays the site works, 1 = Monday. */
  workingDays: readonly number[];
  dayStart: string;
  dayEnd: string;
}

const within = (date: string, from: string, to: string) => date >= from && date <= to;
const dayOf = (cal: SiteCalendar, date: string) => DateTime.fromISO(date, { zone: cal.timeZone });

/** Why a date is not a working day, or null when it is. */
export function nonWorkingReason(cal: SiteCalendar, date: string, holidayName?: (date: string) => string | undefined): string | null {
  const d = dayOf(cal, date);
  if (!d.isValid) return 'Not a date';
  if (!cal.workingDays.includes(d.weekday)) return d.toFormat('cccc');
  if (cal.bankHolidays.includes(date)) return holidayName?.(date) ?? 'Bank holiday';
  const closure = cal.closures.find((c) => within(date, c.start, c.end));
  if (closure) return closure.reason;
  if (!cal.terms.some((t) => within(date, t.start, t.end))) return 'Outside term time';
  return null;
}

/** In a term, on a working weekday, not a bank holiday, not closed. */
export function isWorkingDay(cal: SiteCalendar, date: string): boolean {
  return nonWorkingReason(cal, date) === null;
}

export function localDateOf(cal: SiteCalendar, instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: cal.timeZone }).toISODate() ?? '';
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The local date as a DateTime at midnight, refusing 'YYYY-MM-DD' strings that are no real date. */
function realDay(cal: SiteCalendar, date: string): DateTime {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(date) ? dayOf(cal, date) : DateTime.invalid('not YYYY-MM-DD');
  if (!d.isValid) throw new RangeError(`Not a date: ${date}`);
  return d;
}

/**
 * The instant of a local wall-clock time on a date. A time in the spring-forward gap (01:30 on
 * the last Sunday of March in London) moves forward to the first valid instant (02:00 BST); an
 * ambiguous autumn time takes the earlier instant (the first 01:30, BST). Throws a RangeError for
 * an impossible date or a time not written 'HH:mm': calendar facts are checked when entered
 * (termProblems, findTimetableOverlaps), so a bad one here is a bug, not a user's mistake.
 */
export function instantAt(cal: SiteCalendar, date: string, time: string): Date {
  if (!TIME.test(time)) throw new RangeError(`Not a time like 08:45: ${time}`);
  const [hour, minute] = time.split(':').map(Number);
  const local = realDay(cal, date).set({ hour, minute, second: 0, millisecond: 0 });
  if (local.hour === hour && local.minute === minute) return local.toJSDate();
  // In the gap Luxon moves on by the gap's length (01:30 → 02:30 BST); the clocks went forward
  // somewhere in the gap's length before that, so find that first valid instant.
  const gapMs = (local.offset - local.minus({ days: 1 }).offset) * 60_000;
  let lo = local.toMillis() - gapMs; // before the change
  let hi = local.toMillis(); // after it
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (DateTime.fromMillis(mid, { zone: cal.timeZone }).offset === local.offset) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** The working day whose hours contain the instant, or null. */
export function schoolDayOf(cal: SiteCalendar, instant: Date): string | null {
  const date = localDateOf(cal, instant);
  if (!isWorkingDay(cal, date)) return null;
  const t = instant.getTime();
  return t >= instantAt(cal, date, cal.dayStart).getTime() && t < instantAt(cal, date, cal.dayEnd).getTime() ? date : null;
}

export function isWorkingMoment(cal: SiteCalendar, instant: Date): boolean {
  return schoolDayOf(cal, instant) !== null;
}

// Far enough for a summer holiday; a calendar with no working day ahead answers null.
const SEARCH_DAYS = 400;

/** The first working day strictly after a date, or null when none is known (no terms entered). */
export function nextWorkingDay(cal: SiteCalendar, date: string): string | null {
  let d = dayOf(cal, date);
  for (let i = 0; i < SEARCH_DAYS; i++) {
    d = d.plus({ days: 1 });
    const iso = d.toISODate() ?? '';
    if (isWorkingDay(cal, iso)) return iso;
  }
  return null;
}

/**
 * "By the end of the school day the work came in" (seed 001): the end of that working day if the
 * instant is on a working day before its end; otherwise the end of the next working day.
 */
export function endOfSchoolDay(cal: SiteCalendar, instant: Date): Date | null {
  const date = localDateOf(cal, instant);
  if (isWorkingDay(cal, date) && instant.getTime() < instantAt(cal, date, cal.dayEnd).getTime()) return instantAt(cal, date, cal.dayEnd);
  const next = nextWorkingDay(cal, date);
  return next ? instantAt(cal, next, cal.dayEnd) : null;
}

/** The next moment the site is working: the instant itself when it already is. */
export function nextWorkingMoment(cal: SiteCalendar, instant: Date): Date | null {
  if (isWorkingMoment(cal, instant)) return instant;
  const date = localDateOf(cal, instant);
  if (isWorkingDay(cal, date) && instant.getTime() < instantAt(cal, date, cal.dayStart).getTime()) return instantAt(cal, date, cal.dayStart);
  const next = nextWorkingDay(cal, date);
  return next ? instantAt(cal, next, cal.dayStart) : null;
}

/**
 * "Within N working days": the same local time N working days later. An instant outside working
 * time counts from the next working moment (work handed in on Saturday is due as if handed in
 * first thing Monday); N = 0 is that next working moment.
 */
export function addWorkingDays(cal: SiteCalendar, instant: Date, n: number): Date | null {
  const start = nextWorkingMoment(cal, instant);
  if (!start) return null;
  let date: string | null = localDateOf(cal, start);
  for (let i = 0; i < n && date; i++) date = nextWorkingDay(cal, date);
  if (!date) return null;
  if (n === 0) return start;
  // Seconds are kept, so the deadline is never before the moment the work came in.
  const local = DateTime.fromJSDate(start, { zone: cal.timeZone });
  return new Date(instantAt(cal, date, local.toFormat('HH:mm')).getTime() + local.second * 1000 + local.millisecond);
}

/** Working days in (from, to]; negative when to is before from. Throws a RangeError for an impossible date. */
export function workingDaysBetween(cal: SiteCalendar, from: string, to: string): number {
  const end = realDay(cal, to);
  if (to < from) return -workingDaysBetween(cal, to, from);
  let count = 0;
  for (let d = realDay(cal, from).plus({ days: 1 }); d <= end; d = d.plus({ days: 1 })) {
    if (isWorkingDay(cal, d.toISODate() ?? '')) count++;
  }
  return count;
}

/** A member of staff's working pattern: hours on the weekdays they work (part-time staff fewer). */
export interface StaffHours {
  days: Partial<Record<number, { start: string; end: string }>>;
}

/** Seed staff hours: a working day for the site and within this person's hours that weekday. */
export function isStaffAvailable(cal: SiteCalendar, hours: StaffHours, instant: Date): boolean {
  const date = localDateOf(cal, instant);
  if (!isWorkingDay(cal, date)) return false;
  const today = hours.days[dayOf(cal, date).weekday];
  if (!today) return false;
  const t = instant.getTime();
  return t >= instantAt(cal, date, today.start).getTime() && t < instantAt(cal, date, today.end).getTime();
}

export interface TimetablePeriod {
  id: string;
  classId: string;
  weekday: number;
  start: string;
  end: string;
  room?: string | null;
  week?: 'A' | 'B' | null;
}
export interface LessonSlot {
  periodId: string;
  classId: string;
  date: string;
  start: Date;
  end: Date;
  room: string | null;
}

/** The lessons of these classes on a date: none on a day the site is not working. */
export function lessonsOn(
  cal: SiteCalendar,
  periods: readonly TimetablePeriod[],
  date: string,
  opts: { weekOf?: (date: string) => 'A' | 'B' } = {},
): LessonSlot[] {
  if (!isWorkingDay(cal, date)) return [];
  const weekday = dayOf(cal, date).weekday;
  const week = opts.weekOf?.(date);
  return periods
    .filter((p) => p.weekday === weekday && (!p.week || !week || p.week === week))
    .map((p) => ({ periodId: p.id, classId: p.classId, date, start: instantAt(cal, date, p.start), end: instantAt(cal, date, p.end), room: p.room ?? null }))
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

export interface CalendarProblem {
  code: string;
  message: string;
  path: (string | number)[];
}

const isRealDate = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && DateTime.fromISO(d).isValid;
const WEEKDAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Periods that cannot be right: bad times, ending before starting, or one class in two places. */
export function findTimetableOverlaps(periods: readonly TimetablePeriod[]): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const sound: number[] = [];
  periods.forEach((p, i) => {
    if (!Number.isInteger(p.weekday) || p.weekday < 1 || p.weekday > 7) {
      problems.push({ code: 'organisation.timetable.bad_weekday', path: [i], message: `A lesson's weekday must be 1 (Monday) to 7 (Sunday) (got ${p.weekday}).` });
    } else if (!TIME.test(p.start) || !TIME.test(p.end)) {
      problems.push({ code: 'organisation.timetable.bad_time', path: [i], message: `Times must look like 09:10 (got ${p.start}–${p.end}).` });
    } else if (p.start >= p.end) {
      problems.push({ code: 'organisation.timetable.ends_before_start', path: [i], message: `A lesson on ${WEEKDAYS[p.weekday] ?? p.weekday} ends (${p.end}) before it starts (${p.start}).` });
    } else {
      sound.push(i);
    }
  });
  // Only rows with sound times are compared: '9:00' sorts after '09:45' as text.
  for (let x = 0; x < sound.length; x++) {
    for (let y = x + 1; y < sound.length; y++) {
      const j = sound[y]!;
      const a = periods[sound[x]!]!;
      const b = periods[j]!;
      const sameWeek = !a.week || !b.week || a.week === b.week;
      if (a.classId === b.classId && a.weekday === b.weekday && sameWeek && a.start < b.end && b.start < a.end) {
        problems.push({
          code: 'organisation.timetable.overlap',
          path: [j],
          message: `Two lessons of the same class overlap on ${WEEKDAYS[a.weekday] ?? a.weekday}: ${a.start}–${a.end} and ${b.start}–${b.end}.`,
        });
      }
    }
  }
  return problems;
}

/** Terms and closures that cannot be right: impossible dates, ending before starting, terms overlapping. */
export function termProblems(terms: readonly Term[], closures: readonly Closure[] = []): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const check = (kind: 'terms' | 'closures', i: number, label: string, start: string, end: string) => {
    if (!isRealDate(start)) problems.push({ code: 'organisation.calendar.bad_date', path: [kind, i, 'start'], message: `${label} starts on ${start}, which is not a real date.` });
    if (!isRealDate(end)) problems.push({ code: 'organisation.calendar.bad_date', path: [kind, i, 'end'], message: `${label} ends on ${end}, which is not a real date.` });
    if (isRealDate(start) && isRealDate(end) && end < start) {
      problems.push({ code: 'organisation.calendar.ends_before_start', path: [kind, i, 'end'], message: `${label} ends (${end}) before it starts (${start}).` });
    }
  };
  terms.forEach((t, i) => check('terms', i, t.name || `Term ${i + 1}`, t.start, t.end));
  closures.forEach((c, i) => check('closures', i, c.reason ? `The closure “${c.reason}”` : `Closure ${i + 1}`, c.start, c.end));
  const sorted = terms.map((t, i) => ({ ...t, i })).filter((t) => isRealDate(t.start) && isRealDate(t.end) && t.start <= t.end).sort((a, b) => a.start.localeCompare(b.start));
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1]!;
    const cur = sorted[k]!;
    if (cur.start <= prev.end) {
      problems.push({ code: 'organisation.calendar.terms_overlap', path: ['terms', cur.i, 'start'], message: `${cur.name} starts (${cur.start}) before ${prev.name} ends (${prev.end}).` });
    }
  }
  return problems;
}

/**
 * R-ORG-2: the problems a new or changed term brings to a site's other terms: its own dates, and
 * any term it overlaps. Overlaps already among the others are not this change's to answer for.
 */
export function termChangeProblems(others: readonly Term[], proposed: Term): CalendarProblem[] {
  const own = termProblems([proposed]);
  if (own.length) return own;
  return others.flatMap((other) =>
    proposed.start <= other.end && other.start <= proposed.end
      ? [{ code: 'organisation.calendar.terms_overlap', path: ['terms', 0, 'start'], message: `${proposed.name} (${proposed.start} to ${proposed.end}) overlaps ${other.name} (${other.start} to ${other.end}).` }]
      : [],
  );
}

/** R-ORG-2, seed staff hours: a working pattern's problems: a day twice, or a day ending before it starts. */
export function staffPatternProblems(days: readonly { weekday: number; start: string; end: string }[]): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  days.forEach((d, i) => {
    const name = WEEKDAYS[d.weekday] ?? `Day ${d.weekday}`;
    if (days.findIndex((o) => o.weekday === d.weekday) !== i) {
      problems.push({ code: 'organisation.staff_hours.repeated_day', path: [i, 'weekday'], message: `${name} is given twice.` });
    } else if (!TIME.test(d.start) || !TIME.test(d.end) || d.start >= d.end) {
      problems.push({ code: 'organisation.staff_hours.ends_before_start', path: [i, 'end'], message: `On ${name} the hours must end after they start (${d.start}–${d.end}).` });
    }
  });
  return problems;
}
