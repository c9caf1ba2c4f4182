import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import type { AdminSites, StaffPatternList, WorkingDay } from '../../shared/organisation.js';
import { ROLE_LABELS, type Role } from '../../shared/roles.js';
import { api } from '../api.js';
import { Page } from '../shell/layout.js';
import { ErrorSummary, errorFor, fieldErrorsOf, type FieldError } from '../ui/forms.js';
import { WEEKDAYS } from './dates.js';

type Person = StaffPatternList['staff'][number];

/** Seed staff hours: when each member of a site's staff works, so nothing is expected of them outside it. */
export function StaffPatterns({ siteId }: { siteId: string }) {
  const sites = useQuery({ queryKey: ['admin', 'sites'], queryFn: () => api<AdminSites>('GET', '/api/organisation/sites') });
  const q = useQuery({ queryKey: ['admin', 'staff', siteId], queryFn: () => api<StaffPatternList>('GET', `/api/organisation/sites/${siteId}/staff`) });
  const [editing, setEditing] = useState<string | null>(null);
  const site = sites.data?.sites.find((s) => s.id === siteId);
  return (
    <Page title={`Staff working patterns${site ? `: ${site.name}` : ''}`}>
      <p>
        <Link href="/">Organisation</Link> › Staff working patterns
      </p>
      <p className="lead">
        Part-time staff work some days or hours only. Deadlines, cover and contact are never expected of anyone outside their pattern.
        {site ? ` Without a pattern, a person works the school day (${site.dayStart}–${site.dayEnd}).` : ''}
      </p>
      {q.isPending ? <p role="status">Loading staff…</p> : null}
      {q.isError ? <p className="error-message">{q.error.message}</p> : null}
      {q.data ? (
        <ul className="plain">
          {q.data.staff.map((p) => (
            <li key={p.id} className="picker-row">
              <span>
                <strong>{p.displayName}</strong> <span className="hint">{p.roles.map((r) => ROLE_LABELS[r as Role] ?? r).join(', ')}</span>
                <br />
                {p.days.length ? p.days.map((d) => `${WEEKDAYS[d.weekday]!.slice(0, 3)} ${d.start}–${d.end}`).join(' · ') : 'The full school day'}
              </span>
              <button type="button" className="link-button" aria-expanded={editing === p.id} onClick={() => setEditing(editing === p.id ? null : p.id)}>
                Change<span className="visually-hidden"> the pattern of {p.displayName}</span>
              </button>
              {editing === p.id ? <PatternForm person={p} siteId={siteId} done={() => setEditing(null)} /> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </Page>
  );
}

function PatternForm({ person, siteId, done }: { person: Person; siteId: string; done: () => void }) {
  const client = useQueryClient();
  const [days, setDays] = useState<Record<number, WorkingDay | undefined>>(Object.fromEntries(person.days.map((d) => [d.weekday, d])));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const save = useMutation({
    mutationFn: (body: { days: WorkingDay[] }) => api('PUT', `/api/organisation/staff/${person.id}/hours`, body),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['admin', 'staff', siteId] });
      done();
    },
    onError: (err) => setErrors(fieldErrorsOf(err, (p) => `pattern-${String(p[1] !== undefined ? list()[Number(p[1])]?.weekday : '')}`, 'pattern-1')),
  });
  const list = () => Object.values(days).filter((d): d is WorkingDay => Boolean(d));
  return (
    <form
      className="panel pattern-form"
      aria-label={`Working pattern of ${person.displayName}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ days: list() });
      }}
    >
      <ErrorSummary title="The pattern could not be saved" errors={errors} />
      <p className="hint">Tick the days {person.displayName} works. Leave every day unticked for the full school day.</p>
      {[1, 2, 3, 4, 5].map((weekday) => {
        const d = days[weekday];
        const error = errorFor(errors, `pattern-${weekday}`);
        return (
          <fieldset key={weekday} id={`pattern-${weekday}`} className={error ? 'lesson-row field-error' : 'lesson-row'}>
            <legend className="visually-hidden">{WEEKDAYS[weekday]}</legend>
            {error ? <p className="error-message">{error}</p> : null}
            <label className="checkbox">
              <input type="checkbox" checked={Boolean(d)} onChange={(e) => setDays({ ...days, [weekday]: e.target.checked ? { weekday, start: '08:45', end: '15:15' } : undefined })} /> {WEEKDAYS[weekday]}
            </label>
            {d ? (
              <>
                <div className="field">
                  <label htmlFor={`pattern-${weekday}-start`}>From</label>
                  <input id={`pattern-${weekday}-start`} type="time" value={d.start} onChange={(e) => setDays({ ...days, [weekday]: { ...d, start: e.target.value } })} />
                </div>
                <div className="field">
                  <label htmlFor={`pattern-${weekday}-end`}>Until</label>
                  <input id={`pattern-${weekday}-end`} type="time" value={d.end} onChange={(e) => setDays({ ...days, [weekday]: { ...d, end: e.target.value } })} />
                </div>
              </>
            ) : null}
          </fieldset>
        );
      })}
      <button type="submit" className="button" disabled={save.isPending}>
        Save the pattern
      </button>
    </form>
  );
}
