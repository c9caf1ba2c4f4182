import { useState, type FormEvent } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { AuditPage } from '../../shared/audit.js';
import { api } from '../api.js';
import { Page } from '../shell/layout.js';

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/London' });

/** The audit log, read-only, filtered by person and by record (issue 3 part 5). */
export default function AuditLog() {
  const [filters, setFilters] = useState({ actorId: '', subjectId: '', action: '' });
  const [draft, setDraft] = useState(filters);
  const query = useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: '',
    queryFn: ({ pageParam }) => {
      const q = new URLSearchParams({ limit: '50' });
      if (filters.actorId) q.set('actorId', filters.actorId);
      if (filters.subjectId) q.set('subjectId', filters.subjectId);
      if (filters.action) q.set('action', filters.action);
      if (pageParam) q.set('before', pageParam);
      return api<AuditPage>('GET', `/api/audit?${q}`);
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const entries = query.data?.pages.flatMap((p) => p.entries) ?? [];

  function apply(e: FormEvent) {
    e.preventDefault();
    setFilters(draft);
  }

  return (
    <Page title="Audit log">
      <p>Every change, and every look at sensitive information, newest first. Entries cannot be changed or removed.</p>
      <form onSubmit={apply} className="filters" aria-label="Filter the audit log">
        <div className="field">
          <label htmlFor="actorId">Person (who did it)</label>
          <input id="actorId" value={draft.actorId} onChange={(e) => setDraft({ ...draft, actorId: e.target.value.trim() })} placeholder="Person ID" />
        </div>
        <div className="field">
          <label htmlFor="subjectId">Record (what it was about)</label>
          <input id="subjectId" value={draft.subjectId} onChange={(e) => setDraft({ ...draft, subjectId: e.target.value.trim() })} placeholder="Record ID" />
        </div>
        <div className="field">
          <label htmlFor="action">Action starts with</label>
          <input id="action" value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value.trim() })} placeholder="e.g. identity.session" />
        </div>
        <button type="submit" className="button">
          Show entries
        </button>
      </form>
      {query.isError ? (
        <p className="error-message" role="alert">
          {query.error.message}
        </p>
      ) : null}
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Audit entries">
        <table>
          <caption className="visually-hidden">Audit entries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Record</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{when.format(new Date(e.at))}</td>
                <td>
                  {e.actor ? (
                    <button type="button" className="link-button" onClick={() => { const f = { actorId: e.actor!.id, subjectId: '', action: '' }; setDraft(f); setFilters(f); }}>
                      {e.actor.displayName}
                    </button>
                  ) : (
                    'System'
                  )}
                </td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  {e.subjectId ? (
                    <button type="button" className="link-button" onClick={() => { const f = { actorId: '', subjectId: e.subjectId!, action: '' }; setDraft(f); setFilters(f); }}>
                      {e.subjectType ?? 'record'} {e.subjectId.slice(0, 8)}
                    </button>
                  ) : (
                    '—'
                  )}
                </td>
                <td>{e.ip ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {query.isPending ? <p role="status">Loading…</p> : null}
      {!query.isPending && entries.length === 0 ? <p>No entries match.</p> : null}
      {query.hasNextPage ? (
        <button type="button" className="button secondary" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {query.isFetchingNextPage ? 'Loading…' : 'Older entries'}
        </button>
      ) : null}
    </Page>
  );
}
