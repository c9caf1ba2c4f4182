import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ClockState } from '../../shared/clock.js';
import { api } from '../api.js';

/** On a demo server: move the clock forward to show what happens later (never in production). */
export function ClockControl() {
  const qc = useQueryClient();
  const [state, setState] = useState<ClockState | null>(null);
  const [minutes, setMinutes] = useState('60');
  return (
    <section className="card" aria-label="Demo clock">
      <h2>Demo clock</h2>
      <p>This demo server runs on its own clock. Move it forward to see deadlines pass.</p>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setState(await api<ClockState>('POST', '/api/clock/advance', { minutes: Number(minutes) }));
          await qc.invalidateQueries();
        }}
      >
        <label htmlFor="clock-minutes">Minutes to move forward</label>
        <input id="clock-minutes" inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        <button type="submit" className="button secondary">
          Move clock
        </button>
      </form>
      {state ? (
        <p role="status">
          The time is now {new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/London' }).format(new Date(state.now))}.
        </p>
      ) : null}
    </section>
  );
}
