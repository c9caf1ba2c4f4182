import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import type { RosterExample, RosterImport, RosterImportStatus, RosterKindReport, RosterProgress } from '../../shared/roster-import.js';
import { api, ApiError } from '../api.js';
import { Page } from '../shell/layout.js';

export const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' });
const count = new Intl.NumberFormat('en-GB');

export const STATUS_LABELS: Record<RosterImportStatus, string> = {
  reading: 'Being checked',
  previewed: 'Ready to apply',
  applied: 'Applied',
  failed: 'Has problems',
  discarded: 'Discarded',
};

const FIELD_LABELS: Record<string, string> = {
  sourcedId: 'MIS identifier',
  givenName: 'first name',
  familyName: 'last name',
  email: 'email',
  birthDate: 'date of birth',
  left: 'left the school',
  name: 'name',
  subject: 'subject',
  kind: 'kind',
  school: 'school',
  yearGroup: 'year group',
  ended: 'ended',
  startDate: 'start date',
  endDate: 'end date',
  role: 'role',
  isPrimary: 'main teacher',
};

/** "1,234 to add" before applying, "1,234 added" after. */
export function totalsText(t: { added: number; changed: number; ended: number }, applied: boolean): string {
  return applied
    ? `${count.format(t.added)} added, ${count.format(t.changed)} changed, ${count.format(t.ended)} ended`
    : `${count.format(t.added)} to add, ${count.format(t.changed)} to change, ${count.format(t.ended)} to end`;
}

function ProgressBar({ progress }: { progress: RosterProgress | null }) {
  const share = progress && progress.totalBytes > 0 ? Math.round((100 * progress.bytesRead) / progress.totalBytes) : null;
  const text =
    progress === null
      ? 'Starting…'
      : progress.phase === 'comparing'
        ? `Comparing ${count.format(progress.rows)} rows with Continuum’s records…`
        : `Reading ${progress.file ?? 'the files'}: ${count.format(progress.rows)} rows${share === null ? '' : ` (${share}%)`}`;
  return (
    <div className="field" role="status">
      <label htmlFor="read-progress">{text}</label>
      {share === null ? <progress id="read-progress" /> : <progress id="read-progress" max={100} value={share}>{share}%</progress>}
    </div>
  );
}

function Examples({ title, list, total }: { title: string; list: RosterExample[]; total: number }) {
  if (list.length === 0) return null;
  return (
    <>
      <h3>
        {title} ({total > list.length ? `the first ${list.length} of ${count.format(total)}` : count.format(total)})
      </h3>
      <ul>
        {list.map((e) => (
          <li key={e.key}>
            {e.label}
            {e.changes && e.changes.length > 0 ? (
              <ul>
                {e.changes.map((c) => (
                  <li key={c.field}>
                    {c.from === null && c.to === null
                      ? `${FIELD_LABELS[c.field] ?? c.field} changed`
                      : `${FIELD_LABELS[c.field] ?? c.field}: ${c.from ?? '(blank)'} → ${c.to ?? '(blank)'}`}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

function KindDetails({ kind, applied }: { kind: RosterKindReport; applied: boolean }) {
  if (kind.added + kind.changed + kind.ended === 0) return null;
  return (
    <details>
      <summary>
        {kind.label}: {totalsText(kind, applied)}
      </summary>
      <Examples title={applied ? 'Added' : 'To add'} list={kind.examples.added} total={kind.added} />
      <Examples title={applied ? 'Changed' : 'To change'} list={kind.examples.changed} total={kind.changed} />
      <Examples title={applied ? 'Ended' : 'To end'} list={kind.examples.ended} total={kind.ended} />
    </details>
  );
}

function Report({ result }: { result: RosterImport }) {
  const report = result.report;
  if (report === null) return null;
  const applied = result.status === 'applied';
  const nothing = report.kinds.every((k) => k.added + k.changed + k.ended === 0);
  return (
    <section aria-labelledby="report-title">
      <h2 id="report-title">{applied ? 'What the import did' : 'What the import will do'}</h2>
      <p className="hint">
        Files: {report.files.map((f) => `${f.name} (${f.mode === 'bulk' ? 'everything' : 'changes only'})`).join(', ')}
        {report.source.systemName ? `, from ${report.source.systemName}` : ''}.
      </p>
      {nothing ? <p className="notice">Continuum already matches this export: there is nothing to add, change or end.</p> : null}
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Changes by kind">
        <table>
          <caption className="visually-hidden">Changes by kind of record</caption>
          <thead>
            <tr>
              <th scope="col">Records</th>
              <th scope="col">{applied ? 'Added' : 'To add'}</th>
              <th scope="col">{applied ? 'Changed' : 'To change'}</th>
              <th scope="col">{applied ? 'Ended' : 'To end'}</th>
              <th scope="col">Unchanged</th>
            </tr>
          </thead>
          <tbody>
            {report.kinds.map((k) => (
              <tr key={k.kind}>
                <th scope="row">{k.label}</th>
                <td>{count.format(k.added)}</td>
                <td>{count.format(k.changed)}</td>
                <td>{count.format(k.ended)}</td>
                <td>{count.format(k.unchanged)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.kinds.map((k) => (
        <KindDetails key={k.kind} kind={k} applied={applied} />
      ))}
      {report.notes.length > 0 ? (
        <>
          <h3>Good to know</h3>
          <ul>
            {report.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function Problems({ result }: { result: RosterImport }) {
  if (result.problems.length === 0) return null;
  return (
    <section aria-labelledby="problems-title">
      <h2 id="problems-title">
        {count.format(result.problemCount)} {result.problemCount === 1 ? 'problem' : 'problems'} to fix in the export
      </h2>
      <p>Nothing was written. Fix these in your MIS (or in the files), export again and upload the new files.</p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Problems">
        <table>
          <caption className="visually-hidden">Problems, row by row</caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Line</th>
              <th scope="col">Field</th>
              <th scope="col">What is wrong</th>
            </tr>
          </thead>
          <tbody>
            {result.problems.map((p, i) => (
              <tr key={`${p.file}:${p.line}:${p.field}:${i}`}>
                <td>{p.file || '—'}</td>
                <td>{p.line ?? '—'}</td>
                <td>{p.field ?? '—'}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** One import: its progress while it is read, then what it will do (or its problems), with Apply and Discard. */
export function ImportView({ importId }: { importId: string }) {
  const qc = useQueryClient();
  const key = ['roster-imports', importId];
  const q = useQuery({
    queryKey: key,
    queryFn: () => api<RosterImport>('GET', `/api/roster-imports/${importId}`),
    refetchInterval: (query) => (query.state.data?.status === 'reading' ? 500 : false),
  });
  const [busy, setBusy] = useState<'apply' | 'discard' | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  async function act(action: 'apply' | 'discard') {
    setBusy(action);
    setMessage(null);
    try {
      const result = await api<RosterImport>('POST', `/api/roster-imports/${importId}/${action}`);
      qc.setQueryData(key, result);
      setMessage({ text: action === 'apply' ? 'Applied. Continuum now matches your MIS export.' : 'Discarded. Nothing from these files was written.', error: false });
    } catch (e) {
      setMessage({ text: e instanceof Error ? e.message : 'Something went wrong.', error: true });
      if (e instanceof ApiError && e.status === 409) await qc.invalidateQueries({ queryKey: key });
    } finally {
      setBusy(null);
      await qc.invalidateQueries({ queryKey: ['roster-imports'], exact: true });
    }
  }

  const result = q.data;
  return (
    <Page title="Roster import">
      <p>
        <Link href="/">All imports</Link>
      </p>
      {q.isPending ? <p role="status">Loading…</p> : null}
      {q.isError ? <p className="error-message">{q.error.message}</p> : null}
      {result ? (
        <>
          <dl className="summary-list">
            <div>
              <dt>Status</dt>
              <dd>{STATUS_LABELS[result.status]}</dd>
            </div>
            <div>
              <dt>Uploaded</dt>
              <dd>
                {when.format(new Date(result.startedAt))} by {result.startedBy?.displayName ?? 'the command line'}
              </dd>
            </div>
            {result.appliedAt ? (
              <div>
                <dt>Applied</dt>
                <dd>{when.format(new Date(result.appliedAt))}</dd>
              </div>
            ) : null}
            {result.rows > 0 ? (
              <div>
                <dt>Rows read</dt>
                <dd>{count.format(result.rows)}</dd>
              </div>
            ) : null}
          </dl>
          {result.status === 'reading' ? <ProgressBar progress={result.progress} /> : null}
          {result.message ? (
            <p className="error-message" role="alert">
              {result.message}
            </p>
          ) : null}
          <Problems result={result} />
          <Report result={result} />
          {result.can.apply ? <p>Nothing changes until you apply. If these are not the changes you expect, discard this import and check the export.</p> : null}
          <div role="status">
            {message ? <p className={message.error ? 'error-message' : 'notice'}>{message.text}</p> : null}
            {busy === 'apply' ? <p>Applying… a large school can take a minute.</p> : null}
          </div>
          {result.can.apply || result.can.discard ? (
            <p className="role-switch">
              {result.can.apply ? (
                <button type="button" className="button" onClick={() => void act('apply')} disabled={busy !== null}>
                  Apply these changes
                </button>
              ) : null}
              {result.can.discard ? (
                <button type="button" className="button secondary" onClick={() => void act('discard')} disabled={busy !== null}>
                  Discard
                </button>
              ) : null}
            </p>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
