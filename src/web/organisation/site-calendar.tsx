import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import type { ClosureBody, SiteCalendarView, SiteHours, TermBody } from '../../shared/organisation.js';
import { api } from '../api.js';
import { Page } from '../shell/layout.js';
import { ErrorSummary, Field, errorFor, fieldErrorsOf, type FieldError } from '../ui/forms.js';
import { WEEKDAYS, dateRange } from './dates.js';
import { Cohorts } from './structure-forms.js';

/** R-ORG-2: one site's school day, terms, closures and bank holidays. */
export function SiteCalendar({ siteId }: { siteId: string }) {
  // null: the school year containing today (the server decides); otherwise the year starting 1 August.
  const [year, setYear] = useState<number | null>(null);
  const range = year === null ? '' : `?from=${year}-08-01&to=${year + 1}-07-31`;
  const q = useQuery({ queryKey: ['admin', 'calendar', siteId, year], queryFn: () => api<SiteCalendarView>('GET', `/api/organisation/sites/${siteId}/calendar${range}`) });
  if (q.isPending) return <p role="status">Loading the calendar…</p>;
  if (q.isError) return <p className="error-message">{q.error.message}</p>;
  const cal = q.data;
  const shown = year ?? Number(cal.from.slice(0, 4));
  return (
    <Page title={`${cal.site.name}: calendar`}>
      <p>
        <Link href="/">Organisation</Link> › {cal.site.name}
      </p>
      <p className="lead">Deadlines, feedback times and staff availability are all worked out from this calendar.</p>
      <HoursForm key={siteId} siteId={siteId} initial={cal.site} />
      <Cohorts siteId={siteId} />
      <nav aria-label="School year" className="year-switch">
        <button type="button" className="link-button" onClick={() => setYear(shown - 1)}>
          Previous year<span className="visually-hidden"> ({shown - 1} to {shown})</span>
        </button>
        <h2 aria-live="polite">
          School year {shown} to {shown + 1}
        </h2>
        <button type="button" className="link-button" onClick={() => setYear(shown + 1)}>
          Next year<span className="visually-hidden"> ({shown + 1} to {shown + 2})</span>
        </button>
      </nav>
      <Terms cal={cal} />
      <Closures cal={cal} />
      <section aria-labelledby="bank-holidays">
        <h3 id="bank-holidays">Bank holidays</h3>
        <p className="hint">England and Wales. The site is closed on these days without anyone entering them.</p>
        <ul className="plain">
          {cal.bankHolidays.map((h) => (
            <li key={h.date}>
              {dateRange(h.date, h.date)}: {h.name}
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}

function useSaved(siteId: string) {
  const client = useQueryClient();
  return () => Promise.all([client.invalidateQueries({ queryKey: ['admin', 'calendar', siteId] }), client.invalidateQueries({ queryKey: ['admin', 'sites'] })]);
}

function HoursForm({ siteId, initial }: { siteId: string; initial: SiteHours }) {
  const [form, setForm] = useState<SiteHours>({ timeZone: initial.timeZone, workingDays: initial.workingDays, dayStart: initial.dayStart, dayEnd: initial.dayEnd });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saved, setSaved] = useState(false);
  const refresh = useSaved(siteId);
  const save = useMutation({
    mutationFn: (body: SiteHours) => api('PUT', `/api/organisation/sites/${siteId}/hours`, body),
    onSuccess: async () => {
      setErrors([]);
      setSaved(true);
      await refresh();
    },
    onError: (err) => setErrors(fieldErrorsOf(err, (p) => String(p[0]), 'timeZone')),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    save.mutate(form);
  }
  const toggle = (day: number) =>
    setForm((f) => ({ ...f, workingDays: f.workingDays.includes(day) ? f.workingDays.filter((d) => d !== day) : [...f.workingDays, day].sort() }));
  return (
    <section aria-labelledby="hours-title" className="panel">
      <h2 id="hours-title">School day</h2>
      <ErrorSummary title="The school day could not be saved" errors={errors} />
      {saved ? (
        <p className="notice" role="status">
          Saved.
        </p>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Field id="timeZone" label="Time zone" hint="Europe/London for every site in England and Wales." value={form.timeZone} error={errorFor(errors, 'timeZone')} onChange={(e) => setForm({ ...form, timeZone: e.target.value })} />
        <fieldset id="workingDays" className={errorFor(errors, 'workingDays') ? 'field field-error' : 'field'}>
          <legend>Working days</legend>
          {errorFor(errors, 'workingDays') ? <p className="error-message">{errorFor(errors, 'workingDays')}</p> : null}
          <div className="checkboxes">
            {[1, 2, 3, 4, 5, 6, 7].map((d) => (
              <label key={d} className="checkbox">
                <input type="checkbox" checked={form.workingDays.includes(d)} onChange={() => toggle(d)} /> {WEEKDAYS[d]}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="filters">
          <Field id="dayStart" label="School day starts" type="time" value={form.dayStart} error={errorFor(errors, 'dayStart')} onChange={(e) => setForm({ ...form, dayStart: e.target.value })} />
          <Field id="dayEnd" label="School day ends" type="time" value={form.dayEnd} error={errorFor(errors, 'dayEnd')} onChange={(e) => setForm({ ...form, dayEnd: e.target.value })} />
        </div>
        <button type="submit" className="button" disabled={save.isPending}>
          Save the school day
        </button>
      </form>
    </section>
  );
}

const emptyTerm: TermBody = { name: '', startDate: '', endDate: '' };

function Terms({ cal }: { cal: SiteCalendarView }) {
  const siteId = cal.site.id;
  const refresh = useSaved(siteId);
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: (termId: string) => api('DELETE', `/api/organisation/terms/${termId}`),
    onSuccess: async () => {
      setConfirming(null);
      await refresh();
    },
  });
  return (
    <section aria-labelledby="terms-title">
      <h3 id="terms-title">Terms</h3>
      {cal.terms.length === 0 ? <p>No terms this school year yet. Add them below, or import them from your MIS.</p> : null}
      {cal.terms.length ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Terms of the year">
          <table>
            <caption className="visually-hidden">Terms of this school year</caption>
            <thead>
              <tr>
                <th scope="col">Term</th>
                <th scope="col">Dates</th>
                <th scope="col">Working days</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {cal.terms.map((t) => (
                <tr key={t.id}>
                  <td>
                    {t.name}
                    {t.fromRoster ? <div className="hint">From your MIS: the next import may change it.</div> : null}
                  </td>
                  <td>{dateRange(t.startDate, t.endDate)}</td>
                  <td>{t.workingDays}</td>
                  <td>
                    <button type="button" className="link-button" onClick={() => setEditing(editing === t.id ? null : t.id)} aria-expanded={editing === t.id}>
                      Change<span className="visually-hidden"> {t.name}</span>
                    </button>{' '}
                    {confirming === t.id ? (
                      <button type="button" className="link-button danger" onClick={() => remove.mutate(t.id)}>
                        Yes, remove {t.name}
                      </button>
                    ) : (
                      <button type="button" className="link-button" onClick={() => setConfirming(t.id)}>
                        Remove<span className="visually-hidden"> {t.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {remove.isError ? <p className="error-message">{remove.error.message}</p> : null}
      {editing ? (
        <TermForm
          key={editing}
          title="Change the term"
          initial={cal.terms.find((t) => t.id === editing)!}
          send={(body) => api('PUT', `/api/organisation/terms/${editing}`, body)}
          done={async () => {
            setEditing(null);
            await refresh();
          }}
        />
      ) : (
        <TermForm title="Add a term" initial={emptyTerm} send={(body) => api('POST', `/api/organisation/sites/${siteId}/terms`, body)} done={refresh} />
      )}
    </section>
  );
}

function TermForm({ title, initial, send, done }: { title: string; initial: TermBody; send: (b: TermBody) => Promise<unknown>; done: () => Promise<unknown> }) {
  const [form, setForm] = useState<TermBody>({ name: initial.name, startDate: initial.startDate, endDate: initial.endDate });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const save = useMutation({
    mutationFn: send,
    onSuccess: async () => {
      setErrors([]);
      setForm(emptyTerm);
      await done();
    },
    onError: (err) => setErrors(fieldErrorsOf(err, (p) => `term-${String(p[0])}`, 'term-name')),
  });
  return (
    <form
      className="panel"
      aria-label={title}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(form);
      }}
    >
      <h4>{title}</h4>
      <ErrorSummary title="The term could not be saved" errors={errors} />
      <Field id="term-name" label="Name" hint="For example, Spring 2027" value={form.name} error={errorFor(errors, 'term-name')} onChange={(e) => setForm({ ...form, name: e.target.value })} />
      <div className="filters">
        <Field id="term-startDate" label="First day" type="date" value={form.startDate} error={errorFor(errors, 'term-startDate')} onChange={(e) => setForm({ ...form, startDate: e.target.value })} />
        <Field id="term-endDate" label="Last day" type="date" value={form.endDate} error={errorFor(errors, 'term-endDate')} onChange={(e) => setForm({ ...form, endDate: e.target.value })} />
      </div>
      <button type="submit" className="button" disabled={save.isPending}>
        {title === 'Add a term' ? 'Add the term' : 'Save the term'}
      </button>
    </form>
  );
}

const emptyClosure: ClosureBody = { startDate: '', endDate: '', reason: '' };

function Closures({ cal }: { cal: SiteCalendarView }) {
  const siteId = cal.site.id;
  const refresh = useSaved(siteId);
  const [form, setForm] = useState<ClosureBody>(emptyClosure);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const add = useMutation({
    mutationFn: (body: ClosureBody) => api('POST', `/api/organisation/sites/${siteId}/closures`, body),
    onSuccess: async () => {
      setErrors([]);
      setForm(emptyClosure);
      await refresh();
    },
    onError: (err) => setErrors(fieldErrorsOf(err, (p) => `closure-${String(p[0])}`, 'closure-reason')),
  });
  const remove = useMutation({ mutationFn: (id: string) => api('DELETE', `/api/organisation/closures/${id}`), onSuccess: refresh });
  return (
    <section aria-labelledby="closures-title">
      <h3 id="closures-title">Closures</h3>
      <p className="hint">INSET days, half terms entered by hand, or days the site is closed (snow, a closure ordered by the head).</p>
      {cal.closures.length ? (
        <ul className="plain">
          {cal.closures.map((c) => (
            <li key={c.id}>
              {dateRange(c.startDate, c.endDate)}: {c.reason}{' '}
              <button type="button" className="link-button" onClick={() => remove.mutate(c.id)}>
                Remove<span className="visually-hidden"> the closure {c.reason}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p>No closures this school year.</p>
      )}
      <form
        className="panel"
        aria-label="Add a closure"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate(form);
        }}
      >
        <h4>Add a closure</h4>
        <ErrorSummary title="The closure could not be added" errors={errors} />
        <Field id="closure-reason" label="Reason" hint="Shown to families and staff, for example INSET day" value={form.reason} error={errorFor(errors, 'closure-reason')} onChange={(e) => setForm({ ...form, reason: e.target.value })} />
        <div className="filters">
          <Field id="closure-startDate" label="First day closed" type="date" value={form.startDate} error={errorFor(errors, 'closure-startDate')} onChange={(e) => setForm({ ...form, startDate: e.target.value })} />
          <Field id="closure-endDate" label="Last day closed" type="date" value={form.endDate} error={errorFor(errors, 'closure-endDate')} onChange={(e) => setForm({ ...form, endDate: e.target.value })} />
        </div>
        <button type="submit" className="button" disabled={add.isPending}>
          Add the closure
        </button>
      </form>
    </section>
  );
}
