import { useEffect, useState, type FormEvent } from 'react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import type { AssignmentCheck, AssignmentDetail, ClassWork, InlineResource, NewAssignment } from '../../shared/work.js';
import { api } from '../api.js';
import { Control, ErrorSummary, Field, errorFor, fieldErrorsOf, type FieldError } from '../ui/forms.js';
import { clockText, dayText } from './format.js';
import { Done, WarningText } from './notices.js';
import { ResourceUpload } from './resources.js';

/** A value that settles: changes only after it has stayed the same for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  const json = JSON.stringify(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(JSON.parse(json) as T), ms);
    return () => clearTimeout(t);
  }, [json, ms]);
  return settled;
}

/** Where a problem the server located goes: ['resources', 1, 'url'] → the second resource. */
const fieldOf = (p: (string | number)[]) => (p[0] === 'resources' ? `set-resources-${String(p[1] ?? 0)}` : `set-${String(p[0] ?? 'title')}`);

/** R-WORK-1, -2: what setting this work would break, shown beside the form before it is set. */
function Warnings({ check, forDate }: { check: AssignmentCheck | undefined; forDate: string }) {
  return (
    <div aria-live="polite" className="check-warnings" id="set-warnings">
      {check?.setBy.late && check.setBy.deadline ? (
        <WarningText>
          Work for {dayText(forDate)} should be set by {clockText(check.setBy.deadline)}. If you set it now, it shows as set late ({check.setBy.minutesLate} minutes late) to you and your
          subject lead.
        </WarningText>
      ) : null}
      {check?.spacing ? (
        <WarningText>
          Deadlines bunch up on {dayText(check.spacing.date)}: {check.spacing.subjects.join(', ')} would all be due that day. The school’s policy asks for no more than{' '}
          {check.spacing.maxSubjectsPerDay} {check.spacing.maxSubjectsPerDay === 1 ? 'subject' : 'subjects'} a day. Consider another day.
        </WarningText>
      ) : null}
    </div>
  );
}

type Draft = Omit<NewAssignment, 'estimatedMinutes'> & { estimatedMinutes: string; who: 'class' | 'chosen' };

/** R-WORK-1, -2, -3: set work for a class (or named learners), warned about lateness and bunching first. */
export function SetWorkForm({ work, today, onSet }: { work: ClassWork; today: string; onSet: () => Promise<unknown> }) {
  const fresh = (keep?: Draft): Draft => ({
    classId: work.class.id,
    title: '',
    instructions: '',
    subject: work.class.subject,
    forDate: keep?.forDate ?? today,
    dueDate: keep?.dueDate ?? today,
    dueTime: keep?.dueTime ?? '15:00',
    estimatedMinutes: keep?.estimatedMinutes ?? '30',
    screenFree: false,
    who: 'class',
    learnerIds: [],
    resources: [],
  });
  const [d, setD] = useState<Draft>(() => fresh());
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [set, setSet] = useState<AssignmentDetail | null>(null);
  const change = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));

  const toBody = (x: Draft): NewAssignment => ({
    classId: x.classId,
    title: x.title,
    instructions: x.instructions,
    subject: x.subject?.trim() || undefined,
    forDate: x.forDate,
    dueDate: x.dueDate,
    dueTime: x.dueTime,
    estimatedMinutes: Number(x.estimatedMinutes),
    screenFree: x.screenFree,
    learnerIds: x.who === 'chosen' ? x.learnerIds : undefined,
    resources: x.resources,
  });

  // Only what decides lateness and bunching is checked; the rest stands in until it is typed.
  const timing = useSettled({ forDate: d.forDate, dueDate: d.dueDate, dueTime: d.dueTime, subject: d.subject, who: d.who, learnerIds: d.learnerIds }, 300);
  const checkable = /^\d{4}-\d{2}-\d{2}$/.test(timing.forDate) && /^\d{4}-\d{2}-\d{2}$/.test(timing.dueDate) && /^\d{2}:\d{2}$/.test(timing.dueTime);
  const check = useQuery({
    queryKey: ['work', 'check', work.class.id, timing],
    queryFn: () =>
      api<AssignmentCheck>('POST', '/api/work/assignments/check', {
        ...toBody({ ...fresh(), ...timing }),
        title: 'Check',
        instructions: 'Check',
        estimatedMinutes: 30,
      }),
    enabled: checkable,
    placeholderData: keepPreviousData,
    retry: false,
  });

  const save = useMutation({
    mutationFn: (body: NewAssignment) => api<AssignmentDetail>('POST', '/api/work/assignments', body),
    onSuccess: async (detail) => {
      setErrors([]);
      setSet(detail);
      setD((x) => fresh(x));
      await onSet();
    },
    onError: (err) => setErrors(fieldErrorsOf(err, fieldOf, 'set-title')),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    setSet(null);
    const problems: FieldError[] = [];
    if (!d.title.trim()) problems.push({ field: 'set-title', message: 'Enter a title for the work.' });
    if (!d.instructions.trim()) problems.push({ field: 'set-instructions', message: 'Enter the instructions: what learners should do.' });
    const minutes = Number(d.estimatedMinutes);
    if (!Number.isInteger(minutes) || minutes < 5 || minutes > 600) problems.push({ field: 'set-estimatedMinutes', message: 'Enter how long it should take, in minutes, between 5 and 600.' });
    if (d.who === 'chosen' && (d.learnerIds ?? []).length === 0) problems.push({ field: 'set-learnerIds', message: 'Choose at least one learner, or set it for the whole class.' });
    setErrors(problems);
    if (problems.length === 0) save.mutate(toBody(d));
  }

  const setResource = (i: number, r: InlineResource) => change({ resources: (d.resources ?? []).map((x, j) => (j === i ? r : x)) });
  const chosen = new Set(d.learnerIds);
  return (
    <section aria-labelledby="set-work-title">
      <h2 id="set-work-title">Set work</h2>
      {work.cover ? <p className="notice">You are setting this as cover: you do not usually teach {work.class.name}.</p> : null}
      {set ? (
        <>
          <Done>
            “{set.assignment.title}” is set. Learners can see it now. <Link href={`/assignments/${set.assignment.id}`}>Open it</Link>
          </Done>
          <ResourceUpload assignmentId={set.assignment.id} onAdded={() => void onSet()} />
        </>
      ) : null}
      <form className="set-work" aria-labelledby="set-work-title" noValidate onSubmit={submit}>
        <ErrorSummary title="The work could not be set" errors={errors} />
        <Field id="set-title" label="Title" value={d.title} onChange={(e) => change({ title: e.target.value })} error={errorFor(errors, 'set-title')} autoComplete="off" />
        <Control id="set-instructions" label="Instructions" hint="What learners should do, step by step, in words a learner at home can follow." error={errorFor(errors, 'set-instructions')}>
          {(a) => <textarea {...a} rows={6} value={d.instructions} onChange={(e) => change({ instructions: e.target.value })} />}
        </Control>
        <Field id="set-subject" label="Subject" hint="The curriculum area it counts towards." value={d.subject ?? ''} onChange={(e) => change({ subject: e.target.value })} error={errorFor(errors, 'set-subject')} />
        <Field
          id="set-forDate"
          label="For the school day"
          hint={work.policy.setBy ? `The school’s policy: set each day’s work by ${work.policy.setBy} that morning.` : undefined}
          type="date" value={d.forDate} onChange={(e) => change({ forDate: e.target.value })} error={errorFor(errors, 'set-forDate')} />
        <div className="inline-fields">
          <Field id="set-dueDate" label="Due date" type="date" value={d.dueDate} onChange={(e) => change({ dueDate: e.target.value })} error={errorFor(errors, 'set-dueDate')} />
          <Field id="set-dueTime" label="Due time" type="time" value={d.dueTime} onChange={(e) => change({ dueTime: e.target.value })} error={errorFor(errors, 'set-dueTime')} />
        </div>
        <Warnings check={check.data} forDate={timing.forDate} />
        <Field
          id="set-estimatedMinutes"
          label="How long it should take (minutes)"
          type="number"
          inputMode="numeric"
          min={5}
          max={600}
          value={d.estimatedMinutes}
          onChange={(e) => change({ estimatedMinutes: e.target.value })}
          error={errorFor(errors, 'set-estimatedMinutes')}
        />
        <fieldset id="set-screenFree">
          <legend>Does it need a screen?</legend>
          <div className="checkboxes">
            <label className="checkbox">
              <input type="radio" name="screen" checked={!d.screenFree} onChange={() => change({ screenFree: false })} /> Yes, on a screen
            </label>
            <label className="checkbox">
              <input type="radio" name="screen" checked={d.screenFree} onChange={() => change({ screenFree: true })} /> No, screen-free
            </label>
          </div>
        </fieldset>
        <fieldset id="set-learnerIds" className={errorFor(errors, 'set-learnerIds') ? 'field-error' : undefined}>
          <legend>Who is it for?</legend>
          {errorFor(errors, 'set-learnerIds') ? <p className="error-message">{errorFor(errors, 'set-learnerIds')}</p> : null}
          <div className="checkboxes">
            <label className="checkbox">
              <input type="radio" name="who" checked={d.who === 'class'} onChange={() => change({ who: 'class' })} /> The whole class
            </label>
            <label className="checkbox">
              <input type="radio" name="who" checked={d.who === 'chosen'} onChange={() => change({ who: 'chosen' })} /> Chosen learners
            </label>
          </div>
          {d.who === 'chosen' ? (
            <ul className="plain checkboxes" aria-label="Learners">
              {work.learners.map((l) => (
                <li key={l.id}>
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={chosen.has(l.id)}
                      onChange={(e) => change({ learnerIds: e.target.checked ? [...chosen, l.id] : [...chosen].filter((x) => x !== l.id) })}
                    />{' '}
                    {l.displayName}
                  </label>
                </li>
              ))}
            </ul>
          ) : null}
        </fieldset>
        <ResourceRows resources={d.resources ?? []} errors={errors} onChange={setResource} onRemove={(i) => change({ resources: (d.resources ?? []).filter((_, j) => j !== i) })} />
        <p className="button-row">
          <button type="button" className="button secondary" onClick={() => change({ resources: [...(d.resources ?? []), { kind: 'link', title: '', url: '' }] })}>
            Add a link
          </button>
          <button type="button" className="button secondary" onClick={() => change({ resources: [...(d.resources ?? []), { kind: 'text', title: '', body: '' }] })}>
            Add some text
          </button>
        </p>
        <p className="hint">Files, videos and recordings are added once the work is set.</p>
        <button type="submit" className="button" disabled={save.isPending}>
          Set the work
        </button>
      </form>
    </section>
  );
}

function ResourceRows({ resources, errors, onChange, onRemove }: { resources: InlineResource[]; errors: FieldError[]; onChange: (i: number, r: InlineResource) => void; onRemove: (i: number) => void }) {
  return (
    <>
      {resources.map((r, i) => {
        const id = `set-resources-${i}`;
        const error = errorFor(errors, id);
        const name = r.kind === 'link' ? 'Link' : 'Text';
        return (
          <fieldset key={i} id={id} className={error ? 'resource-row field-error' : 'resource-row'}>
            <legend>
              {name} {i + 1}
            </legend>
            {error ? <p className="error-message">{error}</p> : null}
            <Field id={`${id}-title`} label="Title" value={r.title} onChange={(e) => onChange(i, { ...r, title: e.target.value })} />
            {r.kind === 'link' ? (
              <Field id={`${id}-url`} label="Web address" type="url" hint="Starting https://" value={r.url} onChange={(e) => onChange(i, { ...r, url: e.target.value })} />
            ) : (
              <Control id={`${id}-body`} label="Text">
                {(a) => <textarea {...a} rows={4} value={r.body} onChange={(e) => onChange(i, { ...r, body: e.target.value })} />}
              </Control>
            )}
            <button type="button" className="link-button" onClick={() => onRemove(i)}>
              Remove {name.toLowerCase()} {i + 1}
            </button>
          </fieldset>
        );
      })}
    </>
  );
}
