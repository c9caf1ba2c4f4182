/** Weekday names by ISO number (1 = Monday). */
export const WEEKDAYS: Readonly<Record<number, string>> = { 1: 'Monday', 2: 'Tuesday', 3: 'Wednesday', 4: 'Thursday', 5: 'Friday', 6: 'Saturday', 7: 'Sunday' };

const long = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** '2026-12-18' → 'Fri 18 Dec 2026' (a calendar date: no time zone shifts it). */
export function longDate(date: string): string {
  return long.format(new Date(`${date}T12:00:00Z`));
}

/** '2026-12-18' to '2026-12-18' → one date; otherwise 'from – to'. */
export function dateRange(from: string, to: string): string {
  return from === to ? longDate(from) : `${longDate(from)} – ${longDate(to)}`;
}
