import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'wouter';
import type { AssignmentDetail, ExtensionBody, LearnerProgress, PaperReturnBody } from '../../shared/work.js';
import { api } from '../api.js';
import { Control, ErrorSummary, Field, errorFor, fieldErrorsOf, type FieldError } from '../ui/forms.js';
import { addDays, count, dayText, schoolClock, schoolDate, stateText, whenText } from './format.js';
import { Done } from './notices.js';

/** A form's sending, its located problems (ids `${prefix}-${field}`) and what to say when done. */
function useSend<B>(url: string, prefix: string, onChanged: () => Promise<unknown>) {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (v: { body: B; said: string }) => api<unknown>('POST', url, v.body),
    onSuccess: async (_r, v) => {
      setErrors([]);
      setDone(v.said);
      await onChanged();
    },
    onError: (err) => {
      setDone(null);
      setErrors(fieldErrorsOf(err, (p) => `${prefix}-${String(p[0] ?? 'learner')}`, `${prefix}-learnerId`));
    },
  });
  return { errors, setErrors, done, setDone, send };
}

function LearnerSelect({ id, label, learners, value, onChange, error }: { id: string; label: string; learners: LearnerProgress[]; value: string; onChange: (v: string) => void; error?: string }) {
  return (
    <Control id={id} label={label} error={error}>
      {(a) => (
        <select {...a} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">Choose a learner</option>
          {learners.map((l) => (
            <option key={l.learner.id} value={l.learner.id}>
              {l.learner.displayName}
            </option>
          ))}
        </select>
      )}
    </Control>
  );
}

/** R-WORK-5: staff record work handed in on paper, on the learner's behalf. */
function PaperReturnForm({ assignmentId, learners, onChanged }: { assignmentId: string; learners: LearnerProgress[]; onChanged: () => Promise<unknown> }) {
  const [learnerId, setLearnerId] = useState('');
  const [note, setNote] = useState('');
  const { errors, setErrors, done, setDone, send } = useSend<PaperReturnBody>(`/api/work/assignments/${assignmentId}/paper-returns`, 'paper', onChanged);
  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const who = learners.find((l) => l.learner.id === learnerId);
    if (!who) return setErrors([{ field: 'paper-learnerId', message: 'Choose whose work came back on paper.' }]);
    send.mutate({ body: { learnerId, note: note.trim() || undefined }, said: `${who.learner.displayName}’s work is recorded as returned on paper.` });
    setLearnerId('');
    setNote('');
  }
  return (
    <form className="panel" aria-labelledby="paper-title" noValidate onSubmit={submit}>
      <h3 id="paper-title">Record work returned on paper</h3>
      <ErrorSummary title="The paper return was not recorded" errors={errors} />
      {done ? <Done>{done}</Done> : null}
      {learners.length === 0 ? (
        <p>Everyone has handed this work in.</p>
      ) : (
        <>
          <LearnerSelect id="paper-learnerId" label="Learner" learners={learners} value={learnerId} onChange={setLearnerId} error={errorFor(errors, 'paper-learnerId')} />
          <Field id="paper-note" label="Note (optional)" hint="For example: handed to reception on Thursday." value={note} onChange={(e) => setNote(e.target.value)} error={errorFor(errors, 'paper-note')} />
          <button type="submit" className="button secondary" disabled={send.isPending}>
            Record as returned on paper
          </button>
        </>
      )}
    </form>
  );
}

/** R-WORK-5: a later deadline for one learner. */
function ExtensionForm({ detail, learners, onChanged }: { detail: AssignmentDetail; learners: LearnerProgress[]; onChanged: () => Promise<unknown> }) {
  const [learnerId, setLearnerId] = useState('');
  const [dueDate, setDueDate] = useState(addDays(schoolDate(detail.assignment.dueAt), 1));
  const [dueTime, setDueTime] = useState(schoolClock(detail.assignment.dueAt));
  const [reason, setReason] = useState('');
  const { errors, setErrors, done, setDone, send } = useSend<ExtensionBody>(`/api/work/assignments/${detail.assignment.id}/extensions`, 'extension', onChanged);
  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const who = learners.find((l) => l.learner.id === learnerId);
    const problems: FieldError[] = [];
    if (!who) problems.push({ field: 'extension-learnerId', message: 'Choose who gets more time.' });
    if (!reason.trim()) problems.push({ field: 'extension-reason', message: 'Enter the reason for the extension.' });
    if (!who || problems.length) return setErrors(problems);
    send.mutate({ body: { learnerId, dueDate, dueTime, reason: reason.trim() }, said: `${who.learner.displayName} now has until ${dayText(dueDate)} at ${dueTime}.` });
    setReason('');
  }
  return (
    <form className="panel" aria-labelledby="extension-title" noValidate onSubmit={submit}>
      <h3 id="extension-title">Give an extension</h3>
      <ErrorSummary title="The extension was not given" errors={errors} />
      {done ? <Done>{done}</Done> : null}
      <LearnerSelect id="extension-learnerId" label="Learner" learners={learners} value={learnerId} onChange={setLearnerId} error={errorFor(errors, 'extension-learnerId')} />
      <div className="inline-fields">
        <Field id="extension-dueDate" label="New deadline: day" type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} error={errorFor(errors, 'extension-dueDate')} />
        <Field id="extension-dueTime" label="Time" type="time" value={dueTime} onChange={(e) => setDueTime(e.target.value)} error={errorFor(errors, 'extension-dueTime')} />
      </div>
      <Field id="extension-reason" label="Reason" hint="Only staff see this." value={reason} onChange={(e) => setReason(e.target.value)} error={errorFor(errors, 'extension-reason')} />
      <button type="submit" className="button secondary" disabled={send.isPending}>
        Give the extension
      </button>
    </form>
  );
}

/** R-WORK-5, R-WORK-6: staff see where every learner is with the work, and follow it up. */
export function LearnersProgress({ detail, today, onChanged }: { detail: AssignmentDetail; today: string; onChanged: () => Promise<unknown> }) {
  const learners = detail.learners ?? [];
  const handedIn = learners.filter((l) => l.submissionId !== null);
  const awaiting = learners.filter((l) => l.state === 'handed_in' || l.state === 'handed_in_late');
  return (
    <section aria-labelledby="progress-title">
      <h2 id="progress-title">Learners</h2>
      <p>
        {handedIn.length} of {count(learners.length, 'learner')} handed in; {awaiting.length} waiting for feedback.
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="progress-caption">
        <table>
          <caption id="progress-caption" className="visually-hidden">
            Where each learner is with this work
          </caption>
          <thead>
            <tr>
              <th scope="col">Learner</th>
              <th scope="col">Where they are</th>
              <th scope="col">Handed in</th>
            </tr>
          </thead>
          <tbody>
            {learners.map((l) => (
              <tr key={l.learner.id}>
                <th scope="row">
                  {l.submissionId ? (
                    <Link href={`/submissions/${l.submissionId}`}>
                      <span className="visually-hidden">Open </span>
                      {l.learner.displayName}
                      <span className="visually-hidden">’s work</span>
                    </Link>
                  ) : (
                    l.learner.displayName
                  )}
                  {l.paper ? <span className="hint"> (works on paper)</span> : null}
                </th>
                <td>
                  {stateText(l.state)}
                  {l.extendedTo ? <span className="hint"> · extended to {whenText(l.extendedTo, today)}</span> : null}
                </td>
                <td>{l.submittedAt ? `${whenText(l.submittedAt, today)}${l.channel === 'paper' ? ', on paper' : ''}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {detail.can.mark ? (
        <div className="cards">
          <PaperReturnForm assignmentId={detail.assignment.id} learners={learners.filter((l) => l.submissionId === null)} onChanged={onChanged} />
          <ExtensionForm detail={detail} learners={learners.filter((l) => l.state !== 'feedback_given')} onChanged={onChanged} />
        </div>
      ) : null}
    </section>
  );
}
