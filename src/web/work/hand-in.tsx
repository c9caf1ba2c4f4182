import { useState, type ChangeEvent, type FormEvent } from 'react';
import type { SubmissionDetail } from '../../shared/work.js';
import { useMe } from '../identity/me.js';
import { Control, ErrorSummary, errorFor, fieldErrorsOf, type FieldError, CheckboxField, Progress } from '../ui/forms.js';
import { sizeText } from './format.js';
import { sendForm } from './transfer.js';

const MAX_FILES = 10;
const FIELD: Record<string, string> = { body: 'hand-in-body', files: 'hand-in-photos', ownWork: 'hand-in-own-work' };

/**
 * R-WORK-5, R-WORK-7: hand work in: typed text, photos of paper work straight from a phone's
 * camera, or files; the own-work box when the policy asks for it. A dropped connection saves
 * nothing and keeps what was chosen, so the learner can simply try again.
 */
export function HandInForm({ assignmentId, ownWorkDeclaration, forLearner, onHandedIn }: { assignmentId: string; ownWorkDeclaration: boolean; forLearner?: { id: string; displayName: string }; onHandedIn: (s: SubmissionDetail) => Promise<unknown> }) {
  const me = useMe();
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [ownWork, setOwnWork] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [sent, setSent] = useState<number | null>(null);
  const whose = forLearner ? `${forLearner.displayName}’s` : 'your';

  function add(e: ChangeEvent<HTMLInputElement>) {
    const chosen = [...(e.target.files ?? [])];
    e.target.value = '';
    const all = [...files, ...chosen];
    if (all.length > MAX_FILES) {
      setErrors([{ field: FIELD.files!, message: `You can add up to ${MAX_FILES} photos or files. Remove some first.` }]);
      setFiles(all.slice(0, MAX_FILES));
    } else {
      setFiles(all);
    }
  }

  async function handIn(e: FormEvent) {
    e.preventDefault();
    const problems: FieldError[] = [];
    if (!body.trim() && files.length === 0) problems.push({ field: FIELD.body!, message: `Write ${forLearner ? 'the' : 'your'} answer, or add a photo or file of ${whose} work.` });
    if (ownWorkDeclaration && !ownWork) problems.push({ field: FIELD.ownWork!, message: `Tick the box to say this is ${whose} own work.` });
    setErrors(problems);
    if (problems.length) return;
    // Fields before files: the server reads them first, then streams each file to storage.
    const form = new FormData();
    form.append('body', body);
    if (ownWork) form.append('ownWork', 'yes');
    if (forLearner) form.append('learnerId', forLearner.id);
    for (const f of files) form.append('files', f, f.name);
    setSent(0);
    try {
      const s = await sendForm<SubmissionDetail>(`/api/work/assignments/${assignmentId}/submission`, form, me.data?.csrfToken ?? '', setSent);
      await onHandedIn(s);
    } catch (err) {
      setErrors(fieldErrorsOf(err, (p) => FIELD[String(p[0])] ?? FIELD.files!, FIELD.files));
    } finally {
      setSent(null);
    }
  }

  const busy = sent !== null;
  return (
    <form className="hand-in" aria-labelledby="hand-in-title" noValidate onSubmit={(e) => void handIn(e)}>
      <h2 id="hand-in-title">{forLearner ? `Hand in for ${forLearner.displayName}` : 'Hand in your work'}</h2>
      <ErrorSummary title="Your work has not been handed in yet" errors={errors} />
      <Control id={FIELD.body!} label={forLearner ? 'Their answer' : 'Your answer'} hint="Type it here, or add photos of work done on paper, or both." error={errorFor(errors, FIELD.body!)}>
        {(a) => <textarea {...a} name="body" rows={8} value={body} onChange={(e) => setBody(e.target.value)} disabled={busy} />}
      </Control>
      <Control id={FIELD.files!} label="Take a photo of your work" hint={`Or choose photos or PDF files below. Up to ${MAX_FILES}.`} error={errorFor(errors, FIELD.files!)}>
        {(a) => <input {...a} type="file" accept="image/*,application/pdf" capture="environment" multiple onChange={add} disabled={busy} />}
      </Control>
      <Control id="hand-in-files" label="Choose photos or files">
        {(a) => <input {...a} type="file" accept="image/*,application/pdf" multiple onChange={add} disabled={busy} />}
      </Control>
      {files.length ? (
        <div className="field">
          <h3 className="label-like" id="chosen-title">
            Ready to hand in ({files.length})
          </h3>
          <ul className="plain chosen" aria-labelledby="chosen-title">
            {files.map((f, i) => (
              <li key={`${f.name}-${i}`} className="picker-row">
                <span>
                  {f.name} <span className="hint">{sizeText(f.size)}</span>
                </span>
                <button type="button" className="link-button" onClick={() => setFiles(files.filter((_, j) => j !== i))} disabled={busy}>
                  Remove<span className="visually-hidden"> {f.name}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {ownWorkDeclaration ? (
        <CheckboxField id={FIELD.ownWork!} label={forLearner ? `This is ${forLearner.displayName}’s own work` : 'This is my own work'} checked={ownWork} onChange={setOwnWork} error={errorFor(errors, FIELD.ownWork!)} />
      ) : null}
      <Progress id="hand-in-progress" percent={sent === null ? null : Math.round(sent * 100)} label="Sending your work" />
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Sending…' : 'Hand in'}
      </button>
    </form>
  );
}
