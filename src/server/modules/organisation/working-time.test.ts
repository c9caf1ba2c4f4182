import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bankHolidaysEnglandWales } from './bank-holidays.js';
import {
  addWorkingDays,
  endOfSchoolDay,
  findTimetableOverlaps,
  instantAt,
  isStaffAvailable,
  isWorkingDay,
  isWorkingMoment,
  lessonsOn,
  localDateOf,
  nextWorkingDay,
  nonWorkingReason,
  staffPatternProblems,
  termChangeProblems,
  termProblems,
  workingDaysBetween,
  type SiteCalendar,
} from './working-time.js';

// Autumn 2026 to summer 2027 at an English secondary school.
const london: SiteCalendar = {
  timeZone: 'Europe/London',
  terms: [
    { name: 'Autumn 2026', start: '2026-09-01', end: '2026-12-18' },
    { name: 'Spring 2027', start: '2027-01-04', end: '2027-03-19' },
    { name: 'Summer 2027', start: '2027-04-05', end: '2027-07-22' },
  ],
  closures: [
    { start: '2026-10-26', end: '2026-10-30', reason: 'October half term' },
    { start: '2026-11-27', end: '2026-11-27', reason: 'INSET day' },
  ],
  bankHolidays: [...bankHolidaysEnglandWales(2026), ...bankHolidaysEnglandWales(2027)].map((h) => h.date),
  workingDays: [1, 2, 3, 4, 5],
  dayStart: '08:45',
  dayEnd: '15:15',
};
const at = (iso: string) => new Date(iso);

describe('working days', () => {
  it.each([
    ['2026-11-23', null, 'a Monday in term'],
    ['2026-11-21', 'Saturday', 'a weekend'],
    ['2026-10-28', 'October half term', 'half term'],
    ['2026-11-27', 'INSET day', 'an INSET closure'],
    ['2027-05-31', 'Bank holiday', 'the spring bank holiday'],
    ['2026-12-21', 'Outside term time', 'the Christmas holidays'],
  ])('R-ORG-2 %s is %s (%s)', (date, reason, _what) => {
    expect(nonWorkingReason(london, date)).toBe(reason);
    expect(isWorkingDay(london, date)).toBe(reason === null);
  });

  it('R-ORG-2 the next working day after Friday before half term is the Monday after it', () => {
    expect(nextWorkingDay(london, '2026-10-23')).toBe('2026-11-02');
  });

  it('R-ORG-2 counts working days between dates, skipping half term and the INSET day', () => {
    expect(workingDaysBetween(london, '2026-10-23', '2026-11-02')).toBe(1);
    expect(workingDaysBetween(london, '2026-11-23', '2026-11-30')).toBe(4);
    expect(workingDaysBetween(london, '2026-11-30', '2026-11-23')).toBe(-4);
  });
});

describe('the clock changes', () => {
  it('R-ORG-2 the end of the school day is 15:15 BST before the October change and 15:15 GMT after it', () => {
    expect(endOfSchoolDay(london, at('2026-10-23T10:00:00Z'))?.toISOString()).toBe('2026-10-23T14:15:00.000Z');
    expect(endOfSchoolDay(london, at('2026-11-02T10:00:00Z'))?.toISOString()).toBe('2026-11-02T15:15:00.000Z');
  });

  it('R-ORG-2 work handed in after school on the Friday before half term is due at the end of the Monday after it, in GMT', () => {
    expect(endOfSchoolDay(london, at('2026-10-23T16:00:00Z'))?.toISOString()).toBe('2026-11-02T15:15:00.000Z');
  });

  it('R-ORG-2 one working day after 10:00 on the Friday before the March change is 10:00 BST on Monday', () => {
    const spring: SiteCalendar = { ...london, terms: [{ name: 'Spring 2026', start: '2026-01-05', end: '2026-03-31' }] };
    expect(addWorkingDays(spring, at('2026-03-27T10:00:00Z'), 1)?.toISOString()).toBe('2026-03-30T09:00:00.000Z');
  });

  it('R-ORG-2 a time in the spring-forward gap moves forward; an autumn time that happens twice takes the first', () => {
    expect(instantAt(london, '2026-03-29', '01:30').toISOString()).toBe('2026-03-29T01:00:00.000Z'); // 02:00 BST
    expect(instantAt(london, '2026-10-25', '01:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('R-ORG-2 knows the school day in another time zone', () => {
    const madrid = { ...london, timeZone: 'Europe/Madrid', bankHolidays: [] };
    expect(isWorkingMoment(madrid, at('2026-11-23T08:00:00Z'))).toBe(true); // 09:00 in Madrid
    expect(isWorkingMoment(london, at('2026-11-23T08:00:00Z'))).toBe(false); // 08:00 in London
  });
});

describe('staff hours', () => {
  const partTime = { days: { 1: { start: '08:30', end: '15:30' }, 2: { start: '08:30', end: '15:30' }, 3: { start: '08:30', end: '12:00' } } };
  it.each([
    ['2026-11-23T10:00:00Z', true, 'Monday morning'],
    ['2026-11-25T13:00:00Z', false, 'Wednesday afternoon, after their hours'],
    ['2026-11-26T10:00:00Z', false, 'Thursday, not a day they work'],
    ['2026-10-27T10:00:00Z', false, 'a Tuesday in half term'],
  ])('R-ORG-2 a part-time teacher (Mon, Tue, Wed morning) is available at %s: %s (%s)', (iso, available) => {
    expect(isStaffAvailable(london, partTime, at(iso))).toBe(available);
  });
});

describe('timetables', () => {
  const periods = [
    { id: 'p1', classId: '8A-maths', weekday: 1, start: '08:50', end: '09:50' },
    { id: 'p2', classId: '8A-maths', weekday: 1, start: '13:00', end: '14:00', week: 'A' as const },
    { id: 'p3', classId: '8A-maths', weekday: 1, start: '13:00', end: '14:00', week: 'B' as const, room: 'M4' },
  ];
  it('R-ORG-2 lists a class’s lessons on a date, in order, for the week of a two-week timetable', () => {
    const lessons = lessonsOn(london, periods, '2026-11-23', { weekOf: () => 'B' });
    expect(lessons.map((l) => [l.periodId, l.start.toISOString(), l.room])).toEqual([
      ['p1', '2026-11-23T08:50:00.000Z', null],
      ['p3', '2026-11-23T13:00:00.000Z', 'M4'],
    ]);
  });

  it('R-ORG-2 has no lessons in half term', () => {
    expect(lessonsOn(london, periods, '2026-10-26')).toEqual([]);
  });

  it('R-ORG-2 finds a class timetabled in two places at once, and a lesson that ends before it starts', () => {
    const problems = findTimetableOverlaps([
      ...periods,
      { id: 'p4', classId: '8A-maths', weekday: 1, start: '09:30', end: '10:30' },
      { id: 'p5', classId: '8A-maths', weekday: 2, start: '11:00', end: '10:00' },
    ]);
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['organisation.timetable.ends_before_start', [4]],
      ['organisation.timetable.overlap', [3]],
    ]);
    expect(problems[1]!.message).toBe('Two lessons of the same class overlap on Monday: 08:50–09:50 and 09:30–10:30.');
  });
});

describe('term dates', () => {
  it('R-ORG-2 refuses a term ending before it starts, an impossible date and overlapping terms, saying where', () => {
    const problems = termProblems(
      [
        { name: 'Autumn', start: '2026-09-01', end: '2026-12-18' },
        { name: 'Spring', start: '2027-01-05', end: '2027-01-02' },
        { name: 'Summer', start: '2027-02-30', end: '2027-07-20' },
        { name: 'Extra', start: '2026-12-01', end: '2026-12-31' },
      ],
      [{ start: '2026-10-30', end: '2026-10-26', reason: 'Half term' }],
    );
    expect(problems.map((p) => [p.code, p.path.join('.')])).toEqual([
      ['organisation.calendar.ends_before_start', 'terms.1.end'],
      ['organisation.calendar.bad_date', 'terms.2.start'],
      ['organisation.calendar.ends_before_start', 'closures.0.end'],
      ['organisation.calendar.terms_overlap', 'terms.3.start'],
    ]);
    expect(problems[0]!.message).toBe('Spring ends (2027-01-02) before it starts (2027-01-05).');
  });
});

describe('properties', () => {
  const instant = fc.date({ min: at('2026-09-01T00:00:00Z'), max: at('2027-07-01T00:00:00Z'), noInvalidDate: true });

  it('R-ORG-2 N working days later is always a working moment, N working days on', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 15 }), (t, n) => {
        const due = addWorkingDays(london, t, n)!;
        const from = localDateOf(london, addWorkingDays(london, t, 0)!);
        expect(isWorkingDay(london, localDateOf(london, due))).toBe(true);
        expect(workingDaysBetween(london, from, localDateOf(london, due))).toBe(n);
      }),
    );
  });

  it('R-ORG-2 the minute before the end of the school day is working time', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const end = endOfSchoolDay(london, t)!;
        expect(end.getTime()).toBeGreaterThan(t.getTime());
        expect(isWorkingMoment(london, new Date(end.getTime() - 60_000))).toBe(true);
        expect(isWorkingMoment(london, end)).toBe(false);
      }),
    );
  });

  it('R-ORG-2 a local time on a date is on that date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 364 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (day, h, m) => {
        const date = new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
        const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
        expect(localDateOf(london, instantAt(london, date, time))).toBe(date);
      }),
    );
  });
});

describe('edges found in review', () => {
  const spring: SiteCalendar = { ...london, terms: [{ name: 'Spring 2026', start: '2026-01-05', end: '2026-03-31' }] };

  it('R-ORG-2 work handed in after school on the Friday before the March change is due at 15:15 BST on Monday', () => {
    expect(endOfSchoolDay(spring, at('2026-03-27T16:00:00Z'))?.toISOString()).toBe('2026-03-30T14:15:00.000Z');
  });

  it('R-ORG-2 one working day after 10:00 BST on the Friday before the October change is 10:00 GMT on Monday', () => {
    const noHalfTerm: SiteCalendar = { ...london, closures: [] };
    expect(addWorkingDays(noHalfTerm, at('2026-10-23T09:00:00Z'), 1)?.toISOString()).toBe('2026-10-26T10:00:00.000Z');
  });

  it.each([
    ['01:00', '2026-03-29T01:00:00.000Z'],
    ['01:30', '2026-03-29T01:00:00.000Z'],
    ['01:59', '2026-03-29T01:00:00.000Z'],
    ['02:00', '2026-03-29T01:00:00.000Z'],
    ['02:30', '2026-03-29T01:30:00.000Z'],
  ])('R-ORG-2 %s on the morning the clocks go forward is %s, the first instant that exists', (time, expected) => {
    expect(instantAt(london, '2026-03-29', time).toISOString()).toBe(expected);
  });

  it('R-ORG-2 02:30 on the morning New York springs forward is 03:00 EDT, the first instant that exists there', () => {
    expect(instantAt({ ...london, timeZone: 'America/New_York' }, '2026-03-08', '02:30').toISOString()).toBe('2026-03-08T07:00:00.000Z');
  });

  it('R-ORG-2 a deadline keeps the seconds of the moment the work came in, so it is never before it', () => {
    expect(addWorkingDays(london, at('2026-11-23T10:00:45.500Z'), 0)?.toISOString()).toBe('2026-11-23T10:00:45.500Z');
    expect(addWorkingDays(london, at('2026-11-23T10:00:45.500Z'), 1)?.toISOString()).toBe('2026-11-24T10:00:45.500Z');
  });

  it('R-ORG-2 refuses an impossible date or a badly written time instead of hanging or moving to another day', () => {
    expect(() => workingDaysBetween(london, '2026-02-30', '2026-03-10')).toThrow(RangeError);
    expect(() => workingDaysBetween(london, '2026-03-01', '2026-02-30')).toThrow(RangeError);
    expect(() => instantAt(london, '2026-11-23', '25:00')).toThrow(RangeError);
    expect(() => instantAt(london, '2026-11-23', '9:05')).toThrow(RangeError);
  });

  it('R-ORG-2 a lesson with a badly written time or weekday is reported once, not also as an overlap', () => {
    const problems = findTimetableOverlaps([
      { id: 'a', classId: 'c', weekday: 1, start: '9:00', end: '10:00' },
      { id: 'b', classId: 'c', weekday: 1, start: '09:30', end: '09:45' },
      { id: 'x', classId: 'c', weekday: 9, start: '11:00', end: '12:00' },
    ]);
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['organisation.timetable.bad_time', [0]],
      ['organisation.timetable.bad_weekday', [2]],
    ]);
  });

  it('R-ORG-2 a term on an impossible date is reported as that, not as overlapping another term', () => {
    const problems = termProblems([
      { name: 'Summer', start: '2027-02-30', end: '2027-07-20' },
      { name: 'Spring', start: '2027-01-05', end: '2027-03-10' },
    ]);
    expect(problems.map((p) => [p.code, p.path.join('.')])).toEqual([['organisation.calendar.bad_date', 'terms.0.start']]);
  });
});

describe('termChangeProblems (R-ORG-2)', () => {
  const autumn = { name: 'Autumn', start: '2026-09-02', end: '2026-12-18' };
  const spring = { name: 'Spring', start: '2027-01-05', end: '2027-03-26' };

  it('R-ORG-2 accepts a term between others, touching neither', () => {
    expect(termChangeProblems([autumn, spring], { name: 'Summer', start: '2027-04-12', end: '2027-07-21' })).toEqual([]);
  });

  it('R-ORG-2 names the term a new one overlaps, whichever starts first', () => {
    const early = termChangeProblems([spring], { name: 'Winter', start: '2026-12-01', end: '2027-01-06' });
    expect(early).toEqual([expect.objectContaining({ code: 'organisation.calendar.terms_overlap', message: expect.stringContaining('overlaps Spring') })]);
    const late = termChangeProblems([autumn], { name: 'Late', start: '2026-12-18', end: '2026-12-20' });
    expect(late).toHaveLength(1);
  });

  it('R-ORG-2 reports a term ending before it starts, and only that', () => {
    expect(termChangeProblems([autumn], { name: 'Backwards', start: '2026-10-01', end: '2026-09-01' }).map((p) => p.code)).toEqual(['organisation.calendar.ends_before_start']);
  });

  it('R-ORG-2 does not blame the change for overlaps among the other terms', () => {
    expect(termChangeProblems([autumn, { ...autumn, name: 'Autumn copy' }], spring)).toEqual([]);
  });
});

describe('staffPatternProblems (R-ORG-2, seed staff hours)', () => {
  it('R-ORG-2 accepts a part-time pattern of three days', () => {
    expect(staffPatternProblems([{ weekday: 1, start: '09:15', end: '15:15' }, { weekday: 2, start: '09:15', end: '12:00' }, { weekday: 4, start: '08:30', end: '15:30' }])).toEqual([]);
  });
  it('R-ORG-2 names a day given twice and a day that ends before it starts', () => {
    const problems = staffPatternProblems([{ weekday: 1, start: '09:15', end: '15:15' }, { weekday: 1, start: '10:00', end: '11:00' }, { weekday: 3, start: '15:00', end: '09:00' }]);
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      [[1, 'weekday'], 'organisation.staff_hours.repeated_day'],
      [[2, 'end'], 'organisation.staff_hours.ends_before_start'],
    ]);
    expect(problems[1]!.message).toContain('Wednesday');
  });
});
