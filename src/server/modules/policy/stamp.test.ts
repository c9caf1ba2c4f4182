import { describe, expect, it } from 'vitest';
import type { LocalSource } from './cited.js';
import { presetById } from './presets/presets.js';
import { stampDecisions } from './stamp.js';

const decision: LocalSource = { kind: 'local', by: 'Grace Hopper', at: '2026-09-07T08:00:00.000Z', why: 'Agreed at the staff meeting.' };
const seed = (line: number, quote: string) => ({ kind: 'seed' as const, seed: '002' as const, line, quote });
const base = presetById('blended-school-bubbles').document;

describe('stampDecisions', () => {
  it('R-POL-1 stamps who, when and why on a changed value and keeps every other source', () => {
    const after = structuredClone(base);
    after.sections.staffHours.notExpectedAfter.value = '16:00';
    const stamped = stampDecisions(base, after, decision) as typeof base;
    expect(stamped.sections.staffHours.notExpectedAfter).toEqual({ value: '16:00', source: decision });
    expect(stamped.sections.staffHours.teachers).toEqual(base.sections.staffHours.teachers);
    expect(stamped.review).toEqual(base.review);
  });

  it('R-POL-1 keeps the earlier source of an unchanged value, whatever local source is sent with it', () => {
    const after = structuredClone(base);
    after.sections.calendar.bubbles.source = { kind: 'local', by: 'Someone else', at: '2020-01-01T00:00:00Z', why: 'Forged' };
    expect((stampDecisions(base, after, decision) as typeof base).sections.calendar.bubbles).toEqual(base.sections.calendar.bubbles);
  });

  it('R-POL-1 keeps a new seed citation or platform default sent for a value, to be checked against the seeds', () => {
    const after = structuredClone(base);
    after.sections.staffHours.notExpectedAfter = { value: '15:30', source: seed(93, 'no expectation for colleagues to read or respond') };
    after.sections.calendar.timeZone = { value: 'Europe/London', source: { kind: 'default', reason: 'all our sites are in England' } };
    const stamped = stampDecisions(base, after, decision) as typeof base;
    expect(stamped.sections.staffHours.notExpectedAfter.source).toEqual(seed(93, 'no expectation for colleagues to read or respond'));
    expect(stamped.sections.calendar.timeZone.source).toEqual({ kind: 'default', reason: 'all our sites are in England' });
  });

  it('R-POL-1 matches list items by value: a reordered list keeps its sources, an added bare value is stamped', () => {
    const after = structuredClone(base) as unknown as { sections: { communication: { familyChannels: unknown[] } } };
    const channels = base.sections.communication.familyChannels;
    after.sections.communication.familyChannels = [channels[2], channels[0], { value: 'video' }];
    const stamped = stampDecisions(base, after, decision) as typeof base;
    expect(stamped.sections.communication.familyChannels).toEqual([channels[2], channels[0], { value: 'video', source: decision }]);
  });

  it('R-POL-1 matches review cycles by id, so removing one does not re-attribute the next', () => {
    const after = structuredClone(base);
    after.review.cycles = [after.review.cycles[1]!];
    after.review.cycles[0]!.every.value = { count: 3, unit: 'week' };
    const [cycle] = (stampDecisions(base, after, decision) as typeof base).review.cycles;
    expect(cycle!.reviewers).toEqual(base.review.cycles[1]!.reviewers);
    expect(cycle!.every).toEqual({ value: { count: 3, unit: 'week' }, source: decision });
  });

  it('changes neither the version before nor the one sent', () => {
    const after = structuredClone(base);
    after.name = 'Renamed';
    after.sections.calendar.bubbles.value = false;
    const sent = structuredClone(after);
    stampDecisions(base, after, decision);
    expect(after).toEqual(sent);
    expect(base).toEqual(presetById('blended-school-bubbles').document);
  });
});
