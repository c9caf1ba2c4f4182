import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SiteCalendar } from '../organisation/index.js';
import { breaksSpacing, bunchedDeadlines, curriculumBalance, feedbackDue, missedDeadlines, screenFreeShare, setByCheck, shouldRefer } from './rules.js';

// A school in England: autumn term 2026 with October half term; 08:45–15:15, Monday to Friday.
const cal: SiteCalendar = {
  timeZone: 'Europe/London',
  terms: [{ name: 'Autumn 2026', start: '2026-09-02', end: '2026-12-18' }],
  closures: [{ start: '2026-10-26', end: '2026-10-30', reason: 'October half term' }],
  bankHolidays: ['2026-12-25'],
  workingDays: [1, 2, 3, 4, 5],
  dayStart: '08:45',
  dayEnd: '15:15',
};
const at = (iso: string) => new Date(iso);

describe('work set by the daily time (R-WORK-1, seed 001: by 09:30)', () => {
  it('R-WORK-1 work published at 09:29 London time is on time; at 09:41 it is 11 minutes late', () => {
    // 23 November 2026 is in GMT: 09:30 London is 09:30 UTC.
    expect(setByCheck(cal, '2026-11-23', at('2026-11-23T09:29:00Z'), '09:30')).toMatchObject({ applies: true, late: false, minutesLate: 0 });
    expect(setByCheck(cal, '2026-11-23', at('2026-11-23T09:41:00Z'), '09:30')).toMatchObject({ late: true, minutesLate: 11 });
  });

  it('R-WORK-1 in British Summer Time 09:30 London is 08:30 UTC', () => {
    const check = setByCheck(cal, '2026-10-19', at('2026-10-19T08:45:00Z'), '09:30');
    expect(check.deadline?.toISOString()).toBe('2026-10-19T08:30:00.000Z');
    expect(check.late).toBe(true);
  });

  it('R-WORK-1 does not apply on a closure, a weekend, or when the policy sets no time', () => {
    expect(setByCheck(cal, '2026-10-27', at('2026-10-27T12:00:00Z'), '09:30').applies).toBe(false);
    expect(setByCheck(cal, '2026-11-21', at('2026-11-21T12:00:00Z'), '09:30').applies).toBe(false);
    expect(setByCheck(cal, '2026-11-23', at('2026-11-23T12:00:00Z'), null).applies).toBe(false);
  });
});

describe('feedback due (R-WORK-6, seed 001: by the end of the school day)', () => {
  it('R-WORK-6 work in at 11:00 on a Monday is due back by 15:15 that day', () => {
    expect(feedbackDue(cal, at('2026-11-23T11:00:00Z'), { kind: 'end_of_school_day' })?.toISOString()).toBe('2026-11-23T15:15:00.000Z');
  });

  it('R-WORK-6 work in after the school day on Friday is due by the end of Monday', () => {
    expect(feedbackDue(cal, at('2026-11-20T17:00:00Z'), { kind: 'end_of_school_day' })?.toISOString()).toBe('2026-11-23T15:15:00.000Z');
  });

  it('R-WORK-6 work in on the last day before half term is due on the first day back, in GMT', () => {
    // Friday 23 October 16:00 BST; half term; Monday 2 November after the clocks went back.
    expect(feedbackDue(cal, at('2026-10-23T15:00:00Z'), { kind: 'end_of_school_day' })?.toISOString()).toBe('2026-11-02T15:15:00.000Z');
  });

  it('R-WORK-6 "within two working days" skips the weekend', () => {
    expect(feedbackDue(cal, at('2026-11-19T10:00:00Z'), { kind: 'working_days', days: 2 })?.toISOString()).toBe('2026-11-23T15:15:00.000Z');
  });

  it('R-WORK-6 feedback is never due before the work came in, and always at the end of a working day', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2026-09-01T00:00:00Z'), max: Date.parse('2026-12-10T00:00:00Z') }), fc.integer({ min: 0, max: 5 }), (t, days) => {
        const due = feedbackDue(cal, new Date(t), days === 0 ? { kind: 'end_of_school_day' } : { kind: 'working_days', days });
        expect(due).not.toBeNull();
        expect(due!.getTime()).toBeGreaterThanOrEqual(t);
        const london = due!.toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' });
        expect(london).toBe('15:15');
      }),
    );
  });
});

describe('deadline spacing (R-WORK-2, seed 004)', () => {
  const d = (id: string, subject: string, iso: string) => ({ id, subject, due: at(iso) });
  const week = [d('a', 'Mathematics', '2026-11-24T15:00:00Z'), d('b', 'English', '2026-11-24T09:00:00Z'), d('c', 'Science', '2026-11-25T15:00:00Z'), d('e', 'Mathematics', '2026-11-24T12:00:00Z')];

  it('R-WORK-2 finds the day where more subjects than allowed are due, counting each subject once', () => {
    expect(bunchedDeadlines(cal, week, 2)).toEqual([]);
    expect(bunchedDeadlines(cal, [...week, d('f', 'History', '2026-11-24T14:00:00Z')], 2)).toEqual([
      { date: '2026-11-24', subjects: ['English', 'History', 'Mathematics'], deadlineIds: ['a', 'b', 'e', 'f'] },
    ]);
  });

  it('R-WORK-2 warns the teacher whose new subject tips the day over, not one adding a second piece of a subject already due', () => {
    expect(breaksSpacing(cal, week, d('g', 'French', '2026-11-24T15:00:00Z'), 2)?.subjects).toEqual(['English', 'French', 'Mathematics']);
    expect(breaksSpacing(cal, week, d('h', 'English', '2026-11-24T15:00:00Z'), 2)).toBeNull();
    expect(breaksSpacing(cal, week, d('i', 'French', '2026-11-26T15:00:00Z'), 2)).toBeNull();
  });
});

describe('balance and screen-free share (R-WORK-2, R-WORK-3)', () => {
  it('R-WORK-2 compares the minutes set with the timetable’s usual balance', () => {
    const lines = curriculumBalance(
      [
        { subject: 'Mathematics', count: 4 },
        { subject: 'English', count: 4 },
        { subject: 'Art', count: 2 },
      ],
      [
        { subject: 'Mathematics', minutes: 120 },
        { subject: 'English', minutes: 60 },
      ],
    );
    expect(lines).toEqual([
      { subject: 'Art', expectedShare: 0.2, actualShare: 0, difference: -20 },
      { subject: 'English', expectedShare: 0.4, actualShare: 60 / 180, difference: -6.7 },
      { subject: 'Mathematics', expectedShare: 0.4, actualShare: 120 / 180, difference: 26.7 },
    ]);
  });

  it('R-WORK-3 works out the screen-free share of the week, and has none when nothing is set', () => {
    expect(screenFreeShare([{ minutes: 30, screenFree: true }, { minutes: 90, screenFree: false }])).toBe(0.25);
    expect(screenFreeShare([])).toBeNull();
  });
});

describe('non-completion (R-WORK-8, seed 001)', () => {
  const from = at('2026-11-02T00:00:00Z');
  const now = at('2026-11-23T12:00:00Z');
  it('R-WORK-8 counts deadlines passed without work, late work, and not those extended or still to come', () => {
    const outcomes = [
      { due: at('2026-11-03T15:00:00Z'), handedInAt: null },
      { due: at('2026-11-04T15:00:00Z'), handedInAt: at('2026-11-05T09:00:00Z') },
      { due: at('2026-11-05T15:00:00Z'), handedInAt: at('2026-11-05T14:00:00Z') },
      { due: at('2026-11-06T15:00:00Z'), handedInAt: null, extendedTo: at('2026-11-30T15:00:00Z') },
      { due: at('2026-11-25T15:00:00Z'), handedInAt: null },
      { due: at('2026-10-20T15:00:00Z'), handedInAt: null },
    ];
    expect(missedDeadlines(outcomes, from, now)).toBe(2);
    expect(shouldRefer(2, 3)).toBe(false);
    expect(shouldRefer(3, 3)).toBe(true);
    expect(shouldRefer(5, 0)).toBe(false);
  });
});
