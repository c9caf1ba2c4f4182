import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { ROLE_LABELS, type Role } from '../../shared/roles.js';
import type { ReferralList } from '../../shared/work.js';
import { api } from '../api.js';
import { useMe } from '../identity/me.js';
import { Page } from '../shell/layout.js';
import { count, dayText, schoolDate, stateText, whenText } from './format.js';
import { Loaded } from './notices.js';

/** R-WORK-8: learners who missed the policy's number of deadlines, with their record of work. */
export function MissedWorkPage() {
  const me = useMe();
  const today = me.data ? schoolDate(me.data.now) : '';
  const q = useQuery({ queryKey: ['work', 'referrals'], queryFn: () => api<ReferralList>('GET', '/api/work/referrals'), retry: false });
  return (
    <Page title="Missed work">
      <p className="breadcrumbs">
        <Link href="/">Work</Link> › Missed work
      </p>
      <Loaded q={q} what="the list">
        {(list) => (
          <>
            <p className="lead">
              {list.threshold
                ? `Learners who missed ${count(list.threshold.missed, 'deadline')} or more in the last ${count(list.threshold.withinDays, 'day')}.`
                : 'The school’s policy sets no number of missed deadlines for a referral.'}
              {list.referTo.length ? ` The policy refers them to: ${list.referTo.map((r) => ROLE_LABELS[r as Role] ?? r).join(', ')}.` : ''}
            </p>
            {list.referrals.length === 0 ? <p>Nobody is on the list.</p> : null}
            {list.referrals.map((r) => (
              <section key={r.learner.id} aria-labelledby={`referral-${r.learner.id}`} className="panel">
                <h2 id={`referral-${r.learner.id}`}>{r.learner.displayName}</h2>
                <p>
                  Missed {count(r.missed, 'deadline')} since {dayText(r.since)}
                  {r.classes.length ? ` · ${r.classes.join(', ')}` : ''}
                </p>
                <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={`record-${r.learner.id}`}>
                  <table>
                    <caption id={`record-${r.learner.id}`}>{r.learner.displayName}’s record of work, newest first</caption>
                    <thead>
                      <tr>
                        <th scope="col">Work</th>
                        <th scope="col">Due</th>
                        <th scope="col">What happened</th>
                      </tr>
                    </thead>
                    <tbody>
                      {r.record.map((w, i) => (
                        <tr key={`${w.title}-${w.dueAt}-${i}`}>
                          <th scope="row">
                            {w.title} <span className="hint">{w.subject}</span>
                          </th>
                          <td>{whenText(w.dueAt, today)}</td>
                          <td>{stateText(w.state)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
            ))}
          </>
        )}
      </Loaded>
    </Page>
  );
}
