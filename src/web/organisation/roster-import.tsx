import { useRef, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Route, Switch, useLocation } from 'wouter';
import type { RosterImport, RosterImportList } from '../../shared/roster-import.js';
import { api, ApiError } from '../api.js';
import { useMe } from '../identity/me.js';
import { Page } from '../shell/layout.js';
import { ImportView, STATUS_LABELS, totalsText, when } from './roster-import-report.js';

/** R-ORG-3: import the roster from the school's MIS (OneRoster 1.2 CSV), see what it will do, then apply it. */
export default function RosterImportPage() {
  return (
    <Switch>
      <Route path="/">
        <UploadAndList />
      </Route>
      <Route path="/:importId">{(p) => <ImportView importId={p.importId} />}</Route>
    </Switch>
  );
}

/** Sends the files with the browser's upload progress (fetch cannot report it). */
function sendUpload(files: File[], csrfToken: string, onProgress: (share: number) => void): Promise<RosterImport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/roster-imports');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'We could not reach Continuum. Check your connection and try again.'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status === 202) return resolve(body as RosterImport);
      const e = (body as { error?: { code?: string; message?: string } } | null)?.error;
      reject(new ApiError(xhr.status, e?.code ?? 'unknown', e?.message ?? 'Something went wrong.'));
    };
    const only = files[0];
    if (files.length === 1 && only !== undefined && /\.zip$/i.test(only.name)) {
      xhr.setRequestHeader('content-type', 'application/zip');
      xhr.send(only);
    } else {
      const form = new FormData();
      for (const f of files) form.append('files', f, f.name);
      xhr.send(form);
    }
  });
}

function whatIsWrong(files: File[]): string | null {
  if (files.length === 0) return 'Choose the zip file from your MIS, or all of its CSV files.';
  const zips = files.filter((f) => /\.zip$/i.test(f.name));
  if (zips.length > 0 && files.length > 1) return 'Choose one zip file, or the CSV files, but not both.';
  const other = files.find((f) => !/\.(zip|csv)$/i.test(f.name));
  if (other) return `${other.name} is not a zip or CSV file. Choose the files your MIS exported.`;
  if (zips.length === 0 && !files.some((f) => f.name.toLowerCase() === 'manifest.csv')) {
    return 'Include manifest.csv: it tells Continuum which files the export holds.';
  }
  return null;
}

function UploadAndList() {
  const me = useMe();
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const recent = useQuery({ queryKey: ['roster-imports'], queryFn: () => api<RosterImportList>('GET', '/api/roster-imports') });

  async function upload(e: FormEvent) {
    e.preventDefault();
    const files = [...(input.current?.files ?? [])];
    const problem = whatIsWrong(files);
    setError(problem);
    if (problem !== null) {
      input.current?.focus();
      return;
    }
    setSent(0);
    try {
      const started = await sendUpload(files, me.data?.csrfToken ?? '', setSent);
      await qc.invalidateQueries({ queryKey: ['roster-imports'] });
      navigate(`/${started.id}`);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Something went wrong.');
      setSent(null);
      input.current?.focus();
    }
  }

  const percent = sent === null ? null : Math.round(sent * 100);
  return (
    <Page title="Import from your MIS">
      <p className="lead">Bring your school’s people, classes and terms in from your management information system (MIS).</p>
      <p>
        Export a OneRoster 1.2 CSV file set from your MIS: a zip file, or the CSV files it holds. Continuum checks it and shows you
        what it would add, change and end. Nothing changes until you choose <strong>Apply</strong>.
      </p>
      <form onSubmit={(e) => void upload(e)} noValidate className="panel narrow">
        <div className={error ? 'field field-error' : 'field'}>
          <label htmlFor="roster-files">Zip file, or the CSV files</label>
          <div className="hint" id="roster-files-hint">
            Choose one .zip, or every .csv file of the export including manifest.csv.
          </div>
          {error ? (
            <p className="error-message" id="roster-files-error" role="alert">
              <span className="visually-hidden">Error: </span>
              {error}
            </p>
          ) : null}
          <input
            ref={input}
            id="roster-files"
            name="roster-files"
            type="file"
            multiple
            accept=".zip,.csv,application/zip,text/csv"
            aria-describedby={error ? 'roster-files-hint roster-files-error' : 'roster-files-hint'}
            aria-invalid={error ? true : undefined}
            disabled={sent !== null}
          />
        </div>
        {percent !== null ? (
          <div className="field" role="status">
            <label htmlFor="upload-progress">Uploading: {percent}%</label>
            <progress id="upload-progress" max={100} value={percent}>
              {percent}%
            </progress>
          </div>
        ) : null}
        <button type="submit" className="button" disabled={sent !== null}>
          {sent === null ? 'Upload and check' : 'Uploading…'}
        </button>
      </form>

      <h2>Recent imports</h2>
      {recent.isPending ? <p role="status">Loading…</p> : null}
      {recent.isError ? <p className="error-message">{recent.error.message}</p> : null}
      {recent.data && recent.data.imports.length === 0 ? <p>No imports yet.</p> : null}
      {recent.data && recent.data.imports.length > 0 ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Recent imports">
          <table>
            <caption className="visually-hidden">Recent imports, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">By</th>
                <th scope="col">Status</th>
                <th scope="col">Changes</th>
              </tr>
            </thead>
            <tbody>
              {recent.data.imports.map((i) => (
                <tr key={i.id}>
                  <td>
                    <Link href={`/${i.id}`}>{when.format(new Date(i.startedAt))}</Link>
                  </td>
                  <td>{i.startedBy?.displayName ?? 'Command line'}</td>
                  <td>{STATUS_LABELS[i.status]}</td>
                  <td>
                    {i.totals
                      ? totalsText(i.totals, i.status === 'applied')
                      : i.problemCount > 0
                        ? `${i.problemCount} ${i.problemCount === 1 ? 'problem' : 'problems'}`
                        : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}
