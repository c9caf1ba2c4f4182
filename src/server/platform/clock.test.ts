import { describe, expect, it } from 'vitest';
import { adjustableClock, systemClock } from './clock.js';

describe('clock', () => {
  it('a frozen demo clock stands at its start until moved forward', () => {
    const c = adjustableClock('2026-10-25T00:30:00Z', 'frozen');
    expect(c.now().toISOString()).toBe('2026-10-25T00:30:00.000Z');
    c.advance(90 * 60_000);
    expect(c.now().toISOString()).toBe('2026-10-25T02:00:00.000Z');
  });

  it('a running demo clock moves on from its start', async () => {
    const c = adjustableClock('2026-01-05T09:00:00Z', 'running');
    const first = c.now().getTime();
    await new Promise((r) => setTimeout(r, 15));
    expect(c.now().getTime()).toBeGreaterThan(first);
    expect(c.now().getTime() - Date.parse('2026-01-05T09:00:00Z')).toBeLessThan(5_000);
  });

  it('never moves backwards and refuses to move the real clock', () => {
    expect(() => adjustableClock('2026-01-05T09:00:00Z').advance(-1)).toThrow();
    expect(() => systemClock.advance(1)).toThrow();
    expect(() => adjustableClock('not a date')).toThrow();
  });
});
