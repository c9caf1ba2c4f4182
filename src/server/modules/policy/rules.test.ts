import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/roles.js';
import { presetById } from './presets/presets.js';
import { reviewStatus } from './rules.js';

const bubbles = presetById('blended-school-bubbles').document.review;
const closure = presetById('school-closure').document.review;
const adopted = { adoptedOn: '2026-09-07', reviewedOn: {} };
const calm = { bubbleIsolating: false };

describe('reviewStatus', () => {
  it.each([
    ['2027-08-07', 'ok'],
    ['2027-08-08', 'due_soon'],
    ['2027-09-07', 'due_soon'],
    ['2027-09-08', 'overdue'],
  ] as const)('R-POL-2 on %s the governors’ annual review (due 2027-09-07) is %s', (today, state) => {
    expect(reviewStatus(bubbles, adopted, calm, today, ['senior_leader'])).toMatchObject({ due: '2027-09-07', remindFrom: '2027-08-08', state, cycle: 'governors-annual' });
  });

  it('R-POL-2 counts a cycle from its last recorded review, and one never reviewed from the adoption', () => {
    expect(reviewStatus(bubbles, { adoptedOn: '2026-09-07', reviewedOn: { 'governors-annual': '2027-07-01' } }, calm, '2027-07-02', []).due).toBe('2028-07-01');
    expect(reviewStatus(closure, adopted, calm, '2026-09-08', []).due).toBe('2028-09-07');
  });

  it('R-POL-2 while a bubble isolates, the leaders’ fortnightly review comes first', () => {
    const status = reviewStatus(bubbles, { adoptedOn: '2026-09-07', reviewedOn: { 'leadership-fortnightly': '2026-10-05' } }, { bubbleIsolating: true }, '2026-10-06', ['senior_leader']);
    expect(status).toMatchObject({ due: '2026-10-19', cycle: 'leadership-fortnightly', label: 'every 2 weeks while a bubble is isolating', state: 'due_soon', bubbleIsolating: true });
  });

  it.each([
    [['senior_leader'], true],
    [['governor'], true],
    [['teacher', 'dsl'], false],
    [['learner'], false],
  ] as [Role[], boolean][])('R-POL-2 reminds %j: %s (senior leaders and the due cycle’s reviewers)', (roles, remind) => {
    expect(reviewStatus(bubbles, adopted, calm, '2027-09-01', roles).remind).toBe(remind);
  });
});
