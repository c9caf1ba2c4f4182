import { describe, expect, it } from 'vitest';
import { diffPolicies } from './diff.js';
import { presetById } from './presets/presets.js';

const base = () => structuredClone(presetById('blended-school-bubbles').document);
const local = { kind: 'local', by: 'head-teacher', at: '2026-01-05T09:00:00Z', why: 'Buses now arrive at 09:00.' } as const;

describe('diffPolicies', () => {
  it('R-POL-1 finds nothing between a policy and its copy', () => {
    expect(diffPolicies(base(), base())).toEqual([]);
  });

  it('R-POL-1 lists exactly the values that changed, with before, after and a label', () => {
    const after = base();
    after.sections.calendar.schoolDay = { value: { start: '09:00', end: '15:30' }, source: local };
    after.sections.staffHours.notExpectedAfter = { value: '16:00', source: local };
    expect(diffPolicies(base(), after)).toEqual([
      {
        path: ['sections', 'calendar', 'schoolDay'],
        before: { start: '08:45', end: '15:15' },
        after: { start: '09:00', end: '15:30' },
        label: 'Calendar — school day',
        what: 'value',
      },
      { path: ['sections', 'staffHours', 'notExpectedAfter'], before: '15:30', after: '16:00', label: 'Staff hours — no messages expected after', what: 'value' },
    ]);
  });

  it('R-POL-1 reports a new citation for the same value as a change of source', () => {
    const after = base();
    const before = base();
    after.sections.calendar.timeZone = { value: 'Europe/London', source: local };
    expect(diffPolicies(before, after)).toEqual([
      { path: ['sections', 'calendar', 'timeZone'], before: before.sections.calendar.timeZone.source, after: local, label: 'Calendar — time zone', what: 'source' },
    ]);
  });

  it('R-POL-1 reports one channel removed, not every later channel moved', () => {
    const after = base();
    after.sections.communication.familyChannels.splice(0, 1);
    expect(diffPolicies(base(), after)).toEqual([
      { path: ['sections', 'communication', 'familyChannels', 0], before: 'platform', after: undefined, label: 'Communication — channels with families (item 1)', what: 'removed' },
    ]);
  });

  it('R-POL-1 reports a channel added', () => {
    const after = base();
    after.sections.communication.learnerChannels.push({ value: 'phone', source: local });
    expect(diffPolicies(base(), after).map((c) => [c.path.join('.'), c.what, c.after])).toEqual([['sections.communication.learnerChannels.3', 'added', 'phone']]);
  });

  it('R-POL-2 matches review cycles by id and reports a dropped one once', () => {
    const after = base();
    after.review.cycles = after.review.cycles.filter((c) => c.id === 'leadership-fortnightly');
    after.review.cycles[0]!.every.value = { count: 1, unit: 'week' };
    expect(diffPolicies(base(), after).map((c) => [c.path.join('.'), c.what])).toEqual([
      ['review.cycles.0', 'removed'],
      ['review.cycles.0.every', 'value'],
    ]);
  });

  it('R-POL-1 compares two presets field by field, including their names', () => {
    const changes = diffPolicies(presetById('school-closure').document, presetById('special-school-case-by-case').document);
    const paths = changes.map((c) => c.path.join('.'));
    expect(paths).toContain('preset');
    expect(paths).toContain('name');
    expect(paths).toContain('sections.staffHours.teachers');
    expect(paths).not.toContain('sections.calendar.timeZone');
    const keys = changes.map((c) => `${c.what} ${c.path.join('.')}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
