/**
 * The one clock. Everything that needs the time is handed a Clock; nothing else reads the
 * system time (a lint rule keeps `new Date()` and `Date.now()` to this file).
 */
export interface Clock {
  now(): Date;
  /** True for a demo or test clock that may be moved; never in production. */
  readonly adjustable: boolean;
  /** Move an adjustable clock forward. */
  advance(ms: number): void;
}

export const systemClock: Clock = {
  now: () => new Date(),
  adjustable: false,
  advance() {
    throw new Error('The system clock cannot be moved.');
  },
};

/**
 * A clock that starts at `start` and then either stands still (`frozen`) or runs on in real
 * time (`running`); `advance` moves it forward either way.
 */
export function adjustableClock(start: Date | string, mode: 'running' | 'frozen' = 'frozen'): Clock {
  const startMs = typeof start === 'string' ? Date.parse(start) : start.getTime();
  if (Number.isNaN(startMs)) throw new Error(`Not an instant: ${String(start)}`);
  const realStart = Date.now();
  let offset = 0;
  return {
    now: () => new Date(startMs + offset + (mode === 'running' ? Date.now() - realStart : 0)),
    adjustable: true,
    advance(ms: number) {
      if (!(ms >= 0)) throw new Error('A clock only moves forward.');
      offset += ms;
    },
  };
}

/** Wall-clock time for measuring durations (metrics, logs); never for decisions. */
export function monotonicMs(): number {
  return performance.now();
}
