import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import type { Me } from '../../shared/identity.js';
import type { LearnerLiveRecord, SessionStatus } from '../../shared/live.js';
import { api } from '../api.js';
import { Page } from '../shell/layout.js';
import { Loaded, Prose, Tag } from '../work/notices.js';
import { PURPOSES, usePeople } from './booking.js';
import { RecordingItem, dateSpan } from './recordings.js';

const STATUS_TEXT: Record<SessionStatus, string> = { booked: 'Booked', open: 'Open now', ended: 'Held' };
const purposeText = (purpose: string) => PURPOSES.find((p) => p.value === purpose)?.label ?? purpose;

/**
 * /live/learners/:learnerId (R-LIVE-10, -13): what the live sessions left in a learner's record:
 * their 1-1s, the recordings kept in it (an apprentice's 1-1s, seed 000), and, for staff, the
 * meetings with their family and the views heard there. Reading it is audited by the server.
 */
export function LearnerRecordPage({ me, learnerId }: { me: Me; learnerId: string }) {
  const q = useQuery({ queryKey: ['live', 'learner-record', learnerId], queryFn: () => api<LearnerLiveRecord>('GET', `/api/live/learners/${learnerId}/record`), retry: false });
  const own = learnerId === me.user.id;
  return (
    <Page title={own ? 'Your 1-1s and recordings' : q.data ? `Live record: ${q.data.learner.displayName}` : 'Live record'}>
      <Loaded q={q} what="the record">
        {(r) => (
          <>
            <section aria-labelledby="one-to-ones-title">
              <h2 id="one-to-ones-title">1-1 sessions</h2>
              {r.oneToOnes.length === 0 ? (
                <p>{own ? 'You have had no 1-1 sessions yet.' : `${r.learner.displayName} has had no 1-1 sessions.`}</p>
              ) : (
                <ul className="plain live-list">
                  {r.oneToOnes.map((o) => (
                    <li key={o.sessionId} className="live-item">
                      <p className="live-item-title">
                        {o.title} <Tag tone={o.status === 'open' ? 'ok' : 'info'}>{STATUS_TEXT[o.status]}</Tag>
                      </p>
                      <p className="hint">
                        {o.purpose ? `${purposeText(o.purpose)}. ` : ''}With {o.host}. {dateSpan(o.startsAt, null)}.
                      </p>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section aria-labelledby="record-recordings-title">
              <h2 id="record-recordings-title">Recordings kept in the record</h2>
              {r.recordings.length === 0 ? (
                <p>There are no recordings in this record. Recordings of lessons stay with the lesson and are deleted when the policy says.</p>
              ) : (
                <ul className="plain live-list">
                  {r.recordings.map((c) => (
                    <RecordingItem
                      key={c.id}
                      title={`${c.title}: ${dateSpan(c.startedAt, c.endedAt)}`}
                      src={`/api/live/record-recordings/${c.id}`}
                      complaintWindowEndsAt={null}
                      deleteAfter={null}
                      deleted={false}
                      keptNote={`Kept in ${own ? 'your' : 'the apprentice’s'} record since ${dateSpan(c.keptAt, null)}.`}
                    />
                  ))}
                </ul>
              )}
            </section>
            {r.meetings ? (
              <section aria-labelledby="meetings-title">
                <h2 id="meetings-title">Meetings with the family</h2>
                {r.meetings.length === 0 ? (
                  <p>There have been no online meetings with {r.learner.displayName}’s family.</p>
                ) : (
                  <ul className="plain live-list">
                    {r.meetings.map((m) => (
                      <li key={m.sessionId} className="live-item">
                        <p className="live-item-title">{m.title}</p>
                        <p className="hint">{dateSpan(m.startsAt, null)}.</p>
                        {m.views ? (
                          <>
                            <h3>What the child said</h3>
                            <Prose text={m.views.childViews} />
                            <h3>What the family said</h3>
                            <Prose text={m.views.familyViews} />
                            <p className="hint">
                              Written down by {m.views.recordedBy} on {dateSpan(m.views.recordedAt, null)}.
                            </p>
                          </>
                        ) : (
                          <p>The views have not been written down yet: the host writes them at the end of the meeting.</p>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            ) : null}
          </>
        )}
      </Loaded>
      <p>
        <Link href="/">Back to live lessons</Link>
      </p>
    </Page>
  );
}

/** /live for staff: open the live record of one of the learners they teach. */
export function FindLearnerRecord({ me }: { me: Me }) {
  const [, navigate] = useLocation();
  const [learnerId, setLearnerId] = useState('');
  const [asked, setAsked] = useState(false);
  const people = usePeople(me.user.id, asked);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (learnerId) navigate(`/learners/${learnerId}`);
  };
  return (
    <section aria-labelledby="find-record-title">
      <h2 id="find-record-title">A learner’s 1-1s, recordings and family meetings</h2>
      {!asked ? (
        <button type="button" className="button secondary" onClick={() => setAsked(true)}>
          Choose a learner
        </button>
      ) : people.isPending ? (
        <p role="status">Finding your learners…</p>
      ) : people.isError ? (
        <p className="error-message">{people.error.message}</p>
      ) : (
        <form onSubmit={submit} className="button-row">
          <label htmlFor="record-learner">Learner</label>
          <select id="record-learner" value={learnerId} onChange={(e) => setLearnerId(e.target.value)}>
            <option value="">Choose…</option>
            {people.data.learners.map((l) => (
              <option key={l.id} value={l.id}>
                {l.displayName}
              </option>
            ))}
          </select>
          <button type="submit" className="button" disabled={!learnerId}>
            Open their record
          </button>
        </form>
      )}
    </section>
  );
}
