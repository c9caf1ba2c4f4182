import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { CommentView, FileView, SubmissionDetail } from '../../shared/work.js';
import { api } from '../api.js';
import { Control, ErrorSummary, errorFor, fieldErrorsOf, type FieldError } from '../ui/forms.js';
import { fileUrl, whenText } from './format.js';
import { Done, Prose, Tag } from './notices.js';
import { FileLink } from './resources.js';

export type Viewer = 'learner' | 'parent' | 'staff';

function whoSaid(c: CommentView, viewer: Viewer, learnerName: string): string {
  if (c.kind === 'feedback') return viewer === 'parent' ? `${c.author.displayName} gave feedback` : `Feedback from ${c.author.displayName}`;
  if (viewer === 'learner') return 'Your reply';
  return `${learnerName} replied`;
}

const isImage = (f: FileView) => f.contentType.startsWith('image/');

/** Photos shown in the page (phones' photos of paper work), other files as downloads. */
export function HandedInFiles({ files, whose }: { files: FileView[]; whose: string }) {
  if (files.length === 0) return null;
  const photos = files.filter(isImage);
  const others = files.filter((f) => !isImage(f));
  return (
    <>
      {photos.length ? (
        <ul className="plain photos">
          {photos.map((f, i) => (
            <li key={f.id}>
              <a href={fileUrl(f.id)} aria-label={`Open photo ${i + 1} full size`}>
                <img src={fileUrl(f.id)} alt={`Photo ${i + 1} of ${photos.length} of ${whose} work (${f.fileName})`} loading="lazy" />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {others.length ? (
        <ul className="plain">
          {others.map((f) => (
            <li key={f.id}>
              <FileLink file={f} />
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** R-WORK-6: the feedback on a hand-in and the learner's replies, oldest first. */
export function Thread({ submission, viewer, today }: { submission: SubmissionDetail; viewer: Viewer; today: string }) {
  const learnerName = submission.learner.displayName;
  if (submission.comments.length === 0) {
    return <p>{viewer === 'staff' ? 'No feedback yet.' : viewer === 'parent' ? 'No feedback yet. The teacher will add it here.' : 'No feedback yet. Your teacher will add it here.'}</p>;
  }
  return (
    <ol className="plain thread">
      {submission.comments.map((c) => (
        <li key={c.id} className={c.kind === 'feedback' ? 'comment comment-feedback' : 'comment comment-reply'}>
          <h3 className="comment-who">
            {whoSaid(c, viewer, learnerName)} <span className="hint">{whenText(c.at, today)}</span>
          </h3>
          {c.body ? <Prose text={c.body} /> : null}
          {c.file ? (
            <div className="comment-file">
              {c.annotated ? <Tag tone="info">{viewer === 'learner' ? 'Your work, marked up' : 'The work, marked up'}</Tag> : null}{' '}
              <HandedInFiles files={[c.file]} whose={viewer === 'learner' ? 'your marked-up' : `${learnerName}’s marked-up`} />
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** R-WORK-6: a learner answers their teacher's feedback; the reply goes to the teacher's queue. */
export function ReplyForm({ submissionId, onSent }: { submissionId: string; onSent: () => Promise<unknown> }) {
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [sent, setSent] = useState(false);
  const reply = useMutation({
    mutationFn: (text: string) => api<CommentView>('POST', `/api/work/submissions/${submissionId}/replies`, { body: text }),
    onSuccess: async () => {
      setBody('');
      setErrors([]);
      setSent(true);
      await onSent();
    },
    onError: (err) => setErrors(fieldErrorsOf(err, () => 'reply-body', 'reply-body')),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setSent(false);
    if (!body.trim()) {
      setErrors([{ field: 'reply-body', message: 'Write your reply first.' }]);
      return;
    }
    reply.mutate(body);
  }
  return (
    <form className="panel narrow" aria-labelledby="reply-title" noValidate onSubmit={submit}>
      <h3 id="reply-title">Reply to your teacher</h3>
      <ErrorSummary title="Your reply was not sent" errors={errors} />
      {sent ? <Done>Reply sent. Your teacher will see it.</Done> : null}
      <Control id="reply-body" label="Your reply" hint="Ask a question, or say what you will do next." error={errorFor(errors, 'reply-body')}>
        {(a) => <textarea {...a} name="body" rows={4} value={body} onChange={(e) => setBody(e.target.value)} />}
      </Control>
      <button type="submit" className="button" disabled={reply.isPending}>
        Send reply
      </button>
    </form>
  );
}
