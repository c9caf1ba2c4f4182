import { Link, Route, Switch } from 'wouter';
import type { Me } from '../../shared/identity.js';
import { Page } from '../shell/layout.js';
import { schoolDate } from '../work/format.js';
import { LearnerRecordPage } from './learner-record.js';
import { RecordingsPage } from './recordings.js';
import { RegisterPage } from './register.js';
import { SessionPage } from './session.js';
import { SessionsPage } from './sessions.js';
import { LiveTodayPage } from './today.js';

/** R-LIVE-1..9: live lessons, routed at /live (loaded only when someone opens one). */
export default function LivePages({ me }: { me: Me }) {
  return (
    <Switch>
      <Route path="/">
        <LiveTodayPage me={me} />
      </Route>
      <Route path="/sessions">
        <SessionsPage today={schoolDate(me.now)} />
      </Route>
      <Route path="/learners/:learnerId">{(p) => <LearnerRecordPage key={p.learnerId} me={me} learnerId={p.learnerId} />}</Route>
      <Route path="/:sessionId/recordings">{(p) => <RecordingsPage key={p.sessionId} sessionId={p.sessionId} />}</Route>
      <Route path="/:sessionId/register">{(p) => <RegisterPage key={p.sessionId} sessionId={p.sessionId} today={schoolDate(me.now)} />}</Route>
      <Route path="/:sessionId">{(p) => <SessionPage key={p.sessionId} me={me} sessionId={p.sessionId} />}</Route>
      <Route>
        <Page title="Page not found">
          <p>
            There is no such page. Go back to <Link href="/">your live lessons</Link>.
          </p>
        </Page>
      </Route>
    </Switch>
  );
}
