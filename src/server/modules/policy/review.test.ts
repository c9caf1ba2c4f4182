import { describe, expect, it } from 'vitest';
import { presetById } from './presets/presets.js';
import { nextReviewDue } from './review.js';

const review = (id: Parameters<typeof presetById>[0]) => presetById(id).document.review;

describe('nextReviewDue', () => {
  it.each([
    ['further-education-lockdown', '2025-01-15', false, '2026-01-15', 'leaders-annual', ['senior_leader'], 'default'],
    ['school-closure', '2024-09-01', false, '2026-09-01', 'biennial', ['senior_leader'], 'seed'],
    ['blended-school-bubbles', '2025-09-01', false, '2026-09-01', 'governors-annual', ['governor'], 'seed'],
    ['blended-school-bubbles', '2025-09-01', true, '2025-09-15', 'leadership-fortnightly', ['senior_leader'], 'seed'],
    ['blended-training-provider', '2024-10-10', false, '2025-10-10', 'annual', ['senior_leader'], 'seed'],
    ['special-school-case-by-case', '2025-07-20', false, '2026-07-20', 'annual', ['senior_leader'], 'seed'],
    ['special-school-case-by-case', '2025-07-20', true, '2026-07-20', 'annual', ['senior_leader'], 'seed'],
  ] as const)('R-POL-2 %s reviewed on %s (bubble isolating: %s) is next due %s', (id, last, bubbleIsolating, due, cycle, reviewers, sourceKind) => {
    const next = nextReviewDue(review(id), last, { bubbleIsolating });
    expect(next).toMatchObject({ due, cycle, reviewers, requirement: 'R-POL-2' });
    expect(next.source.kind).toBe(sourceKind);
  });

  it('R-POL-2 matches the renewal date written in seed 003 (issued 10/10/2024, renew 10/10/2025)', () => {
    expect(nextReviewDue(review('blended-training-provider'), '2024-10-10', { bubbleIsolating: false }).due).toBe('2025-10-10');
  });

  it('R-POL-2 says who approves and cites the seed line of the cycle', () => {
    const next = nextReviewDue(review('blended-school-bubbles'), '2025-09-01', { bubbleIsolating: false });
    expect(next.approvers).toEqual(['governor']);
    expect(next.label).toBe('every year');
    expect(next.source).toMatchObject({ kind: 'seed', seed: '002', line: 229 });
    const bubble = nextReviewDue(review('blended-school-bubbles'), '2025-09-01', { bubbleIsolating: true });
    expect(bubble.label).toBe('every 2 weeks while a bubble is isolating');
    expect(bubble.approvers).toEqual([]);
  });

  it('R-POL-2 keeps the governors’ and the leaders’ review histories apart', () => {
    const history = { 'governors-annual': '2025-09-01', 'leadership-fortnightly': '2026-01-05' };
    expect(nextReviewDue(review('blended-school-bubbles'), history, { bubbleIsolating: true }).due).toBe('2026-01-19');
    expect(nextReviewDue(review('blended-school-bubbles'), history, { bubbleIsolating: false }).due).toBe('2026-09-01');
  });

  it('R-POL-2 makes the leaders’ review due at once when a bubble starts isolating and they have never reviewed', () => {
    const next = nextReviewDue(review('blended-school-bubbles'), { 'governors-annual': '2025-09-01' }, { bubbleIsolating: true });
    expect(next).toMatchObject({ due: '2025-09-01', cycle: 'leadership-fortnightly' });
  });

  it('R-POL-2 counts a year from 29 February to 28 February', () => {
    expect(nextReviewDue(review('special-school-case-by-case'), '2024-02-29', { bubbleIsolating: false }).due).toBe('2025-02-28');
  });

  it('R-POL-2 refuses a date that is not one', () => {
    expect(() => nextReviewDue(review('school-closure'), '2025-02-30', { bubbleIsolating: false })).toThrow(RangeError);
    expect(() => nextReviewDue(review('school-closure'), '1 May 2025', { bubbleIsolating: false })).toThrow(RangeError);
  });
});
