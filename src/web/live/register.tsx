import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import type { ChatLog, RegisterView } from '../../shared/live.js';
import { api, ApiError } from '../api.js';
import { Page } from '../shell/layout.js';
import { clockText, count, minutesText } from '../work/format.js';
import { Loaded, Tag } from '../work/notices.js';
import { chatKeptText, outcomeText, roleText, whenSpanText } from './format.js';
import { Recordings } from './recordings.js';

/** R-LIVE-8: a session's register for its staff: who attended, when and for how long; who waited; who never came. */
export function RegisterPage({ sessionId, today }: { sessionId: string; today: string }) {
  const q = useQuery({ queryKey: ['live', 'register', sessionId], queryFn: () => api<RegisterView>('GET', `/api/live/sessions/${sessionId}/register`) });
  if (q.isError) {
    return (
      <Page title="The register is not available">
        <p className="error-message">{q.error.message}</p>
      </Page>
    );
  }
  return (
    <Loaded q={q} what="the register">
      {(r) => <Register register={r} today={today} />}
    </Loaded>
  );
}

type Line = RegisterView['lines'][number];

function Register({ register, today }: { register: RegisterView; today: string }) {
  const { session, lines } = register;
  // The register is the learners'; the adults who came (staff, parents and carers) are listed apart,
  // and the parents invited who did not come are only counted (a class invites every parent).
  const learners = lines.filter((l) => l.role === 'learner');
  const adults = lines.filter((l) => l.role !== 'learner' && l.outcome !== 'never_came');
  const adultsAway = lines.filter((l) => l.role !== 'learner' && l.outcome === 'never_came').length;
  const n = (o: Line['outcome']) => learners.filter((l) => l.outcome === o).length;
  return (
    <Page title={`Register: ${session.title}`}>
      <dl className="summary-list">
        <div>
          <dt>Timetabled</dt>
          <dd>{whenSpanText(session.startsAt, session.endsAt, today)}</dd>
        </div>
        <div>
          <dt>Opened</dt>
          <dd>{session.openedAt ? clockText(session.openedAt) : 'Not opened'}</dd>
        </div>
        <div>
          <dt>Ended</dt>
          <dd>
            {session.endedAt ? clockText(session.endedAt) : 'Still going'}{' '}
            {session.overran ? <Tag tone="alert">{session.overranAt ? `Ran past its time limit at ${clockText(session.overranAt)}` : 'Ran past its time limit'}</Tag> : null}
          </dd>
        </div>
      </dl>
      <h2>Learners</h2>
      <p>
        {n('attended')} of {count(learners.length, 'learner')} attended, {n('waited_never_admitted')} waited and {n('waited_never_admitted') === 1 ? 'was' : 'were'} never let in, {n('never_came')} did
        not come.
      </p>
      <RegisterTable lines={learners} caption="Every learner invited, and whether and when they were there" />
      <h2>Staff, parents and carers</h2>
      {adults.length ? <RegisterTable lines={adults} caption="The adults who came or waited" /> : null}
      {adultsAway ? <p>{count(adultsAway, 'other person', 'other people')} invited (staff, parents or carers) did not come.</p> : null}
      <Recordings sessionId={session.id} />
      <ChatLogPanel sessionId={session.id} />
      <p>
        <Link href={`/${session.id}`}>Back to the lesson</Link> · <Link href="/">Live lessons</Link>
      </p>
    </Page>
  );
}

/** R-LIVE-11: the session's chat for the staff who may read it, while the policy keeps it. */
function ChatLogPanel({ sessionId }: { sessionId: string }) {
  const q = useQuery({ queryKey: ['live', 'chat-log', sessionId], queryFn: () => api<ChatLog>('GET', `/api/live/sessions/${sessionId}/chat`), retry: false });
  if (q.isError && q.error instanceof ApiError && (q.error.status === 403 || q.error.status === 404)) return null;
  return (
    <section className="panel" aria-labelledby="chat-log-title">
      <h2 id="chat-log-title">The chat</h2>
      <Loaded q={q} what="the chat">
        {(log) => (
          <>
            <p className="hint">{chatKeptText(log)}</p>
            {log.messages.length === 0 ? (
              log.deletedAt ? null : <p>Nobody wrote in the chat.</p>
            ) : (
              <ol className="plain live-list">
                {log.messages.map((m) => (
                  <li key={m.id} className="live-item">
                    <p>
                      <strong>{m.from.displayName}</strong> <span className="hint">({roleText(m.from.role)}, {clockText(m.sentAt)}{m.toHost ? ', to the host only' : ''})</span>
                    </p>
                    <p>{m.text}</p>
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}

function RegisterTable({ lines, caption }: { lines: Line[]; caption: string }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Attendance</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">How long</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.person.id}>
              <th scope="row">{l.person.displayName}</th>
              <td>{roleText(l.role)}</td>
              <td>
                {outcomeText(l.outcome)}
                {l.stretches > 1 ? <span className="hint"> (in {l.stretches} parts)</span> : null}
              </td>
              <td>{l.from ? clockText(l.from) : '–'}</td>
              <td>{l.to ? clockText(l.to) : '–'}</td>
              <td>{l.outcome === 'attended' ? minutesText(l.minutes).replace('About ', '') : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
