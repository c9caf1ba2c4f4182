import { Link } from 'wouter';
import { useMe } from '../identity/me.js';
import { Page } from '../shell/layout.js';
import { count, schoolDate, whenText } from './format.js';
import { Loaded, Tag } from './notices.js';
import { byDue, queueText, useMarking } from './queue.js';

/** R-WORK-6: work waiting for feedback, and learners' replies, across the teacher's classes. */
export function MarkingPage() {
  const q = useMarking();
  const me = useMe();
  const today = me.data ? schoolDate(me.data.now) : '';
  return (
    <Page title="Marking">
      <p className="breadcrumbs">
        <Link href="/">Work</Link> › Marking
      </p>
      <Loaded q={q} what="your marking">
        {(queue) => (
          <>
            <p className="lead">
              {queueText(queue)}. Feedback due soonest comes first.
            </p>
            {queue.items.length === 0 ? (
              <p>Nothing is waiting for you. Well done.</p>
            ) : (
              <ol className="plain work-list" aria-label="Waiting for you">
                {byDue(queue.items).map((item) => (
                  <li key={`${item.submissionId}-${item.reason}`} className={item.overdue ? 'work-item work-overdue' : 'work-item'}>
                    <Link href={`/submissions/${item.submissionId}`} className="work-title">
                      {item.learner.displayName}: {item.title}
                    </Link>
                    <span className="hint"> {item.className}</span>
                    <p className="work-meta">
                      {item.reason === 'reply' ? <Tag tone="info">Reply to your feedback</Tag> : null}
                      {item.overdue ? <Tag tone="alert">Overdue</Tag> : null} {item.channel === 'paper' ? 'Returned on paper' : 'Handed in'} {whenText(item.submittedAt, today)}
                      {item.late ? ' (late)' : ''}
                      {item.dueAt ? ` · feedback ${item.overdue ? 'was due' : 'due by'} ${whenText(item.dueAt, today)}` : ''}
                    </p>
                  </li>
                ))}
              </ol>
            )}
            <p className="hint">{count(queue.items.filter((i) => i.reason === 'reply').length, 'reply', 'replies')} from learners.</p>
          </>
        )}
      </Loaded>
    </Page>
  );
}
