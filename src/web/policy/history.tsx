import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useSearch } from 'wouter';
import type { ChangeView, Comparison, VersionDetail, VersionList, VersionSummary } from '../../shared/policy-contract.js';
import { api } from '../api.js';
import { Page } from '../shell/layout.js';
import { ProseSection } from './source.js';
import { versionWhat, whenOf } from './format.js';

const Crumbs = ({ here }: { here: string }) => (
  <p>
    <Link href="/">The policy</Link> › {here}
  </p>
);

function Made({ v }: { v: VersionSummary }) {
  return (
    <>
      {versionWhat(v)} by {v.by.name} on {whenOf(v.createdAt)}
    </>
  );
}

/** R-POL-1: every version with who, when and why, and a way to compare any two. */
export function History() {
  const q = useQuery({ queryKey: ['policy', 'versions'], queryFn: () => api<VersionList>('GET', '/api/policy/versions') });
  const [, navigate] = useLocation();
  const versions = q.data?.versions ?? [];
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const latest = versions[0]?.version ?? 1;
  const chosenFrom = from ?? Math.max(1, latest - 1);
  const chosenTo = to ?? latest;
  function compare(e: FormEvent) {
    e.preventDefault();
    navigate(`/compare?from=${chosenFrom}&to=${chosenTo}`);
  }
  return (
    <Page title="Version history">
      <Crumbs here="Version history" />
      <p className="lead">Every change to the policy is kept as a new version, with who made it, when and why.</p>
      {q.isPending ? <p role="status">Loading the versions…</p> : null}
      {q.isError ? <p className="error-message">{q.error.message}</p> : null}
      {versions.length ? (
        <>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Versions of the policy">
            <table>
              <caption className="visually-hidden">Versions of the policy, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">What and when</th>
                  <th scope="col">Why</th>
                  <th scope="col">
                    <span className="visually-hidden">Links</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={v.version}>
                    <td>{v.version}</td>
                    <td>
                      <Made v={v} />
                    </td>
                    <td>{v.why}</td>
                    <td>
                      <ul className="plain">
                        <li>
                          <Link href={`/versions/${v.version}`}>
                            Read<span className="visually-hidden"> version {v.version}</span>
                          </Link>
                        </li>
                        {v.version > 1 ? (
                          <li>
                            <Link href={`/compare?from=${v.version - 1}&to=${v.version}`}>
                              Compare with version {v.version - 1}
                              <span className="visually-hidden"> (changes in version {v.version})</span>
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
          <form onSubmit={compare} aria-label="Compare two versions" className="panel">
            <h2>Compare two versions</h2>
            <div className="filters">
              {(
                [
                  ['compare-from', 'From version', chosenFrom, setFrom],
                  ['compare-to', 'To version', chosenTo, setTo],
                ] as const
              ).map(([id, label, value, set]) => (
                <div className="field" key={id}>
                  <label htmlFor={id}>{label}</label>
                  <select id={id} value={value} onChange={(e) => set(Number(e.target.value))}>
                    {versions.map((v) => (
                      <option key={v.version} value={v.version}>
                        Version {v.version}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
              <button type="submit" className="button secondary">
                Compare
              </button>
            </div>
          </form>
        </>
      ) : null}
    </Page>
  );
}

const WHAT: Record<ChangeView['what'], string> = { value: 'Changed', source: 'New source', added: 'Added', removed: 'Removed' };

function Changes({ changes, label }: { changes: ChangeView[]; label: string }) {
  if (changes.length === 0) return <p>No values changed.</p>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
      <table>
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            <th scope="col">Value</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.path.join('.') + c.what}>
              <td>
                {c.label}
                <div className="hint">{WHAT[c.what]}</div>
              </td>
              <td>{c.beforeText ?? '—'}</td>
              <td>{c.afterText ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** R-POL-1: what changed between two versions, old → new, including sites' own values. */
export function Compare() {
  const params = new URLSearchParams(useSearch());
  const from = Number(params.get('from'));
  const to = Number(params.get('to'));
  const q = useQuery({ queryKey: ['policy', 'compare', from, to], queryFn: () => api<Comparison>('GET', `/api/policy/compare?from=${from}&to=${to}`) });
  const title = `Changes from version ${from} to version ${to}`;
  return (
    <Page title={title}>
      <p>
        <Link href="/">The policy</Link> › <Link href="/history">Version history</Link> › Comparison
      </p>
      {q.isPending ? <p role="status">Comparing…</p> : null}
      {q.isError ? <p className="error-message">{q.error.message}</p> : null}
      {q.data ? (
        <>
          <dl className="summary-list">
            {[q.data.from, q.data.to].map((v) => (
              <div key={v.version}>
                <dt>Version {v.version}</dt>
                <dd>
                  <Made v={v} />. {v.why}
                </dd>
              </div>
            ))}
          </dl>
          <h2>The organisation’s policy</h2>
          <Changes changes={q.data.changes} label="Changes to the policy" />
          {q.data.sites.map((s) => (
            <section key={s.site.id} aria-labelledby={`site-${s.site.id}`}>
              <h2 id={`site-${s.site.id}`}>{s.site.name}’s own values</h2>
              <Changes changes={s.changes} label={`Changes to ${s.site.name}’s own values`} />
            </section>
          ))}
        </>
      ) : null}
    </Page>
  );
}

/** R-POL-1: a past version as it read then. */
export function PastVersion({ version }: { version: number }) {
  const q = useQuery({ queryKey: ['policy', 'version', version], queryFn: () => api<VersionDetail>('GET', `/api/policy/versions/${version}`) });
  return (
    <Page title={`Version ${version} of the policy`}>
      <p>
        <Link href="/">The policy</Link> › <Link href="/history">Version history</Link> › Version {version}
      </p>
      {q.isPending ? <p role="status">Loading the version…</p> : null}
      {q.isError ? <p className="error-message">{q.error.message}</p> : null}
      {q.data ? (
        <>
          <p className="lead">
            <Made v={q.data.summary} />. {q.data.summary.why}
          </p>
          {q.data.sections.map((s) => (
            <section key={s.key} aria-labelledby={`section-${s.key}`}>
              <ProseSection section={s} />
            </section>
          ))}
        </>
      ) : null}
    </Page>
  );
}
