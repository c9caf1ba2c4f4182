import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import type { RecordingList } from '../../shared/live.js';
import { api, ApiError } from '../api.js';
import { Page } from '../shell/layout.js';
import { clockText, dayText, schoolDate } from '../work/format.js';
import { endOfDayText } from './format.js';

type Recording = RecordingList['recordings'][number];

const recordingsKey = (sessionId: string) => ['live', 'recordings', sessionId] as const;
/** While a recorded session's files are being saved the list is empty: look again until they are there. */
const SAVING_POLL_MS = 10_000;

function useRecordings(sessionId: string) {
  return useQuery({
    queryKey: recordingsKey(sessionId),
    queryFn: () => api<RecordingList>('GET', `/api/live/sessions/${sessionId}/recordings`),
    retry: false,
    refetchInterval: (q) => (q.state.data?.recorded && q.state.data.recordings.length === 0 ? SAVING_POLL_MS : false),
  });
}

const hidden = (e: unknown) => e instanceof ApiError && (e.status === 403 || e.status === 404);

/**
 * R-LIVE-7: a session's recordings for the staff the policy lets watch them: whose media each is,
 * when it was made, until when learners may complain, when it will be deleted, and a player
 * until then. Others see nothing here (the server answers 403 or 404).
 */
export function Recordings({ sessionId }: { sessionId: string }) {
  const q = useRecordings(sessionId);
  if (q.isError && hidden(q.error)) return null;
  return (
    <section className="panel" aria-labelledby="recordings-title">
      <h2 id="recordings-title">Recordings</h2>
      {q.isPending ? (
        <p role="status">Loading the recordings…</p>
      ) : q.isError ? (
        <p className="error-message">{q.error.message}</p>
      ) : q.data.recordings.length === 0 ? (
        <p role="status">{q.data.recorded ? 'The recording is being saved: it appears here a minute or two after the session ends.' : 'This session was not recorded.'}</p>
      ) : (
        <ul className="plain live-list">
          {q.data.recordings.map((r, i) => (
            <RecordingItem key={r.id} title={titleOf(r, i + 1)} src={`/api/live/recordings/${r.id}`} complaintWindowEndsAt={r.complaintWindowEndsAt} deleteAfter={r.deleteAfter} deleted={r.deleted} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** /live/:sessionId/recordings: the recordings alone, for those who may watch them but not read the register (a DSL). */
export function RecordingsPage({ sessionId }: { sessionId: string }) {
  const q = useRecordings(sessionId);
  const title = q.data ? `Recordings: ${q.data.session.title}` : 'Recordings';
  return (
    <Page title={title}>
      {q.isError && hidden(q.error) ? <p className="error-message">These recordings are not yours to watch, or there are none.</p> : null}
      {q.data ? <p>{dateSpan(q.data.session.startsAt, q.data.session.endsAt)}.</p> : null}
      <Recordings sessionId={sessionId} />
      <p>
        <Link href="/sessions">Sessions to look back on</Link> · <Link href="/">Live lessons</Link>
      </p>
    </Page>
  );
}

const dateOf = (instant: string) => dayText(schoolDate(instant));

/** 'Wednesday 25 November, 9am to 9:50am'. */
export function dateSpan(start: string, end: string | null): string {
  return `${dateOf(start)}, ${clockText(start)}${end ? ` to ${clockText(end)}` : ''}`;
}

/** Each person's camera and microphone are a recording of their own: say whose. */
function titleOf(r: Recording, n: number): string {
  return `Recording ${n}${r.publisher ? ` of ${r.publisher.displayName}` : ''}: ${dateSpan(r.startedAt, r.endedAt)}`;
}

/** One recording: a player while it is kept, what happens to it and when, and why it cannot be played once it is gone. */
export function RecordingItem({
  title,
  src,
  complaintWindowEndsAt,
  deleteAfter,
  deleted,
  keptNote,
}: {
  title: string;
  src: string;
  complaintWindowEndsAt: string | null;
  deleteAfter: string | null;
  deleted: boolean;
  keptNote?: string;
}) {
  const [problem, setProblem] = useState<'deleted' | 'failed' | null>(deleted ? 'deleted' : null);
  // The player says only that it failed: ask the server whether the recording was deleted since (410).
  const failed = () =>
    void fetch(src, { headers: { Range: 'bytes=0-0' } })
      .then((res) => setProblem(res.status === 410 ? 'deleted' : 'failed'))
      .catch(() => setProblem('failed'));
  return (
    <li className="live-item">
      <p className="live-item-title">{title}</p>
      {problem === 'deleted' ? (
        <p>This recording has been deleted: the time it was kept for has ended.</p>
      ) : (
        <>
          <p className="hint">
            {complaintWindowEndsAt ? `Learners and families can complain about it until ${endOfDayText(complaintWindowEndsAt)}. ` : ''}
            {deleteAfter ? `It is kept until ${endOfDayText(deleteAfter)}, then deleted. ` : ''}
            {keptNote ? `${keptNote} ` : ''}Each time someone watches it is noted in the audit log.
          </p>
          <video className="live-recording" controls preload="none" src={src} aria-label={title} onError={failed} />
          {problem === 'failed' ? <p className="error-message">The recording could not be played. Try again, or in another browser.</p> : null}
        </>
      )}
    </li>
  );
}
