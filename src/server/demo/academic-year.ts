import { DateTime } from 'luxon';

export interface SchoolYear {
  terms: { name: string; start: string; end: string }[];
  closures: { start: string; end: string; reason: string }[];
}

/** The academic year (its September) a date falls in: 2026-11-23 → 2026. */
export function academicYearOf(date: string): number {
  const d = DateTime.fromISO(date);
  return d.month >= 9 ? d.year : d.year - 1;
}

const iso = (d: DateTime) => d.toISODate() ?? '';
const weekdayOnOrAfter = (d: DateTime, weekday: number) => d.plus({ days: (weekday - d.weekday + 7) % 7 });
const weekdayOnOrBefore = (d: DateTime, weekday: number) => d.minus({ days: (d.weekday - weekday + 7) % 7 });
const weekOf = (monday: DateTime, reason: string) => ({ start: iso(monday), end: iso(monday.plus({ days: 4 })), reason });

/**
 * A typical English school year, for demo and benchmark data only: three terms with their
 * half-terms and INSET days, the Easter break around Good Friday. Real schools enter their own
 * dates or import them from their MIS.
 */
export function englishSchoolYear(startYear: number, goodFriday: string): SchoolYear {
  const sep1 = DateTime.fromObject({ year: startYear, month: 9, day: 1 });
  const autumnStart = sep1.weekday > 5 ? weekdayOnOrAfter(sep1, 1) : sep1;
  const autumnEnd = weekdayOnOrBefore(DateTime.fromObject({ year: startYear, month: 12, day: 20 }), 5);
  const octHalfTerm = weekdayOnOrBefore(DateTime.fromObject({ year: startYear, month: 10, day: 31 }), 1);
  const springStart = weekdayOnOrAfter(DateTime.fromObject({ year: startYear + 1, month: 1, day: 4 }), 1);
  const febHalfTerm = weekdayOnOrAfter(DateTime.fromObject({ year: startYear + 1, month: 2, day: 1 }), 1).plus({ weeks: 2 });
  const easterBreak = weekdayOnOrBefore(DateTime.fromISO(goodFriday), 1);
  const springEnd = easterBreak.minus({ days: 3 });
  const summerStart = easterBreak.plus({ weeks: 2 });
  const mayHalfTerm = weekdayOnOrBefore(DateTime.fromObject({ year: startYear + 1, month: 5, day: 31 }), 1);
  const jul22 = DateTime.fromObject({ year: startYear + 1, month: 7, day: 22 });
  const summerEnd = jul22.weekday > 5 ? weekdayOnOrBefore(jul22, 5) : jul22;
  const inset = (d: DateTime, days: number) => {
    let end = d;
    for (let i = 1; i < days; i++) end = end.plus({ days: end.weekday === 5 ? 3 : 1 });
    return { start: iso(d), end: iso(end), reason: 'INSET (staff training): closed to learners' };
  };
  return {
    terms: [
      { name: `Autumn ${startYear}`, start: iso(autumnStart), end: iso(autumnEnd) },
      { name: `Spring ${startYear + 1}`, start: iso(springStart), end: iso(springEnd) },
      { name: `Summer ${startYear + 1}`, start: iso(summerStart), end: iso(summerEnd) },
    ],
    closures: [
      inset(autumnStart, 2),
      weekOf(octHalfTerm, 'October half term'),
      inset(springStart, 1),
      weekOf(febHalfTerm, 'February half term'),
      weekOf(mayHalfTerm, 'May half term'),
      inset(summerEnd, 1),
    ],
  };
}
