import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import type { ClassDetail, ClassStaffBody, PeopleList, PeriodInput } from '../../shared/organisation.js';
import { api } from '../api.js';
import { Page } from '../shell/layout.js';
import { ErrorSummary, errorFor, fieldErrorsOf, type FieldError } from '../ui/forms.js';
import { WEEKDAYS } from './dates.js';

type StaffRole = 'teacher' | 'teaching_assistant';
const ROLE_NAMES: Record<StaffRole, string> = { teacher: 'Teacher', teaching_assistant: 'Teaching assistant' };

/** R-ORG-1, R-ORG-2: one class: its staff, its learners and its weekly lessons. */
export function ClassAdmin({ classId }: { classId: string }) {
  const key = ['class', classId];
  const q = useQuery({ queryKey: key, queryFn: () => api<ClassDetail>('GET', `/api/classes/${classId}`) });
  if (q.isPending) return <p role="status">Loading the class…</p>;
  if (q.isError) return <p className="error-message">{q.error.message}</p>;
  const c = q.data;
  return (
    <Page title={c.name}>
      <p>
        <Link href="/">Organisation</Link> › <Link href="/classes">Classes</Link> › {c.name}
      </p>
      <dl className="summary-list">
        <div>
          <dt>Subject</dt>
          <dd>{c.subject}</dd>
        </div>
        <div>
          <dt>Site</dt>
          <dd>{c.site.name}</dd>
        </div>
        <div>
          <dt>Year group or programme</dt>
          <dd>{c.cohort?.name ?? 'None'}</dd>
        </div>
        {c.ended ? (
          <div>
            <dt>Status</dt>
            <dd>Ended: kept for its history, not on anyone’s timetable.</dd>
          </div>
        ) : null}
      </dl>
      <Staff detail={c} />
      <Learners detail={c} />
      <Lessons key={c.id} detail={c} />
      {!c.ended ? <EndClass detail={c} /> : null}
    </Page>
  );
}

function useRefresh(classId: string) {
  const client = useQueryClient();
  return () => Promise.all([client.invalidateQueries({ queryKey: ['class', classId] }), client.invalidateQueries({ queryKey: ['admin', 'classes'] })]);
}

/** A search box that offers people of the class's site, with an action button for each. */
export function PersonPicker({ id, label, kind, siteId, exclude, actions }: { id: string; label: string; kind: 'learner' | 'staff' | 'guardian' | 'employer'; siteId?: string; exclude: string[]; actions: { label: string; run: (personId: string, name: string) => void }[] }) {
  const [text, setText] = useState('');
  const [search, setSearch] = useState<string | null>(null);
  const found = useQuery({
    queryKey: ['admin', 'people', kind, siteId, search],
    queryFn: () => api<PeopleList>('GET', `/api/organisation/people?kind=${kind}${siteId ? `&siteId=${siteId}` : ''}&q=${encodeURIComponent(search ?? '')}`),
    enabled: search !== null,
  });
  const people = found.data?.people.filter((p) => !exclude.includes(p.id)) ?? [];
  return (
    <div className="panel">
      <form
        className="filters"
        role="search"
        aria-label={label}
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(text.trim());
        }}
      >
        <div className="field">
          <label htmlFor={id}>{label}</label>
          <input id={id} type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="submit" className="button secondary">
          Search
        </button>
      </form>
      {search !== null && found.data ? (
        people.length ? (
          <ul className="plain" aria-label="People found">
            {people.map((p) => (
              <li key={p.id} className="picker-row">
                <span>
                  {p.displayName}
                  {p.email ? <span className="hint"> {p.email}</span> : null}
                </span>
                {actions.map((a) => (
                  <button key={a.label} type="button" className="link-button" onClick={() => a.run(p.id, p.displayName)}>
                    {a.label}
                    <span className="visually-hidden"> {p.displayName}</span>
                  </button>
                ))}
              </li>
            ))}
          </ul>
        ) : (
          <p role="status">Nobody found{search ? ` for “${search}”` : ''}.</p>
        )
      ) : null}
    </div>
  );
}

function Staff({ detail }: { detail: ClassDetail }) {
  const refresh = useRefresh(detail.id);
  const [message, setMessage] = useState('');
  const save = useMutation({
    mutationFn: (staff: ClassStaffBody['staff']) => api('PUT', `/api/organisation/classes/${detail.id}/staff`, { staff }),
    onSuccess: refresh,
  });
  const current = detail.staff.map((s) => ({ personId: s.id, role: s.role }));
  const change = (next: ClassStaffBody['staff'], said: string) => {
    setMessage(said);
    save.mutate(next);
  };
  return (
    <section aria-labelledby="staff-title">
      <h2 id="staff-title">Staff</h2>
      {detail.staff.length === 0 ? <p>Nobody teaches this class yet.</p> : null}
      <ul className="plain">
        {detail.staff.map((s) => (
          <li key={s.id} className="picker-row">
            <span>
              {s.displayName} <span className="hint">{ROLE_NAMES[s.role]}</span>
            </span>
            <button type="button" className="link-button" onClick={() => change(current.filter((x) => x.personId !== s.id), `${s.displayName} no longer teaches ${detail.name}.`)}>
              Remove<span className="visually-hidden"> {s.displayName}</span>
            </button>
          </li>
        ))}
      </ul>
      {save.isError ? (
        <p className="error-message" role="alert">
          {save.error.message}
        </p>
      ) : save.isSuccess && message ? (
        <p className="notice" role="status">
          {message}
        </p>
      ) : null}
      {!detail.ended ? (
        <PersonPicker
          id="staff-search"
          label="Find a member of staff"
          kind="staff"
          siteId={detail.site.id}
          exclude={detail.staff.map((s) => s.id)}
          actions={(['teacher', 'teaching_assistant'] as const).map((role) => ({
            label: role === 'teacher' ? 'Add as teacher' : 'Add as teaching assistant',
            run: (personId, name) => change([...current, { personId, role }], `${name} added as ${ROLE_NAMES[role].toLowerCase()}.`),
          }))}
        />
      ) : null}
    </section>
  );
}

function Learners({ detail }: { detail: ClassDetail }) {
  const refresh = useRefresh(detail.id);
  const [message, setMessage] = useState('');
  const enrol = useMutation({
    mutationFn: (v: { learnerId: string; name: string }) => api('POST', `/api/organisation/classes/${detail.id}/enrolments`, { learnerIds: [v.learnerId] }),
    onSuccess: async (_r, v) => {
      setMessage(`${v.name} joins ${detail.name} from today.`);
      await refresh();
    },
  });
  const end = useMutation({
    mutationFn: (v: { learnerId: string; name: string }) => api('POST', `/api/organisation/classes/${detail.id}/enrolments/${v.learnerId}/end`, {}),
    onSuccess: async (_r, v) => {
      setMessage(`${v.name} leaves ${detail.name} at the end of today.`);
      await refresh();
    },
  });
  const failed = enrol.error ?? end.error;
  return (
    <section aria-labelledby="learners-title">
      <h2 id="learners-title">Learners ({detail.learners.length})</h2>
      {failed ? (
        <p className="error-message" role="alert">
          {failed.message}
        </p>
      ) : message ? (
        <p className="notice" role="status">
          {message}
        </p>
      ) : null}
      {detail.learners.length ? (
        <ul className="plain columns">
          {detail.learners.map((l) => (
            <li key={l.id} className="picker-row">
              <span>
                <Link href={`/learners/${l.id}`}>{l.displayName}</Link>
              </span>
              <button type="button" className="link-button" onClick={() => end.mutate({ learnerId: l.id, name: l.displayName })}>
                End enrolment<span className="visually-hidden"> of {l.displayName}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p>No learners are enrolled.</p>
      )}
      {!detail.ended ? (
        <PersonPicker
          id="learner-search"
          label="Find a learner to enrol"
          kind="learner"
          siteId={detail.site.id}
          exclude={detail.learners.map((l) => l.id)}
          actions={[{ label: 'Enrol', run: (learnerId, name) => enrol.mutate({ learnerId, name }) }]}
        />
      ) : null}
    </section>
  );
}

function Lessons({ detail }: { detail: ClassDetail }) {
  const refresh = useRefresh(detail.id);
  const [rows, setRows] = useState<PeriodInput[]>(detail.periods.map((p) => ({ weekday: p.weekday, start: p.start, end: p.end, room: p.room, week: p.week })));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (periods: PeriodInput[]) => api('PUT', `/api/organisation/classes/${detail.id}/periods`, { periods }),
    onSuccess: async () => {
      setErrors([]);
      setSaved(true);
      await refresh();
    },
    // Problems point at ['periods', row, field?]: shown beside the row.
    onError: (err) => setErrors(fieldErrorsOf(err, (p) => (p[0] === 'periods' && typeof p[1] === 'number' ? `lesson-${p[1]}` : 'lessons-add'), 'lessons-add')),
  });
  const set = (i: number, patch: Partial<PeriodInput>) => {
    setSaved(false);
    setRows((r) => r.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  };
  return (
    <section aria-labelledby="lessons-title">
      <h2 id="lessons-title">Weekly lessons</h2>
      <ErrorSummary title="The lessons could not be saved" errors={errors} />
      {saved ? (
        <p className="notice" role="status">
          Lessons saved. Learners and staff see them on their timetables.
        </p>
      ) : null}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(rows.map((r) => ({ ...r, room: r.room || null, week: r.week || null })));
        }}
      >
        {rows.length === 0 ? <p>No lessons yet.</p> : null}
        {rows.map((r, i) => {
          const error = errorFor(errors, `lesson-${i}`);
          return (
            <fieldset key={i} id={`lesson-${i}`} className={error ? 'lesson-row field-error' : 'lesson-row'}>
              <legend>Lesson {i + 1}</legend>
              {error ? <p className="error-message">{error}</p> : null}
              <div className="field">
                <label htmlFor={`lesson-${i}-day`}>Day</label>
                <select id={`lesson-${i}-day`} value={r.weekday} onChange={(e) => set(i, { weekday: Number(e.target.value) })}>
                  {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                    <option key={d} value={d}>
                      {WEEKDAYS[d]}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`lesson-${i}-start`}>Starts</label>
                <input id={`lesson-${i}-start`} type="time" value={r.start} onChange={(e) => set(i, { start: e.target.value })} />
              </div>
              <div className="field">
                <label htmlFor={`lesson-${i}-end`}>Ends</label>
                <input id={`lesson-${i}-end`} type="time" value={r.end} onChange={(e) => set(i, { end: e.target.value })} />
              </div>
              <div className="field">
                <label htmlFor={`lesson-${i}-room`}>Room</label>
                <input id={`lesson-${i}-room`} value={r.room ?? ''} onChange={(e) => set(i, { room: e.target.value })} />
              </div>
              <div className="field">
                <label htmlFor={`lesson-${i}-week`}>Week</label>
                <select id={`lesson-${i}-week`} value={r.week ?? ''} onChange={(e) => set(i, { week: e.target.value === 'A' || e.target.value === 'B' ? e.target.value : null })}>
                  <option value="">Every week</option>
                  <option value="A">Week A</option>
                  <option value="B">Week B</option>
                </select>
              </div>
              <button type="button" className="link-button" onClick={() => setRows((all) => all.filter((_, j) => j !== i))}>
                Remove lesson {i + 1}
              </button>
            </fieldset>
          );
        })}
        <p id="lessons-add">
          <button type="button" className="button secondary" onClick={() => setRows((r) => [...r, { weekday: 1, start: '09:00', end: '10:00', room: null, week: null }])}>
            Add a lesson
          </button>
        </p>
        <button type="submit" className="button" disabled={save.isPending}>
          Save the lessons
        </button>
      </form>
    </section>
  );
}

function EndClass({ detail }: { detail: ClassDetail }) {
  const refresh = useRefresh(detail.id);
  const [confirming, setConfirming] = useState(false);
  const end = useMutation({ mutationFn: () => api('POST', `/api/organisation/classes/${detail.id}/end`), onSuccess: refresh });
  return (
    <section aria-labelledby="end-title" className="panel">
      <h2 id="end-title">End this class</h2>
      <p>The class leaves every timetable and class list. Its record, enrolments and work are kept.</p>
      {confirming ? (
        <button type="button" className="button danger" onClick={() => end.mutate()} disabled={end.isPending}>
          Yes, end {detail.name}
        </button>
      ) : (
        <button type="button" className="button secondary" onClick={() => setConfirming(true)}>
          End the class
        </button>
      )}
      {end.isError ? <p className="error-message">{end.error.message}</p> : null}
    </section>
  );
}
