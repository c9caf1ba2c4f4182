import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'wouter';
import type { AdminClassList, AdminSites, CohortList, NewClassBody } from '../../shared/organisation.js';
import { api } from '../api.js';
import { Page } from '../shell/layout.js';
import { ErrorSummary, Field, errorFor, fieldErrorsOf, type FieldError } from '../ui/forms.js';

/** R-ORG-1: every class of the organisation, by site, and adding a new one. */
export function ClassesAdmin() {
  const sites = useQuery({ queryKey: ['admin', 'sites'], queryFn: () => api<AdminSites>('GET', '/api/organisation/sites') });
  const [filters, setFilters] = useState({ siteId: '', q: '', includeEnded: false });
  const [draft, setDraft] = useState(filters);
  const list = useQuery({
    queryKey: ['admin', 'classes', filters],
    queryFn: () => {
      const p = new URLSearchParams();
      if (filters.siteId) p.set('siteId', filters.siteId);
      if (filters.q) p.set('q', filters.q);
      if (filters.includeEnded) p.set('includeEnded', 'true');
      return api<AdminClassList>('GET', `/api/organisation/classes?${p}`);
    },
  });
  function apply(e: FormEvent) {
    e.preventDefault();
    setFilters(draft);
  }
  return (
    <Page title="Classes and timetables">
      <p>
        <Link href="/">Organisation</Link> › Classes
      </p>
      <form onSubmit={apply} className="filters" aria-label="Find classes">
        <div className="field">
          <label htmlFor="site-filter">Site</label>
          <select id="site-filter" value={draft.siteId} onChange={(e) => setDraft({ ...draft, siteId: e.target.value })}>
            <option value="">Every site</option>
            {sites.data?.sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="class-search">Class or subject</label>
          <input id="class-search" type="search" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
        </div>
        <div className="field">
          <label className="checkbox">
            <input type="checkbox" checked={draft.includeEnded} onChange={(e) => setDraft({ ...draft, includeEnded: e.target.checked })} /> Include ended classes
          </label>
        </div>
        <button type="submit" className="button secondary">
          Show classes
        </button>
      </form>
      {list.isPending ? <p role="status">Loading classes…</p> : null}
      {list.isError ? <p className="error-message">{list.error.message}</p> : null}
      {list.data ? (
        <>
          <p role="status">
            {list.data.total === 0 ? 'No classes match.' : list.data.total > list.data.classes.length ? `Showing the first ${list.data.classes.length} of ${list.data.total} classes.` : `${list.data.total} classes.`}
          </p>
          {list.data.classes.length ? (
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Classes">
              <table>
                <caption className="visually-hidden">Classes</caption>
                <thead>
                  <tr>
                    <th scope="col">Class</th>
                    <th scope="col">Subject</th>
                    <th scope="col">Site</th>
                    <th scope="col">Teachers</th>
                    <th scope="col">Learners</th>
                    <th scope="col">Lessons a week</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.classes.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <Link href={`/classes/${c.id}`}>{c.name}</Link>
                        {c.kind === 'homeroom' ? <div className="hint">Tutor group</div> : null}
                        {c.ended ? <div className="hint">Ended</div> : null}
                      </td>
                      <td>{c.subject}</td>
                      <td>{c.site.name}</td>
                      <td>{c.teachers.join(', ') || 'None yet'}</td>
                      <td>{c.learners}</td>
                      <td>{c.periods}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      ) : null}
      {sites.data ? <NewClass sites={sites.data} /> : null}
    </Page>
  );
}

function NewClass({ sites }: { sites: AdminSites }) {
  const [, navigate] = useLocation();
  const [form, setForm] = useState<NewClassBody>({ siteId: sites.sites[0]?.id ?? '', name: '', subject: '', kind: 'scheduled', cohortId: null });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const cohorts = useQuery({
    queryKey: ['admin', 'cohorts', form.siteId],
    queryFn: () => api<CohortList>('GET', `/api/organisation/cohorts?siteId=${form.siteId}`),
    enabled: Boolean(form.siteId),
  });
  const add = useMutation({
    mutationFn: (body: NewClassBody) => api<{ id: string }>('POST', '/api/organisation/classes', body),
    onSuccess: (created) => navigate(`/classes/${created.id}`),
    onError: (err) => setErrors(fieldErrorsOf(err, (p) => `new-${String(p[0])}`, 'new-name')),
  });
  return (
    <section aria-labelledby="new-class-title" className="panel">
      <h2 id="new-class-title">Add a class</h2>
      <p className="hint">Classes from your MIS arrive with the roster import; add one here when it is not in the MIS (a catch-up group, an intervention).</p>
      <ErrorSummary title="The class could not be added" errors={errors} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate(form);
        }}
      >
        <div className="field">
          <label htmlFor="new-siteId">Site</label>
          <select id="new-siteId" value={form.siteId} onChange={(e) => setForm({ ...form, siteId: e.target.value, cohortId: null })}>
            {sites.sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <Field id="new-name" label="Class name" hint="For example, 9C Computing" value={form.name} error={errorFor(errors, 'new-name')} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        <Field id="new-subject" label="Subject" value={form.subject} error={errorFor(errors, 'new-subject')} onChange={(e) => setForm({ ...form, subject: e.target.value })} />
        <div className="field">
          <label htmlFor="new-kind">Kind</label>
          <select id="new-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value === 'homeroom' ? 'homeroom' : 'scheduled' })}>
            <option value="scheduled">A taught class</option>
            <option value="homeroom">A tutor group</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="new-cohortId">Year group or programme</label>
          <select id="new-cohortId" value={form.cohortId ?? ''} onChange={(e) => setForm({ ...form, cohortId: e.target.value || null })}>
            <option value="">None</option>
            {cohorts.data?.cohorts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={add.isPending}>
          Add the class
        </button>
      </form>
    </section>
  );
}
