import { useQuery } from '@tanstack/react-query';
import { Link, Route, Switch, useLocation, useSearch } from 'wouter';
import type { Me } from '../../shared/identity.js';
import type { WorkClasses } from '../../shared/work.js';
import { api } from '../api.js';
import { Page } from '../shell/layout.js';
import { AssignmentPage } from './assignment.js';
import { ClassWorkPage } from './class-work.js';
import { LearnerWorkView } from './learner-work.js';
import { MarkingPage } from './marking.js';
import { MissedWorkPage } from './missed.js';
import { schoolDate } from './format.js';
import { Loaded } from './notices.js';
import { PaperPack } from './paper-pack.js';
import { SubmissionPage } from './submission.js';
import { WeekPage } from './week.js';

/** R-WORK-1..8: work set, handed in, marked and overseen. Routed at /work. */
export default function WorkPages({ me }: { me: Me }) {
  return (
    <Switch>
      <Route path="/">
        <WorkHome me={me} />
      </Route>
      <Route path="/assignments/:assignmentId">{(p) => <AssignmentPage key={p.assignmentId} me={me} assignmentId={p.assignmentId} />}</Route>
      <Route path="/classes/:classId">{(p) => <ClassWorkPage key={p.classId} me={me} classId={p.classId} />}</Route>
      <Route path="/marking">{me.can.markWork ? <MarkingPage /> : <NotYours />}</Route>
      <Route path="/submissions/:submissionId">{(p) => <SubmissionPage key={p.submissionId} submissionId={p.submissionId} />}</Route>
      <Route path="/week">{me.can.overseeWork ? <WeekPage me={me} /> : <NotYours />}</Route>
      <Route path="/missed">{me.can.readReferrals ? <MissedWorkPage /> : <NotYours />}</Route>
      <Route>
        <Page title="Page not found">
          <p>
            There is no such page. Go back to <Link href="/">your work</Link>.
          </p>
        </Page>
      </Route>
    </Switch>
  );
}

function NotYours() {
  return (
    <Page title="You cannot see this page">
      <p>Your role does not include this page. If you think it should, ask your school’s administrator.</p>
    </Page>
  );
}

const isStaff = (me: Me) => me.can.setWork || me.can.markWork || me.can.overseeWork || me.can.readReferrals || me.can.printPacks;

function WorkHome({ me }: { me: Me }) {
  const learner = me.roles.some((r) => r.role === 'learner');
  const people = [...me.children, ...me.apprentices];
  if (isStaff(me)) {
    return (
      <Page title="Work">
        <StaffWork me={me} />
        {people.length ? <ChildrensWork people={people} heading /> : null}
      </Page>
    );
  }
  if (learner) {
    return (
      <Page title="Your work">
        <LearnerWorkView audience="learner" />
      </Page>
    );
  }
  return (
    <Page title={me.apprentices.length && !me.children.length ? 'Your apprentices’ work' : 'Your children’s work'}>
      {people.length ? <ChildrensWork people={people} /> : <p>Nobody is linked to your account yet. Ask the school office.</p>}
    </Page>
  );
}

/** A parent or carer (or employer) chooses whose work to see when there are several. */
function ChildrensWork({ people, heading }: { people: Me['children']; heading?: boolean }) {
  const search = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const chosen = people.find((p) => p.id === search.get('learnerId')) ?? people[0];
  if (!chosen) return null;
  return (
    <>
      {heading ? <h2>Your children’s work</h2> : null}
      {people.length > 1 ? (
        <div className="role-switch" role="group" aria-label="Whose work to show">
          {people.map((p) => (
            <button key={p.id} type="button" className="chip" aria-pressed={p.id === chosen.id} onClick={() => navigate(`/?learnerId=${p.id}`, { replace: true })}>
              {p.displayName}
            </button>
          ))}
        </div>
      ) : null}
      <LearnerWorkView key={chosen.id} learnerId={chosen.id} audience="parent" />
    </>
  );
}

/** Staff: the classes they teach or oversee, and the ways into marking, the week and missed work. */
function StaffWork({ me }: { me: Me }) {
  const q = useQuery({ queryKey: ['work', 'classes'], queryFn: () => api<WorkClasses>('GET', '/api/work/classes'), enabled: me.can.overseeWork });
  return (
    <>
      <ul className="plain link-list">
        {me.can.markWork ? (
          <li>
            <Link href="/marking">Marking: work waiting for your feedback</Link>
          </li>
        ) : null}
        {me.can.overseeWork ? (
          <li>
            <Link href="/week">The week’s work: balance, deadlines and screen-free time</Link>
          </li>
        ) : null}
        {me.can.readReferrals ? (
          <li>
            <Link href="/missed">Missed work: learners referred for not completing work</Link>
          </li>
        ) : null}
      </ul>
      {me.can.overseeWork ? (
        <Loaded q={q} what="your classes">
          {(list) => {
            const yours = list.classes.filter((c) => c.teaches);
            const others = list.classes.filter((c) => !c.teaches);
            return (
              <>
                <h2>Your classes</h2>
                {yours.length ? <ClassLinks classes={yours} /> : <p>You do not teach a class.</p>}
                {others.length ? (
                  <details open={yours.length === 0}>
                    <summary>Classes you oversee ({others.length})</summary>
                    <ClassLinks classes={others} />
                  </details>
                ) : null}
              </>
            );
          }}
        </Loaded>
      ) : null}
      {me.can.printPacks ? (
        <section aria-labelledby="paper-packs-title" className="panel">
          <h2 id="paper-packs-title">Paper packs for everyone working on paper</h2>
          <p>One PDF with a pack for each learner marked as working on paper, with the week’s work from all their classes. Mark learners on a class’s page.</p>
          <PaperPack
            id="paper-packs"
            today={schoolDate(me.now)}
            targets={[{ key: 'paper', label: 'Everyone working on paper', url: (week) => `/api/work/paper-pack?week=${week}`, fileName: (week) => `paper-packs-${week}.pdf` }]}
          />
        </section>
      ) : null}
    </>
  );
}

function ClassLinks({ classes }: { classes: WorkClasses['classes'] }) {
  return (
    <ul className="plain work-list">
      {classes.map((c) => (
        <li key={c.id} className="work-item">
          <Link href={`/classes/${c.id}`} className="work-title" aria-label={`${c.name}: work`}>
            {c.name}
          </Link>
          <span className="hint">
            {' '}
            {c.subject} · {c.learners} {c.learners === 1 ? 'learner' : 'learners'}
            {c.teaches ? '' : ` · ${c.siteName}`}
          </span>
        </li>
      ))}
    </ul>
  );
}
