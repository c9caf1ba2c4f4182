import { useQuery } from '@tanstack/react-query';
import { Link, Route, Switch } from 'wouter';
import type { AdminSites } from '../../shared/organisation.js';
import { api } from '../api.js';
import { Page } from '../shell/layout.js';
import { Bubbles } from './bubbles.js';
import { ClassAdmin } from './class-admin.js';
import { ClassesAdmin } from './classes-admin.js';
import { LearnerLinksPage } from './learner-links.js';
import { SiteCalendar } from './site-calendar.js';
import { StaffPatterns } from './staff-patterns.js';
import { NewSite } from './structure-forms.js';
import { WEEKDAYS, longDate } from './dates.js';

/** R-ORG-1, R-ORG-2: the administrator's pages for the organisation's structure and calendar. */
export default function ManageOrganisation() {
  return (
    <Switch>
      <Route path="/">
        <Overview />
      </Route>
      <Route path="/sites/:siteId">{(p) => <SiteCalendar siteId={p.siteId} />}</Route>
      <Route path="/sites/:siteId/staff">{(p) => <StaffPatterns siteId={p.siteId} />}</Route>
      <Route path="/sites/:siteId/bubbles">{(p) => <Bubbles siteId={p.siteId} />}</Route>
      <Route path="/classes">
        <ClassesAdmin />
      </Route>
      <Route path="/classes/:classId">{(p) => <ClassAdmin classId={p.classId} />}</Route>
      <Route path="/learners/:learnerId">{(p) => <LearnerLinksPage learnerId={p.learnerId} />}</Route>
      <Route>
        <Page title="Page not found">
          <p>
            There is no such page. Go back to <Link href="/">the organisation</Link>.
          </p>
        </Page>
      </Route>
    </Switch>
  );
}

function Overview() {
  const q = useQuery({ queryKey: ['admin', 'sites'], queryFn: () => api<AdminSites>('GET', '/api/organisation/sites') });
  return (
    <Page title="Organisation">
      <p className="lead">Your sites’ school days and calendars, and every class with its staff, learners and lessons.</p>
      <p>
        <Link href="/classes" className="button secondary">
          Classes and timetables
        </Link>
      </p>
      <h2>Sites</h2>
      {q.isPending ? <p role="status">Loading sites…</p> : null}
      {q.isError ? <p className="error-message">{q.error.message}</p> : null}
      {q.data ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Sites">
          <table>
            <caption className="visually-hidden">Sites with their school day and current term</caption>
            <thead>
              <tr>
                <th scope="col">Site</th>
                <th scope="col">School day</th>
                <th scope="col">Term</th>
                <th scope="col">Classes</th>
                <th scope="col">Learners</th>
              </tr>
            </thead>
            <tbody>
              {q.data.sites.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link href={`/sites/${s.id}`}>{s.name}</Link>
                    <div className="hint">{s.timeZone}</div>
                    <ul className="plain">
                      <li>
                        <Link href={`/sites/${s.id}/staff`}>
                          Staff working patterns<span className="visually-hidden"> at {s.name}</span>
                        </Link>
                      </li>
                      <li>
                        <Link href={`/sites/${s.id}/bubbles`}>
                          Bubbles<span className="visually-hidden"> at {s.name}</span>
                        </Link>
                      </li>
                    </ul>
                  </td>
                  <td>
                    {s.dayStart}–{s.dayEnd}
                    <div className="hint">{s.workingDays.map((d) => WEEKDAYS[d]!.slice(0, 3)).join(', ')}</div>
                  </td>
                  <td>{s.currentTerm ? `${s.currentTerm.name}, until ${longDate(s.currentTerm.endDate)}` : 'No term set'}</td>
                  <td>{s.classes}</td>
                  <td>{s.learners}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <NewSite />
    </Page>
  );
}
