import { DateTime } from 'luxon';

export interface BankHoliday {
  date: string;
  name: string;
}

/** Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easterSunday(year: number): DateTime {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.fromObject({ year, month, day });
}

const iso = (d: DateTime) => d.toISODate() ?? '';
const firstMonday = (year: number, month: number) => {
  const d = DateTime.fromObject({ year, month, day: 1 });
  return d.plus({ days: (8 - d.weekday) % 7 });
};
const lastMonday = (year: number, month: number) => {
  const d = DateTime.fromObject({ year, month, day: 1 }).endOf('month').startOf('day');
  return d.minus({ days: (d.weekday + 6) % 7 });
};

/** Royal proclamations that moved or added days (GOV.UK lists them). */
const EXCEPTIONS: Record<number, { replace?: Record<string, BankHoliday>; add?: BankHoliday[] }> = {
  2012: {
    replace: { 'Spring bank holiday': { date: '2012-06-04', name: 'Spring bank holiday' } },
    add: [{ date: '2012-06-05', name: 'Queen’s Diamond Jubilee' }],
  },
  2020: { replace: { 'Early May bank holiday': { date: '2020-05-08', name: 'Early May bank holiday (VE Day)' } } },
  2022: {
    replace: { 'Spring bank holiday': { date: '2022-06-02', name: 'Spring bank holiday' } },
    add: [
      { date: '2022-06-03', name: 'Platinum Jubilee bank holiday' },
      { date: '2022-09-19', name: 'Bank Holiday for the State Funeral of Queen Elizabeth II' },
    ],
  },
  2023: { add: [{ date: '2023-05-08', name: 'Bank holiday for the coronation of King Charles III' }] },
};

/**
 * R-ORG-2: England and Wales bank holidays of a year, from the standing rules (with substitute
 * days when Christmas, Boxing Day or New Year's Day fall at a weekend) and the known one-off
 * changes. A site's calendar may add others (a future proclamation) as closures.
 */
export function bankHolidaysEnglandWales(year: number): BankHoliday[] {
  const easter = easterSunday(year);
  const newYear = DateTime.fromObject({ year, month: 1, day: 1 });
  const newYearObserved = newYear.weekday === 6 ? newYear.plus({ days: 2 }) : newYear.weekday === 7 ? newYear.plus({ days: 1 }) : newYear;
  const christmas = DateTime.fromObject({ year, month: 12, day: 25 });
  // Christmas on Sat → Mon 27 (Boxing Day Sun → Tue 28); on Sun → Tue 27 (Boxing Mon 26); Boxing on Sat → Mon 28.
  const christmasObserved = christmas.weekday === 6 ? christmas.plus({ days: 2 }) : christmas.weekday === 7 ? christmas.plus({ days: 2 }) : christmas;
  const boxing = christmas.plus({ days: 1 });
  const boxingObserved = boxing.weekday === 6 ? boxing.plus({ days: 2 }) : boxing.weekday === 7 ? boxing.plus({ days: 2 }) : boxing;
  const standard: BankHoliday[] = [
    { date: iso(newYearObserved), name: newYearObserved.equals(newYear) ? 'New Year’s Day' : 'New Year’s Day (substitute day)' },
    { date: iso(easter.minus({ days: 2 })), name: 'Good Friday' },
    { date: iso(easter.plus({ days: 1 })), name: 'Easter Monday' },
    { date: iso(firstMonday(year, 5)), name: 'Early May bank holiday' },
    { date: iso(lastMonday(year, 5)), name: 'Spring bank holiday' },
    { date: iso(lastMonday(year, 8)), name: 'Summer bank holiday' },
    { date: iso(christmasObserved), name: christmasObserved.equals(christmas) ? 'Christmas Day' : 'Christmas Day (substitute day)' },
    { date: iso(boxingObserved), name: boxingObserved.equals(boxing) ? 'Boxing Day' : 'Boxing Day (substitute day)' },
  ];
  const exceptions = EXCEPTIONS[year];
  const days = standard.map((h) => {
    const key = Object.keys(exceptions?.replace ?? {}).find((k) => h.name.startsWith(k));
    return key ? exceptions!.replace![key]! : h;
  });
  return [...days, ...(exceptions?.add ?? [])].sort((a, b) => a.date.localeCompare(b.date));
}

export function bankHolidaysBetween(fromYear: number, toYear: number): BankHoliday[] {
  const all: BankHoliday[] = [];
  for (let y = fromYear; y <= toYear; y++) all.push(...bankHolidaysEnglandWales(y));
  return all;
}
