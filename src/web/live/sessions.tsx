import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import type { SessionOverview } from '../../shared/live.js';
import { api } from '../api.js';
import { Page } from '../shell/layout.js';
import { count } from '../work/format.js';
import { Loaded, Tag } from '../work/notices.js';
import { whenSpanText } from './format.js';

const KIND_TEXT: Record<SessionOverview['sessions'][number]['kind'], string> = { lesson: 'Lesson', one_to_one: '1-1', family_meeting: 'Meeting with a family' };

/**
 * /live/sessions (R-LIVE-7, -8): the sessions of the last five weeks whose register or recordings
 * this member of staff may open (a teacher their own, a DSL or senior leader those the policy
 * lets them watch), newest first.
 */
export function SessionsPage({ today }: { today: string }) {
  const q = useQuery({ queryKey: ['live', 'sessions'], queryFn: () => api<SessionOverview>('GET', '/api/live/sessions') });
  return (
    <Page title="Sessions to look back on">
      <p>The live sessions of the last five weeks whose register or recordings you may open. Recordings are deleted when the time the policy keeps them for ends.</p>
      <Loaded q={q} what="the sessions">
        {({ sessions }) =>
          sessions.length === 0 ? (
            <p>There are no sessions from the last five weeks for you to look back on.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">Live sessions, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Session</th>
                    <th scope="col">When</th>
                    <th scope="col">Host</th>
                    <th scope="col">Open</th>
                  </tr>
                </thead>
                <tbody>
                  {sessions.map((s) => (
                    <tr key={s.id}>
                      <th scope="row">
                        {s.title}
                        <span className="hint"> ({KIND_TEXT[s.kind]})</span> {s.overran ? <Tag tone="alert">Ran over</Tag> : null}
                        {s.status === 'open' ? <Tag tone="ok">Open now</Tag> : null}
                      </th>
                      <td>{whenSpanText(s.startsAt, s.endsAt, today)}</td>
                      <td>{s.host.displayName}</td>
                      <td>
                        <ul className="plain">
                          {s.canReadRegister ? (
                            <li>
                              <Link href={`/${s.id}/register`} aria-label={`Register of ${s.title}, ${whenSpanText(s.startsAt, s.endsAt, today)}`}>
                                Register
                              </Link>
                            </li>
                          ) : null}
                          {s.recordingsToWatch > 0 ? (
                            <li>
                              <Link href={`/${s.id}/recordings`} aria-label={`Recordings of ${s.title}, ${whenSpanText(s.startsAt, s.endsAt, today)}`}>
                                {count(s.recordingsToWatch, 'recording')}
                              </Link>
                            </li>
                          ) : null}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
      <p>
        <Link href="/">Back to live lessons</Link>
      </p>
    </Page>
  );
}
