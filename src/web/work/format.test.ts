import { describe, expect, it } from 'vitest';
import { addDays, clockText, dueText, minutesText, mondayOf, relativeDay, schoolDate, sizeText } from './format.js';
import { byDue } from './queue.js';
import { piecesOf } from './similarity.js';
import { differenceText } from './week.js';

describe('deadlines in words (R-WORK-6: deadlines are always clear)', () => {
  it('says the time the way people do, in the school’s time zone', () => {
    expect(clockText('2026-11-25T15:00:00Z')).toBe('3pm');
    expect(clockText('2026-11-25T09:30:00Z')).toBe('9:30am');
    expect(clockText('2026-11-25T12:00:00Z')).toBe('midday');
    // British Summer Time: 14:00 UTC is 3pm in London.
    expect(clockText('2026-06-10T14:00:00Z')).toBe('3pm');
  });

  it('names the day near today, and the date further off', () => {
    const today = '2026-11-23'; // a Monday
    expect(relativeDay('2026-11-23', today)).toBe('today');
    expect(relativeDay('2026-11-24', today)).toBe('tomorrow');
    expect(relativeDay('2026-11-22', today)).toBe('yesterday');
    expect(relativeDay('2026-11-25', today)).toBe('Wednesday');
    expect(relativeDay('2026-12-02', today)).toBe('Wednesday 2 December');
    expect(dueText('2026-11-25T15:00:00Z', today)).toBe('Due Wednesday at 3pm');
  });

  it('takes the school’s date of a late-evening instant in summer time', () => {
    expect(schoolDate('2026-06-10T23:30:00Z')).toBe('2026-06-11');
  });

  it('finds the Monday of a week, across a month end', () => {
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2026-12-02')).toBe('2026-11-30');
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
  });

  it('says how long and how big in plain words', () => {
    expect(minutesText(30)).toBe('About 30 minutes');
    expect(minutesText(75)).toBe('About 1 hour 15 minutes');
    expect(minutesText(120)).toBe('About 2 hours');
    expect(sizeText(2_500_000)).toBe('2.4 MB');
  });
});

describe('the marking queue order (R-WORK-6)', () => {
  const item = (id: string, dueAt: string | null, submittedAt: string) => ({
    submissionId: id,
    assignmentId: id,
    title: id,
    className: '8A',
    learner: { id, displayName: id },
    submittedAt,
    late: false,
    channel: 'online' as const,
    reason: dueAt ? ('feedback' as const) : ('reply' as const),
    dueAt,
    overdue: false,
  });
  it('puts feedback due soonest first and replies after', () => {
    const order = byDue([
      item('reply', null, '2026-11-23T08:00:00Z'),
      item('later', '2026-11-24T15:15:00Z', '2026-11-23T09:00:00Z'),
      item('sooner', '2026-11-23T15:15:00Z', '2026-11-23T10:00:00Z'),
    ]).map((i) => i.submissionId);
    expect(order).toEqual(['sooner', 'later', 'reply']);
  });
});

describe('similar answers (R-WORK-7)', () => {
  it('cuts a text into plain and matching pieces from character ranges', () => {
    expect(piecesOf('abcdefghij', [{ start: 6, end: 8 }, { start: 2, end: 4 }])).toEqual([
      { text: 'ab', match: false },
      { text: 'cd', match: true },
      { text: 'ef', match: false },
      { text: 'gh', match: true },
      { text: 'ij', match: false },
    ]);
  });
  it('survives overlapping and out-of-range passages', () => {
    const pieces = piecesOf('hello', [{ start: 0, end: 3 }, { start: 2, end: 99 }]);
    expect(pieces.map((p) => p.text).join('')).toBe('hello');
    expect(pieces.every((p) => p.match)).toBe(true);
  });
});

describe('the week’s balance in words (R-WORK-2)', () => {
  it('says a difference in points, more or less than usual', () => {
    expect(differenceText(4.5)).toBe('4.5 points more than usual');
    expect(differenceText(-12)).toBe('12 points less than usual');
    expect(differenceText(0.2)).toBe('About the usual');
    expect(differenceText(1)).toBe('1 point more than usual');
  });
});
