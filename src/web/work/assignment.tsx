import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearch } from 'wouter';
import type { Me } from '../../shared/identity.js';
import type { AssignmentDetail, SubmissionDetail } from '../../shared/work.js';
import { api } from '../api.js';
import { Page } from '../shell/layout.js';
import { dayText, dueText, minutesText, schoolDate, whenText } from './format.js';
import { HandInForm } from './hand-in.js';
import { Done, Loaded, Prose, Tag } from './notices.js';
import { LearnersProgress } from './progress.js';
import { ResourceList, ResourceUpload } from './resources.js';
import { SimilarAnswers } from './similarity.js';
import { HandedInFiles, ReplyForm, Thread, type Viewer } from './thread.js';

/** R-WORK-1, -3, -5, -6, -7: one piece of work: what to do, and handing in or following it up. */
export function AssignmentPage({ me, assignmentId }: { me: Me; assignmentId: string }) {
  const learnerId = new URLSearchParams(useSearch()).get('learnerId') ?? undefined;
  const qc = useQueryClient();
  const key = ['work', 'assignment', assignmentId, learnerId ?? 'me'];
  const q = useQuery({
    queryKey: key,
    queryFn: () => api<AssignmentDetail>('GET', `/api/work/assignments/${assignmentId}${learnerId ? `?learnerId=${learnerId}` : ''}`),
  });
  const [handedIn, setHandedIn] = useState(false);
  const today = schoolDate(me.now);
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: key }), qc.invalidateQueries({ queryKey: ['work', 'mine'] }), qc.invalidateQueries({ queryKey: ['work', 'marking'] })]);

  return (
    <Loaded q={q} what="the work">
      {(d) => {
        const a = d.assignment;
        const viewer: Viewer = d.learners ? 'staff' : learnerId && learnerId !== me.user.id ? 'parent' : 'learner';
        const extended = d.dueAt !== a.dueAt;
        return (
          <Page title={a.title}>
            <p className="breadcrumbs">
              {viewer === 'staff' ? (
                <Link href={`/classes/${a.classId}`}>{a.className}: work</Link>
              ) : (
                <Link href={learnerId ? `/?learnerId=${learnerId}` : '/'}>{viewer === 'parent' ? 'Your children’s work' : 'Your work'}</Link>
              )}
            </p>
            <dl className="summary-list">
              <div>
                <dt>Subject</dt>
                <dd>
                  {a.subject} <span className="hint">{a.className}</span>
                </dd>
              </div>
              <div>
                <dt>Deadline</dt>
                <dd>
                  <strong>{dueText(d.dueAt, today)}</strong>
                  {extended ? <span className="hint"> (extended: it was {whenText(a.dueAt, today)})</span> : null}
                </dd>
              </div>
              <div>
                <dt>How long</dt>
                <dd>{minutesText(a.estimatedMinutes)}</dd>
              </div>
              <div>
                <dt>Screen</dt>
                <dd>{a.screenFree ? 'Away from a screen' : 'On a screen'}</dd>
              </div>
              <div>
                <dt>Set by</dt>
                <dd>
                  {a.setBy.displayName}
                  {a.cover ? ' (cover)' : ''}
                  {viewer === 'staff' ? (
                    <span className="hint">
                      {' '}
                      for {dayText(a.forDate)}
                      {a.setLate ? (
                        <>
                          {' '}
                          <Tag tone="alert">Set late</Tag> {a.minutesLate} minutes after the set-by time
                        </>
                      ) : null}
                    </span>
                  ) : null}
                </dd>
              </div>
            </dl>
            <h2>What to do</h2>
            <Prose text={d.instructions} className="instructions" />
            <ResourceList resources={d.resources} />
            {d.can.manage ? <ResourceUpload assignmentId={a.id} onAdded={() => void refresh()} /> : null}
            {viewer === 'staff' ? (
              <>
                <LearnersProgress detail={d} today={today} onChanged={refresh} />
                <SimilarAnswers assignmentId={a.id} />
              </>
            ) : (
              <>
                {handedIn ? <Done>{viewer === 'parent' ? 'Handed in. The teacher will see it.' : 'Handed in. Well done! Your teacher will see it.'}</Done> : null}
                {d.mine ? (
                  <HandedIn submission={d.mine} viewer={viewer} today={today} onReplied={refresh} />
                ) : d.can.submit ? (
                  <HandInForm
                    assignmentId={a.id}
                    ownWorkDeclaration={d.ownWorkDeclaration}
                    forLearner={viewer === 'parent' && learnerId ? { id: learnerId, displayName: me.children.find((c) => c.id === learnerId)?.displayName ?? 'your child' } : undefined}
                    onHandedIn={async () => {
                      setHandedIn(true);
                      await refresh();
                    }}
                  />
                ) : (
                  <p>{viewer === 'parent' ? 'Not handed in yet.' : 'This work cannot be handed in here. Ask your teacher.'}</p>
                )}
              </>
            )}
          </Page>
        );
      }}
    </Loaded>
  );
}

/** What was handed in, when, and the feedback thread under it. */
export function HandedInSummary({ submission: s, viewer, today }: { submission: SubmissionDetail; viewer: Viewer; today: string }) {
  const whose = viewer === 'learner' ? 'your' : `${s.learner.displayName}’s`;
  return (
    <>
      <p>
        {s.channel === 'paper' ? `Returned on paper, recorded ${whenText(s.submittedAt, today)}` : `Handed in ${whenText(s.submittedAt, today)}`}
        {s.submittedBy.id !== s.learner.id && s.channel === 'online' ? ` by ${s.submittedBy.displayName}` : ''}
        {s.late ? (
          <>
            {' '}
            <Tag tone="alert">Late</Tag>
          </>
        ) : (
          <>
            {' '}
            <Tag tone="ok">On time</Tag>
          </>
        )}
        {s.ownWorkDeclaredAt ? <span className="hint"> · {viewer === 'learner' ? 'You said it is your own work.' : 'Declared as their own work.'}</span> : null}
      </p>
      {s.body ? <Prose text={s.body} className="answer" /> : null}
      <HandedInFiles files={s.files} whose={whose} />
    </>
  );
}

function HandedIn({ submission, viewer, today, onReplied }: { submission: SubmissionDetail; viewer: Viewer; today: string; onReplied: () => Promise<unknown> }) {
  const hasFeedback = submission.comments.some((c) => c.kind === 'feedback');
  return (
    <>
      <section aria-labelledby="handed-in-title">
        <h2 id="handed-in-title">{viewer === 'learner' ? 'What you handed in' : 'What was handed in'}</h2>
        <HandedInSummary submission={submission} viewer={viewer} today={today} />
      </section>
      <section aria-labelledby="feedback-title">
        <h2 id="feedback-title">Feedback</h2>
        <Thread submission={submission} viewer={viewer} today={today} />
        {viewer === 'learner' && hasFeedback ? <ReplyForm submissionId={submission.id} onSent={onReplied} /> : null}
      </section>
    </>
  );
}
