import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PendingAuthorisations } from '../../shared/live.js';
import { api } from '../api.js';
import { Loaded } from '../work/notices.js';
import { whenSpanText } from './format.js';
import { TODAY_KEY } from './queries.js';

const PENDING_KEY = ['live', 'authorisations'] as const;

/**
 * /live for a senior manager (R-LIVE-10, seed 000): the 1-1s booked from home or another centre
 * that cannot be opened until someone like them authorises them. Authorising is recorded with
 * their name and the time by the server.
 */
export function AuthorisationsToGive({ today }: { today: string }) {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: PENDING_KEY, queryFn: () => api<PendingAuthorisations>('GET', '/api/live/authorisations') });
  const authorise = useMutation({
    mutationFn: (sessionId: string) => api<null>('POST', `/api/live/sessions/${sessionId}/authorisation`),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: PENDING_KEY }), qc.invalidateQueries({ queryKey: TODAY_KEY })]),
  });
  return (
    <section aria-labelledby="authorisations-title">
      <h2 id="authorisations-title">1-1s waiting for your authorisation</h2>
      {authorise.isError ? (
        <p className="error-message" role="alert">
          {authorise.error.message}
        </p>
      ) : authorise.isSuccess ? (
        <p className="notice" role="status">
          Authorised: the member of staff can now open the 1-1 at its time.
        </p>
      ) : null}
      <Loaded q={q} what="the 1-1s to authorise">
        {({ oneToOnes }) =>
          oneToOnes.length === 0 ? (
            <p>No 1-1 is waiting for authorisation.</p>
          ) : (
            <ul className="plain live-list">
              {oneToOnes.map((o) => (
                <li key={o.sessionId} className="live-item">
                  <p className="live-item-title">{o.title}</p>
                  <p className="hint">
                    {o.host.displayName}, from {o.hostLocation === 'home' ? 'home' : 'another centre'}. {whenSpanText(o.startsAt, o.endsAt, today)}.
                    {o.loneWorkingConcern ? ' The learner is a lone-working concern: a second member of staff must join before it starts.' : ''}
                  </p>
                  <button type="button" className="button" aria-label={`Authorise ${o.title}`} disabled={authorise.isPending} onClick={() => authorise.mutate(o.sessionId)}>
                    Authorise this 1-1
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}
