import { Link } from 'wouter';
import { queueText, useMarking } from './queue.js';
import { useLearnerWork, WorkItem, type Audience } from './learner-work.js';
import { Loaded } from './notices.js';

/** The home page's view of a learner's work (their own, or a child's): today's, and anything overdue. */
export function TodaysWork({ learnerId, audience }: { learnerId?: string; audience: Audience }) {
  const q = useLearnerWork(learnerId);
  return (
    <Loaded q={q} what="the work">
      {(w) => {
        const today = new Set(w.todays.map((i) => i.assignment.id));
        const overdue = w.overdue.filter((i) => !today.has(i.assignment.id));
        const common = { today: w.today, learnerId, audience };
        return (
          <>
            {w.todays.length === 0 && overdue.length === 0 ? <p>{audience === 'parent' ? 'No work is set for today, and nothing is overdue.' : 'No work for today, and nothing is overdue.'}</p> : null}
            {w.todays.length || overdue.length ? (
              <ul className="plain work-list">
                {w.todays.map((item) => (
                  <WorkItem key={item.assignment.id} item={item} {...common} />
                ))}
                {overdue.map((item) => (
                  <WorkItem key={item.assignment.id} item={item} overdue {...common} />
                ))}
              </ul>
            ) : null}
            <p>
              <Link href={learnerId ? `/work?learnerId=${learnerId}` : '/work'}>{audience === 'parent' ? `All of ${w.learner.displayName}’s work` : 'All your work'}</Link>
            </p>
          </>
        );
      }}
    </Loaded>
  );
}

/** The home page's marking line: "Marking: 4 waiting, 1 overdue". */
export function MarkingSummary() {
  const q = useMarking();
  return (
    <Loaded q={q} what="your marking">
      {(queue) => (
        <p>
          <Link href="/work/marking">Marking: {queueText(queue)}</Link>
        </p>
      )}
    </Loaded>
  );
}
