import { bankHolidaysBetween, type SiteCalendar } from '../modules/organisation/index.js';
import type { Plan } from './plan.js';

const DAY = 86_400_000;

/** Date arithmetic on 'YYYY-MM-DD' (dates need no time zone). */
export const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** ISO weekday, 1 = Monday. */
export const weekdayOf = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** The calendar a site's rows in the plan make: what the modules read from the database. */
export function calendarOf(plan: Plan, organisationId: string, siteId: string, now: Date): SiteCalendar {
  const site = plan.sites.find((s) => s.organisationId === organisationId && s.id === siteId);
  if (!site) throw new Error(`No site ${siteId} in the plan.`);
  const year = now.getUTCFullYear();
  return {
    timeZone: site.timeZone ?? 'Europe/London',
    terms: plan.terms.filter((t) => t.organisationId === organisationId && t.siteId === siteId).map((t) => ({ name: t.name, start: t.startDate, end: t.endDate })),
    closures: plan.closures.filter((c) => c.organisationId === organisationId && c.siteId === siteId).map((c) => ({ start: c.startDate, end: c.endDate, reason: c.reason })),
    bankHolidays: bankHolidaysBetween(year - 1, year + 1).map((h) => h.date),
    workingDays: site.workingDays ?? [1, 2, 3, 4, 5],
    dayStart: site.dayStart ?? '08:45',
    dayEnd: site.dayEnd ?? '15:15',
  };
}
