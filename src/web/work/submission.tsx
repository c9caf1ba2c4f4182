import { useRef, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import type { AssignmentDetail, CommentView, SubmissionDetail } from '../../shared/work.js';
import { api } from '../api.js';
import { useMe } from '../identity/me.js';
import { Page } from '../shell/layout.js';
import { Control, ErrorSummary, errorFor, fieldErrorsOf, type FieldError, CheckboxField, Progress } from '../ui/forms.js';
import { HandedInSummary } from './assignment.js';
import { schoolDate, whenText } from './format.js';
import { MARKING_KEY } from './queue.js';
import { Done, Loaded, Tag } from './notices.js';
import { Thread } from './thread.js';
import { sendForm } from './transfer.js';

/** R-WORK-6: one learner's hand-in, for the teacher: what came in, the thread, and feedback. */
export function SubmissionPage({ submissionId }: { submissionId: string }) {
  const me = useMe();
  const qc = useQueryClient();
  const key = ['work', 'submission', submissionId];
  const q = useQuery({ queryKey: key, queryFn: () => api<SubmissionDetail>('GET', `/api/work/submissions/${submissionId}`) });
  const assignmentId = q.data?.assignmentId;
  const work = useQuery({
    queryKey: ['work', 'assignment', assignmentId, 'me'],
    queryFn: () => api<AssignmentDetail>('GET', `/api/work/assignments/${assignmentId}`),
    enabled: assignmentId !== undefined,
  });
  const today = me.data ? schoolDate(me.data.now) : '';
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: key }), qc.invalidateQueries({ queryKey: MARKING_KEY }), qc.invalidateQueries({ queryKey: ['work', 'assignment', assignmentId] })]);
  return (
    <Loaded q={q} what="the work">
      {(s) => (
        <Page title={`${s.learner.displayName}’s work`}>
          <p className="breadcrumbs">
            <Link href="/marking">Marking</Link>
            {work.data ? (
              <>
                {' › '}
                <Link href={`/assignments/${s.assignmentId}`}>{work.data.assignment.title}</Link>
              </>
            ) : null}
          </p>
          {work.data ? (
            <p className="lead">
              {work.data.assignment.title} · {work.data.assignment.className}
            </p>
          ) : null}
          <section aria-labelledby="handed-in-title">
            <h2 id="handed-in-title">What was handed in</h2>
            <HandedInSummary submission={s} viewer="staff" today={today} />
            {s.feedbackDueAt && !s.feedbackAt ? <p className="hint">Feedback is due by {whenText(s.feedbackDueAt, today)}.</p> : null}
          </section>
          <section aria-labelledby="feedback-title">
            <h2 id="feedback-title">Feedback and replies</h2>
            {s.comments.length && s.comments[s.comments.length - 1]?.kind === 'reply' ? <Tag tone="info">{s.learner.displayName} replied: waiting for you</Tag> : null}
            <Thread submission={s} viewer="staff" today={today} />
            <FeedbackForm submission={s} onSent={refresh} />
          </section>
        </Page>
      )}
    </Loaded>
  );
}

/** R-WORK-6: feedback as text, a file, or the learner's work marked up (annotated). */
function FeedbackForm({ submission, onSent }: { submission: SubmissionDetail; onSent: () => Promise<unknown> }) {
  const me = useMe();
  const file = useRef<HTMLInputElement>(null);
  const [body, setBody] = useState('');
  const [annotated, setAnnotated] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [sent, setSent] = useState<number | null>(null);
  const [done, setDone] = useState(false);
  const field = (p: (string | number)[]) => (p[0] === 'file' ? 'feedback-file' : p[0] === 'annotated' ? 'feedback-annotated' : 'feedback-body');

  async function give(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    const chosen = file.current?.files?.[0];
    const problems: FieldError[] = [];
    if (!body.trim() && !chosen) problems.push({ field: 'feedback-body', message: 'Write your feedback, or attach a file.' });
    if (annotated && !chosen) problems.push({ field: 'feedback-file', message: 'Attach the marked-up work, or untick the box.' });
    setErrors(problems);
    if (problems.length) return;
    const form = new FormData();
    form.append('body', body);
    if (annotated) form.append('annotated', 'yes');
    if (chosen) form.append('file', chosen, chosen.name);
    setSent(0);
    try {
      await sendForm<CommentView>(`/api/work/submissions/${submission.id}/feedback`, form, me.data?.csrfToken ?? '', setSent);
      setBody('');
      setAnnotated(false);
      if (file.current) file.current.value = '';
      setDone(true);
      await onSent();
    } catch (err) {
      setErrors(fieldErrorsOf(err, field, 'feedback-body'));
    } finally {
      setSent(null);
    }
  }

  return (
    <form className="panel narrow" aria-labelledby="give-feedback-title" noValidate onSubmit={(e) => void give(e)}>
      <h3 id="give-feedback-title">Give feedback</h3>
      <ErrorSummary title="The feedback was not sent" errors={errors} />
      {done ? <Done>Feedback sent. {submission.learner.displayName} can read it now.</Done> : null}
      <Control id="feedback-body" label="Feedback" hint="What went well, and one thing to do next." error={errorFor(errors, 'feedback-body')}>
        {(a) => <textarea {...a} rows={6} value={body} onChange={(e) => setBody(e.target.value)} />}
      </Control>
      <Control id="feedback-file" label="A file (optional)" hint="For example, their work with your marks on it." error={errorFor(errors, 'feedback-file')}>
        {(a) => <input {...a} ref={file} type="file" />}
      </Control>
      <CheckboxField id="feedback-annotated" label="This file is their work, marked up" checked={annotated} onChange={setAnnotated} error={errorFor(errors, 'feedback-annotated')} />
      <Progress id="feedback-progress" percent={sent === null ? null : Math.round(sent * 100)} label="Sending" />
      <button type="submit" className="button" disabled={sent !== null}>
        Send feedback
      </button>
    </form>
  );
}

