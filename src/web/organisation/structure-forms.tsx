import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CohortList, NewCohortBody, NewSiteBody } from '../../shared/organisation.js';
import { api } from '../api.js';
import { ErrorSummary, Field, errorFor, fieldErrorsOf, type FieldError } from '../ui/forms.js';

/** R-ORG-1: a new site or centre. */
export function NewSite() {
  const client = useQueryClient();
  const [form, setForm] = useState<NewSiteBody>({ name: '', kind: 'school' });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const add = useMutation({
    mutationFn: () => api('POST', '/api/organisation/sites', form),
    onSuccess: async () => {
      setForm({ name: '', kind: 'school' });
      setErrors([]);
      await client.invalidateQueries({ queryKey: ['admin', 'sites'] });
    },
    onError: (err) => setErrors(fieldErrorsOf(err, () => 'site-name', 'site-name')),
  });
  return (
    <form
      className="panel"
      aria-label="Add a site"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <h2>Add a site</h2>
      <ErrorSummary title="The site could not be added" errors={errors} />
      <Field id="site-name" label="Name" value={form.name} error={errorFor(errors, 'site-name')} onChange={(e) => setForm({ ...form, name: e.target.value })} />
      <div className="field">
        <label htmlFor="site-kind">Kind</label>
        <select id="site-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as NewSiteBody['kind'] })}>
          <option value="school">School</option>
          <option value="centre">Training centre</option>
          <option value="college">College</option>
        </select>
      </div>
      <button type="submit" className="button" disabled={add.isPending}>
        Add the site
      </button>
    </form>
  );
}

const KIND_NAMES = { year_group: 'Year group', study_programme: 'Study programme', apprenticeship_standard: 'Apprenticeship standard' } as const;

/** R-ORG-1: a site's year groups and programmes, and adding one. */
export function Cohorts({ siteId }: { siteId: string }) {
  const client = useQueryClient();
  const q = useQuery({ queryKey: ['admin', 'cohorts', siteId], queryFn: () => api<CohortList>('GET', `/api/organisation/cohorts?siteId=${siteId}`) });
  const empty: NewCohortBody = { siteId, kind: 'year_group', name: '', code: '' };
  const [form, setForm] = useState<NewCohortBody>(empty);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const add = useMutation({
    mutationFn: () => api('POST', '/api/organisation/cohorts', { ...form, code: form.code || null }),
    onSuccess: async () => {
      setForm(empty);
      setErrors([]);
      await client.invalidateQueries({ queryKey: ['admin', 'cohorts', siteId] });
    },
    onError: (err) => setErrors(fieldErrorsOf(err, (p) => (p[0] === 'code' ? 'cohort-code' : 'cohort-name'), 'cohort-name')),
  });
  return (
    <section aria-labelledby="cohorts-title">
      <h2 id="cohorts-title">Year groups and programmes</h2>
      {q.data?.cohorts.length ? (
        <ul className="plain">
          {q.data.cohorts.map((c) => (
            <li key={c.id}>
              {c.name} <span className="hint">{KIND_NAMES[c.kind as keyof typeof KIND_NAMES] ?? c.kind}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>None yet.</p>
      )}
      <form
        className="panel"
        aria-label="Add a year group or programme"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <h3>Add a year group or programme</h3>
        <ErrorSummary title="It could not be added" errors={errors} />
        <div className="field">
          <label htmlFor="cohort-kind">Kind</label>
          <select id="cohort-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as NewCohortBody['kind'] })}>
            {Object.entries(KIND_NAMES).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <Field id="cohort-name" label="Name" hint="For example, Year 12 or Level 3 Engineering" value={form.name} error={errorFor(errors, 'cohort-name')} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        <Field id="cohort-code" label="Code (optional)" hint="The year ('12') or the standard’s reference ('ST0118')" value={form.code ?? ''} error={errorFor(errors, 'cohort-code')} onChange={(e) => setForm({ ...form, code: e.target.value })} />
        <button type="submit" className="button" disabled={add.isPending}>
          Add it
        </button>
      </form>
    </section>
  );
}
