import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, Route, Switch } from 'wouter';
import type { PolicyView, SitePolicyView, VersionSummary } from '../../shared/policy-contract.js';
import { api, ApiError } from '../api.js';
import { useMe } from '../identity/me.js';
import { Page } from '../shell/layout.js';
import { Adopt } from './adopt.js';
import { dateOf, versionWhat } from './format.js';
import { Compare, History, PastVersion } from './history.js';
import { RecordReview, ReviewSummary } from './review.js';
import { SectionEditor } from './section-editor.js';
import { ProseSection } from './source.js';
import './policy.css';

/** R-POL-1..3: the remote-learning policy: read it with its sources, edit it, see and compare its versions. */
export default function PolicyPage() {
  return (
    <Switch>
      <Route path="/">
        <CurrentPolicy />
      </Route>
      <Route path="/history">
        <History />
      </Route>
      <Route path="/compare">
        <Compare />
      </Route>
      <Route path="/versions/:version">{(p) => <PastVersion version={Number(p.version)} />}</Route>
      <Route path="/sites/:siteId">{(p) => <SitePolicy siteId={p.siteId} />}</Route>
      <Route>
        <Page title="Page not found">
          <p>
            There is no such page. Go back to <Link href="/">the policy</Link>.
          </p>
        </Page>
      </Route>
    </Switch>
  );
}

function CurrentPolicy() {
  const me = useMe();
  const q = useQuery({ queryKey: ['policy', 'current'], queryFn: () => api<PolicyView>('GET', '/api/policy'), retry: false });
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<VersionSummary | null>(null);
  if (q.isPending) return <p role="status">Loading the policy…</p>;
  if (q.isError) {
    if (q.error instanceof ApiError && q.error.code === 'policy.none') return <Adopt canEdit={me.data?.can.editPolicy ?? false} />;
    return <p className="error-message">{q.error.message}</p>;
  }
  const view = q.data;
  const done = (v: VersionSummary) => {
    setEditing(null);
    setSaved(v);
  };
  return (
    <Page title={view.name}>
      <p className="lead">The remote-learning policy in force. Open “Where this comes from” under any sentence to see the line of the original policy it follows, or who decided it here and why.</p>
      {saved ? (
        <p className="notice" role="status">
          Saved as version {saved.version}. <Link href={`/compare?from=${saved.version - 1}&to=${saved.version}`}>See what changed</Link>
        </p>
      ) : null}
      <dl className="summary-list">
        <div>
          <dt>Version</dt>
          <dd>
            {view.version.version}: {versionWhat(view.version)} by {view.version.by.name} on {dateOf(view.version.createdAt)}. <Link href="/history">Version history and comparisons</Link>
          </dd>
        </div>
        <div>
          <dt>Started from</dt>
          <dd>
            The preset “{view.preset.title}”, which follows seed policy {view.preset.seed}.
          </dd>
        </div>
        <ReviewSummary review={view.review} />
        {view.overrides.length ? (
          <div>
            <dt>Sites’ own values</dt>
            <dd>
              <ul className="plain">
                {view.overrides.map((o) => (
                  <li key={o.site.id}>
                    <Link href={`/sites/${o.site.id}`}>{o.site.name}</Link> sets {o.paths.length} value{o.paths.length === 1 ? '' : 's'} of its own
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
      </dl>
      {view.sections.map((section) => {
        const editor = view.editor?.find((e) => e.key === section.key);
        return (
          <section key={section.key} aria-labelledby={`section-${section.key}`} className="policy-section">
            {editing === section.key && editor ? (
              <>
                <h2 id={`section-${section.key}`}>Edit: {section.title}</h2>
                <SectionEditor view={view} section={editor} onSaved={done} onCancel={() => setEditing(null)} />
              </>
            ) : (
              <>
                <ProseSection section={section} />
                {editor ? (
                  <button
                    type="button"
                    className="button secondary"
                    onClick={() => {
                      setSaved(null);
                      setEditing(section.key);
                    }}
                  >
                    Edit<span className="visually-hidden"> {section.title}</span>
                  </button>
                ) : null}
              </>
            )}
          </section>
        );
      })}
      {view.can.review ? <RecordReview view={view} onSaved={setSaved} /> : null}
    </Page>
  );
}

/** R-POL-1: the policy as one site runs it, its own values marked. */
function SitePolicy({ siteId }: { siteId: string }) {
  const q = useQuery({ queryKey: ['policy', 'site', siteId], queryFn: () => api<SitePolicyView>('GET', `/api/policy/sites/${siteId}`) });
  if (q.isPending) return <p role="status">Loading the policy…</p>;
  if (q.isError) return <p className="error-message">{q.error.message}</p>;
  const v = q.data;
  return (
    <Page title={`The policy at ${v.site.name}`}>
      <p>
        <Link href="/">The policy</Link> › {v.site.name}
      </p>
      <p className="lead">The organisation’s policy (version {v.version.version}) with the values this site sets itself, marked “This site’s own value”.</p>
      {v.sections.map((s) => (
        <section key={s.key} aria-labelledby={`section-${s.key}`}>
          <ProseSection section={s} />
        </section>
      ))}
    </Page>
  );
}
