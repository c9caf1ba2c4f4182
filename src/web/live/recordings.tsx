import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { RecordingList } from '../../shared/live.js';
import { api, ApiError } from '../api.js';
import { clockText, dayText, schoolDate } from '../work/format.js';
import { endOfDayText } from './format.js';

type Recording = RecordingList['recordings'][number];

/**
 * R-LIVE-7: a session's recordings for the staff the policy lets watch them: when each was made,
 * until when learners may complain, when it will be deleted, and a player until then. Others see
 * nothing here (the server answers 403 or 404).
 */
export function Recordings({ sessionId }: { sessionId: string }) {
  const q = useQuery({
    queryKey: ['live', 'recordings', sessionId],
    queryFn: () => api<RecordingList>('GET', `/api/live/sessions/${sessionId}/recordings`),
    retry: false,
  });
  if (q.isError && q.error instanceof ApiError && (q.error.status === 403 || q.error.status === 404)) return null;
  return (
    <section className="panel" aria-labelledby="recordings-title">
      <h2 id="recordings-title">Recordings</h2>
      {q.isPending ? (
        <p role="status">Loading the recordings…</p>
      ) : q.isError ? (
        <p className="error-message">{q.error.message}</p>
      ) : q.data.recordings.length === 0 ? (
        <p>This session was not recorded.</p>
      ) : (
        <ul className="plain live-list">
          {q.data.recordings.map((r, i) => (
            <RecordingItem key={r.id} recording={r} n={i + 1} />
          ))}
        </ul>
      )}
    </section>
  );
}

const dateOf = (instant: string) => dayText(schoolDate(instant));

function RecordingItem({ recording: r, n }: { recording: Recording; n: number }) {
  const [problem, setProblem] = useState<'deleted' | 'failed' | null>(r.deleted ? 'deleted' : null);
  const src = `/api/live/recordings/${r.id}`;
  // The player says only that it failed: ask the server whether the recording was deleted since (410).
  const failed = () =>
    void fetch(src, { headers: { Range: 'bytes=0-0' } })
      .then((res) => setProblem(res.status === 410 ? 'deleted' : 'failed'))
      .catch(() => setProblem('failed'));
  const title = `Recording ${n}: ${dateOf(r.startedAt)}, ${clockText(r.startedAt)}${r.endedAt ? ` to ${clockText(r.endedAt)}` : ''}`;
  return (
    <li className="live-item">
      <p className="live-item-title">{title}</p>
      {problem === 'deleted' ? (
        <p>This recording has been deleted: the time it was kept for has ended.</p>
      ) : (
        <>
          <p className="hint">
            {r.complaintWindowEndsAt ? `Learners and families can complain about it until ${endOfDayText(r.complaintWindowEndsAt)}. ` : ''}
            {r.deleteAfter ? `It is kept until ${endOfDayText(r.deleteAfter)}, then deleted.` : ''} Each time someone watches it is noted in the audit log.
          </p>
          <video className="live-recording" controls preload="none" src={src} aria-label={title} onError={failed} />
          {problem === 'failed' ? <p className="error-message">The recording could not be played. Try again, or in another browser.</p> : null}
        </>
      )}
    </li>
  );
}
