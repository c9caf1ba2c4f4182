/**
 * R-LIVE-8: a session's register from who was invited and each stretch they spent waiting or in
 * it. Pure: the service loads the rows; the register page and attendance (later) read this.
 */

export interface Stretch {
  userId: string;
  kind: 'waiting' | 'in';
  since: string;
  /** Open while they are still there; the session's end closes it. */
  until: string | null;
}

export type Outcome = 'attended' | 'waited_never_admitted' | 'never_came';

export interface RegisterLine {
  userId: string;
  outcome: Outcome;
  /** First time in and last time out (ISO), when they attended. */
  from: string | null;
  to: string | null;
  /** Minutes in the session, adding up every stretch (a dropped connection is not counted). */
  minutes: number;
  /** How many separate stretches: more than one means they dropped out and came back. */
  stretches: number;
}

/**
 * One line per invited person: attended (with from, to and minutes in), waited in the lobby and
 * was never admitted, or never came. `endedAt` closes stretches still open (the session ended,
 * or the register is read while it runs: pass now).
 */
export function registerOf(invited: readonly string[], stretches: readonly Stretch[], endedAt: string): RegisterLine[] {
  const end = Date.parse(endedAt);
  return invited.map((userId) => {
    const mine = stretches.filter((s) => s.userId === userId);
    const inside = mine
      .filter((s) => s.kind === 'in')
      .map((s) => ({ from: Date.parse(s.since), to: Math.min(end, s.until ? Date.parse(s.until) : end) }))
      .filter((s) => s.to > s.from)
      .sort((a, b) => a.from - b.from);
    if (inside.length === 0) {
      const waited = mine.some((s) => s.kind === 'waiting');
      return { userId, outcome: waited ? 'waited_never_admitted' : 'never_came', from: null, to: null, minutes: 0, stretches: 0 };
    }
    const ms = merged(inside).reduce((n, s) => n + (s.to - s.from), 0);
    return {
      userId,
      outcome: 'attended',
      from: new Date(inside[0]!.from).toISOString(),
      to: new Date(Math.max(...inside.map((s) => s.to))).toISOString(),
      minutes: Math.round(ms / 60_000),
      stretches: inside.length,
    };
  });
}

/** Overlapping stretches (two tabs open at once) count once. */
function merged(sorted: { from: number; to: number }[]): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else out.push({ ...s });
  }
  return out;
}
