import { useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import type { Me } from '../../shared/identity.js';
import { ROLE_LABELS, type Role } from '../../shared/roles.js';
import { Page } from '../shell/layout.js';
import { rolesOf } from '../identity/me.js';
import { ClockControl } from './clock-control.js';
import { SitesToday } from '../organisation/sites-today.js';
import { TodayLessons } from '../organisation/today.js';
import { PolicyReviewReminder } from '../policy/review-reminder.js';
import { MarkingSummary, TodaysWork } from '../work/home-cards.js';
import { LiveTodayCard } from '../live/home-card.js';
import { schoolDate } from '../work/format.js';

/**
 * Each role's home: what that person can do today and what is coming. A person with several
 * roles lands on the first by priority and can switch.
 */
export function Home({ me }: { me: Me }) {
  const roles = rolesOf(me);
  const [role, setRole] = useState<Role | undefined>(roles[0]);
  const greeting = `Hello, ${me.user.givenName}`;
  return (
    <Page title={greeting}>
      <p className="lead">
        {role ? `${ROLE_LABELS[role]} at ${me.organisation.name}` : me.organisation.name}
      </p>
      {roles.length > 1 ? (
        <div className="role-switch" role="group" aria-label="Show the home page for">
          {roles.map((r) => (
            <button key={r} type="button" className="chip" aria-pressed={r === role} onClick={() => setRole(r)}>
              {ROLE_LABELS[r]}
            </button>
          ))}
        </div>
      ) : null}
      <PolicyReviewReminder me={me} />
      {role ? <RoleHome role={role} me={me} /> : <p>You have no role here yet. Ask your school office to set one up.</p>}
    </Page>
  );
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function People({ people, empty }: { people: Me['children']; empty: string }) {
  if (people.length === 0) return <p>{empty}</p>;
  return (
    <ul className="plain">
      {people.map((p) => (
        <li key={p.id}>{p.displayName}</li>
      ))}
    </ul>
  );
}

function RoleHome({ role, me }: { role: Role; me: Me }) {
  const audit = me.can.readAudit ? (
    <Card title="Audit log">
      <p>Who did what, to which record and when: every change and every look at sensitive information.</p>
      <Link href="/audit">Open the audit log</Link>
    </Card>
  ) : null;
  switch (role) {
    case 'learner':
      return (
        <div className="cards">
          <Card title="Today">
            <TodayLessons />
          </Card>
          <Card title="Your work">
            <TodaysWork audience="learner" />
          </Card>
          <Card title="Live lessons">
            <LiveTodayCard today={schoolDate(me.now)} />
          </Card>
        </div>
      );
    case 'guardian':
      return (
        <div className="cards">
          <Card title="Your children">
            <People people={me.children} empty="No children are linked to your account yet. Ask the school office." />
          </Card>
          <Card title="Live lessons">
            <LiveTodayCard today={schoolDate(me.now)} />
          </Card>
          {me.children.map((c) => (
            <Card key={c.id} title={`${c.displayName} today`}>
              <TodayLessons personId={c.id} />
            </Card>
          ))}
          {me.children.map((c) => (
            <Card key={`work-${c.id}`} title={`${c.displayName}’s work`}>
              <TodaysWork learnerId={c.id} audience="parent" />
            </Card>
          ))}
          <Card title="Coming soon">
            <p>Their attendance, and how to report an absence.</p>
          </Card>
        </div>
      );
    case 'employer':
      return (
        <div className="cards">
          <Card title="Your apprentices">
            <People people={me.apprentices} empty="No apprentices are linked to your account yet." />
          </Card>
          <Card title="Coming soon">
            <p>Their reviews, progress and off-the-job learning time.</p>
          </Card>
        </div>
      );
    case 'teacher':
    case 'subject_lead':
    case 'senco':
    case 'teaching_assistant':
    case 'assessor':
      return (
        <div className="cards">
          <Card title="Today">
            <TodayLessons />
          </Card>
          <Card title="Marking">
            {me.can.markWork ? <MarkingSummary /> : <p>Work waiting for your feedback, the soonest due first.</p>}
          </Card>
          <Card title="Live lessons">
            <LiveTodayCard today={schoolDate(me.now)} />
          </Card>
        </div>
      );
    case 'dsl':
      return (
        <div className="cards">
          <Card title="Safeguarding">
            <p>Concerns to follow up and vulnerable learners due a weekly contact will appear here.</p>
          </Card>
          {audit}
        </div>
      );
    case 'senior_leader':
      return (
        <div className="cards">
          <Card title="Oversight">
            <SitesToday />
          </Card>
          {audit}
        </div>
      );
    case 'dpo':
      return (
        <div className="cards">
          {audit}
          <Card title="Data protection">
            <p>Subject access requests, retention and breaches will appear here.</p>
          </Card>
        </div>
      );
    case 'admin':
      return (
        <div className="cards">
          <Card title="Your organisation">
            <ul className="plain">
              <li>
                <Link href="/organisation">Sites, school days and calendars</Link>
              </li>
              <li>
                <Link href="/organisation/classes">Classes, staff, learners and lessons</Link>
              </li>
              {me.can.importRoster ? (
                <li>
                  <Link href="/roster-import">Import from your MIS</Link>
                </li>
              ) : null}
            </ul>
          </Card>
          {me.can.setClock ? <ClockControl /> : null}
        </div>
      );
    case 'it':
      return (
        <Card title="Devices and access">
          <p>Device loans and learners’ connectivity will appear here.</p>
        </Card>
      );
    case 'governor':
      return (
        <Card title="Oversight">
          <SitesToday />
        </Card>
      );
  }
}
