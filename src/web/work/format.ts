import type { SubmissionState } from '../../shared/work.js';

/**
 * Times in words for the work pages, in the school's time zone: "Due Wednesday at 3pm",
 * "Handed in on time". The API gives instants; every site here is in England.
 */
export const SCHOOL_TIME_ZONE = 'Europe/London';

const isoDay = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: SCHOOL_TIME_ZONE });
const clockParts = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hourCycle: 'h12', timeZone: SCHOOL_TIME_ZONE });
const clock24 = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: SCHOOL_TIME_ZONE });
const weekdayOf = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' });
const dayMonth = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });

/** The school's calendar date of an instant: '2026-11-25T15:00:00Z' → '2026-11-25'. */
export function schoolDate(instant: string): string {
  return isoDay.format(new Date(instant));
}

/** A calendar date moved by whole days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Monday of the week a date falls in. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** The school's clock time of an instant, for a time input: '15:00'. */
export function schoolClock(instant: string): string {
  return clock24.format(new Date(instant));
}

/** A clock time the way people say it: 3pm, 9:30am, midday, midnight. */
export function clockText(instant: string): string {
  const parts = clockParts.formatToParts(new Date(instant));
  const hour = parts.find((p) => p.type === 'hour')?.value ?? '';
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
  const period = (parts.find((p) => p.type === 'dayPeriod')?.value ?? '').toLowerCase().replace(/[^a-z]/g, '');
  if (minute === '00' && hour === '12') return period === 'am' ? 'midnight' : 'midday';
  return `${hour}${minute === '00' ? '' : `:${minute}`}${period}`;
}

/** A calendar date in words: 'Wednesday 25 November'. */
export function dayText(date: string): string {
  return dayMonth.format(new Date(`${date}T12:00:00Z`));
}

/**
 * A day in words, near `today`: 'today', 'tomorrow', 'yesterday', 'Wednesday' within the week
 * ahead, otherwise 'Wednesday 25 November'.
 */
export function relativeDay(date: string, today: string): string {
  if (date === today) return 'today';
  if (date === addDays(today, 1)) return 'tomorrow';
  if (date === addDays(today, -1)) return 'yesterday';
  if (date > today && date < addDays(today, 7)) return weekdayOf.format(new Date(`${date}T12:00:00Z`));
  return dayText(date);
}

/** 'today at 3pm', 'Wednesday at 3pm', 'Wednesday 2 December at 9:30am'. */
export function whenText(instant: string, today: string): string {
  return `${relativeDay(schoolDate(instant), today)} at ${clockText(instant)}`;
}

/** 'Due Wednesday at 3pm'. */
export function dueText(instant: string, today: string): string {
  return `Due ${whenText(instant, today)}`;
}

/** 'About 30 minutes', 'About 1 hour 15 minutes'. */
export function minutesText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts = [h ? `${h} ${h === 1 ? 'hour' : 'hours'}` : '', m ? `${m} ${m === 1 ? 'minute' : 'minutes'}` : ''].filter(Boolean);
  return `About ${parts.join(' ') || '0 minutes'}`;
}

/** A fraction of 1 as a whole percentage: 0.256 → '26%'. */
export function percentText(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Where a learner is with a piece of work, in plain words for learners and parents. */
export function stateText(state: SubmissionState): string {
  switch (state) {
    case 'not_handed_in':
      return 'Not handed in yet';
    case 'handed_in':
      return 'Handed in on time';
    case 'handed_in_late':
      return 'Handed in late';
    case 'feedback_given':
      return 'Handed in, feedback given';
    case 'missed':
      return 'Missed: not handed in by the deadline';
  }
}

/** A file's size in words: 1536 → '1.5 KB'. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** How many of something: plural('learner', 3) → '3 learners'. */
export function count(n: number, word: string, plural = `${word}s`): string {
  return `${n} ${n === 1 ? word : plural}`;
}

/** Where a stored file is served. */
export const fileUrl = (id: string) => `/api/work/files/${id}`;
