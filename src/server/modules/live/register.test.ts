import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registerOf, type Stretch } from './register.js';

const t = (hhmm: string) => `2026-11-23T${hhmm}:00.000Z`;
const s = (userId: string, kind: Stretch['kind'], since: string, until: string | null): Stretch => ({ userId, kind, since: t(since), until: until ? t(until) : null });

describe('the register of a live session (R-LIVE-8)', () => {
  it('R-LIVE-8 says who attended from when to when and for how long, who waited and was never admitted, and who never came', () => {
    const lines = registerOf(
      ['ana', 'ben', 'cal'],
      [s('ana', 'waiting', '09:00', '09:02'), s('ana', 'in', '09:02', '09:40'), s('ben', 'waiting', '09:05', '09:30')],
      t('09:45'),
    );
    expect(lines).toEqual([
      { userId: 'ana', outcome: 'attended', from: t('09:02'), to: t('09:40'), minutes: 38, stretches: 1 },
      { userId: 'ben', outcome: 'waited_never_admitted', from: null, to: null, minutes: 0, stretches: 0 },
      { userId: 'cal', outcome: 'never_came', from: null, to: null, minutes: 0, stretches: 0 },
    ]);
  });

  it('R-LIVE-8 a dropped connection is not counted, and someone still in is counted to the end', () => {
    const [ana] = registerOf(['ana'], [s('ana', 'in', '09:00', '09:10'), s('ana', 'in', '09:15', null)], t('09:45'));
    expect(ana).toEqual({ userId: 'ana', outcome: 'attended', from: t('09:00'), to: t('09:45'), minutes: 40, stretches: 2 });
  });

  it('R-LIVE-8 two devices at once count once, and minutes never exceed the time between first in and last out', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 })), { maxLength: 8 }), (pairs) => {
        const stretches = pairs.map(([a, b]) => ({ userId: 'ana', kind: 'in' as const, since: new Date(Date.UTC(2026, 10, 23, 9, Math.min(a, b))).toISOString(), until: new Date(Date.UTC(2026, 10, 23, 9, Math.max(a, b))).toISOString() }));
        const [line] = registerOf(['ana'], stretches, t('10:30'));
        if (line!.outcome !== 'attended') return pairs.every(([a, b]) => a === b);
        return line!.minutes <= (Date.parse(line!.to!) - Date.parse(line!.from!)) / 60_000;
      }),
    );
  });
});
