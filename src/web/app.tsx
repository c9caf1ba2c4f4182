import { lazy, Suspense, useEffect } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Route, Switch, useLocation } from 'wouter';
import { api, whenSignedOut } from './api.js';
import { Home } from './home/home.js';
import { ME_KEY, useMe, useSetMe } from './identity/me.js';
import { Profile } from './identity/profile.js';
import { SignIn } from './identity/sign-in.js';
import { Layout, Page } from './shell/layout.js';

// Pages only some roles open are split out, so a learner's first load stays small.
const AuditLog = lazy(() => import('./privacy/audit.js'));
const ManageOrganisation = lazy(() => import('./organisation/manage.js'));
const RosterImport = lazy(() => import('./organisation/roster-import.js'));
const PolicyPage = lazy(() => import('./policy/policy-page.js'));
const WorkPages = lazy(() => import('./work/work-pages.js'));
const LivePages = lazy(() => import('./live/live-pages.js'));

const queryClient = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false, retry: 1 } },
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Shell />
    </QueryClientProvider>
  );
}

function Shell() {
  const me = useMe();
  const setMe = useSetMe();
  const [, navigate] = useLocation();

  useEffect(() => {
    // A session that ends (expired, or signed out on another device) returns to sign-in.
    // Only when someone was signed in: the first /api/me answering 401 is the normal start.
    whenSignedOut(() => {
      if (!queryClient.getQueryData(ME_KEY)) return;
      queryClient.clear();
      setMe(null);
    });
  }, [setMe]);

  async function signOut() {
    try {
      await api('POST', '/api/auth/logout');
    } finally {
      queryClient.clear();
      setMe(null);
      navigate('/');
    }
  }

  if (me.isPending) {
    return (
      <Layout me={null} onSignOut={signOut}>
        <p role="status">Loading…</p>
      </Layout>
    );
  }
  if (me.isError) {
    return (
      <Layout me={null} onSignOut={signOut}>
        <Page title="Continuum is not available">
          <p>We could not reach Continuum just now. Check your connection, then reload the page.</p>
        </Page>
      </Layout>
    );
  }
  if (!me.data) {
    return (
      <Layout me={null} onSignOut={signOut}>
        <SignIn />
      </Layout>
    );
  }
  const person = me.data;
  return (
    <Layout me={person} onSignOut={signOut}>
      <Suspense fallback={<p role="status">Loading…</p>}>
        <Switch>
          <Route path="/">
            <Home me={person} />
          </Route>
          <Route path="/profile">
            <Profile
              me={person}
              onSignedOutEverywhere={() => {
                queryClient.clear();
                setMe(null);
                navigate('/');
              }}
            />
          </Route>
          <Route path="/audit">{person.can.readAudit ? <AuditLog /> : <NotAllowed />}</Route>
          <Route path="/organisation" nest>
            {person.can.manageOrganisation ? <ManageOrganisation /> : <NotAllowed />}
          </Route>
          <Route path="/roster-import" nest>
            {person.can.importRoster ? <RosterImport /> : <NotAllowed />}
          </Route>
          <Route path="/work" nest>
            <WorkPages me={person} />
          </Route>
          <Route path="/live" nest>
            <LivePages me={person} />
          </Route>
          <Route path="/policy" nest>
            {person.can.readPolicy ? <PolicyPage /> : <NotAllowed />}
          </Route>
          <Route>
            <NotFound />
          </Route>
        </Switch>
      </Suspense>
    </Layout>
  );
}

function NotFound() {
  return (
    <Page title="Page not found">
      <p>There is no page at this address. Check it, or go back to your home page.</p>
    </Page>
  );
}

function NotAllowed() {
  return (
    <Page title="You cannot see this page">
      <p>Your role does not include this page. If you think it should, ask your school’s administrator.</p>
    </Page>
  );
}
