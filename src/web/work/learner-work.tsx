import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import type { LearnerWork, LearnerWorkItem } from '../../shared/work.js';
import { api } from '../api.js';
import { dueText, minutesText, stateText } from './format.js';
import { Loaded, Tag } from './notices.js';

/** Who is looking: the learner themself, or a parent or carer (read-only, plain words). */
export type Audience = 'learner' | 'parent';

export const learnerWorkKey = (learnerId?: string) => ['work', 'mine', learnerId ?? 'me'];

export function useLearnerWork(learnerId?: string) {
  return useQuery({
    queryKey: learnerWorkKey(learnerId),
    queryFn: () => api<LearnerWork>('GET', learnerId ? `/api/work/mine?learnerId=${learnerId}` : '/api/work/mine'),
  });
}

/** The address of a piece of work for this learner (a parent's view carries the child's id). */
export function assignmentHref(assignmentId: string, learnerId?: string): string {
  return `~/work/assignments/${assignmentId}${learnerId ? `?learnerId=${learnerId}` : ''}`;
}

function feedbackLine(item: LearnerWorkItem, audience: Audience): string | null {
  if (item.state !== 'feedback_given') return null;
  const teacher = item.assignment.setBy.displayName;
  return audience === 'parent' ? `${teacher} gave feedback` : `Feedback from ${teacher}`;
}

/** One piece of work in a list: what it is, when it is due, and where the learner is with it. */
export function WorkItem({ item, today, learnerId, audience, overdue }: { item: LearnerWorkItem; today: string; learnerId?: string; audience: Audience; overdue?: boolean }) {
  const a = item.assignment;
  const feedback = feedbackLine(item, audience);
  const handedIn = item.state !== 'not_handed_in' && item.state !== 'missed';
  return (
    <li className="work-item">
      <Link href={assignmentHref(a.id, learnerId)} className="work-title">
        {a.title}
      </Link>
      <span className="hint"> {a.subject}</span>
      <p className="work-meta">
        {overdue ? <Tag tone="alert">Overdue</Tag> : null} {handedIn ? stateText(item.state) : dueText(item.dueAt, today)}
        {feedback ? (
          <>
            {' · '}
            {feedback}
          </>
        ) : null}{' '}
        {item.newFeedback && audience === 'learner' ? <Tag tone="info">New feedback</Tag> : null}
      </p>
      {!handedIn ? (
        <p className="work-meta hint">
          {minutesText(a.estimatedMinutes)}
          {a.screenFree ? ' · away from a screen' : ''}
        </p>
      ) : null}
    </li>
  );
}

function Section({ id, title, items, empty, ...rest }: { id: string; title: string; items: LearnerWorkItem[]; empty: string; today: string; learnerId?: string; audience: Audience; overdue?: boolean }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {items.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ul className="plain work-list">
          {items.map((item) => (
            <WorkItem key={item.assignment.id} item={item} {...rest} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** R-WORK-1, R-WORK-6: a learner's work (their own, or a child's): today, due soon, overdue, handed in. */
export function LearnerWorkView({ learnerId, audience }: { learnerId?: string; audience: Audience }) {
  const q = useLearnerWork(learnerId);
  const you = audience === 'parent';
  return (
    <Loaded q={q} what="the work">
      {(w) => {
        const shownToday = new Set(w.todays.map((i) => i.assignment.id));
        const common = { today: w.today, learnerId, audience };
        return (
          <>
            {you ? <p className="lead">{w.learner.displayName}’s work, and what their teachers said about it.</p> : null}
            <Section id="work-today" title="Today" items={w.todays} empty={you ? 'No work is set for today.' : 'No work for today yet.'} {...common} />
            <Section id="work-overdue" title="Overdue" items={w.overdue} empty={you ? 'Nothing is overdue.' : 'Nothing is overdue. Well done.'} overdue {...common} />
            <Section id="work-due" title="Due soon" items={w.due.filter((i) => !shownToday.has(i.assignment.id))} empty="Nothing else is due." {...common} />
            <Section id="work-handed-in" title="Handed in" items={w.handedIn} empty="Nothing handed in yet." {...common} />
          </>
        );
      }}
    </Loaded>
  );
}
