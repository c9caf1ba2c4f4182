import { Link } from 'wouter';
import { schoolDate } from '../work/format.js';
import { Loaded } from '../work/notices.js';
import { invitationLine } from './format.js';
import { useLiveToday } from './queries.js';

/** The home page's live lessons: today's invitations to join, and how many lessons one could open. */
export function LiveTodayCard({ today }: { today: string }) {
  const q = useLiveToday();
  return (
    <Loaded q={q} what="live lessons">
      {(t) => {
        const invitations = t.invitations.filter((i) => schoolDate(i.startsAt) <= today);
        const openable = t.lessons.filter((l) => l.canOpen && !l.sessionId).length;
        return (
          <>
            {invitations.length === 0 && openable === 0 ? <p>No live lessons for you today.</p> : null}
            {invitations.length ? (
              <ul className="plain live-list">
                {invitations.map((i) => (
                  <li key={i.sessionId} className="live-item">
                    <Link href={i.link}>{i.status === 'open' ? `Join ${i.title}` : i.title}</Link>
                    <p className="hint">{invitationLine(i, today)}</p>
                  </li>
                ))}
              </ul>
            ) : null}
            {openable ? <p>{openable === 1 ? 'One of your lessons can be opened live now.' : `${openable} of your lessons can be opened live now.`}</p> : null}
            <p>
              <Link href="/live">All your live lessons</Link>
            </p>
          </>
        );
      }}
    </Loaded>
  );
}
