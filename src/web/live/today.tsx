import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation } from 'wouter';
import type { Me } from '../../shared/identity.js';
import type { Invitation, LiveToday, OpenLessonBody } from '../../shared/live.js';
import { api } from '../api.js';
import { Page } from '../shell/layout.js';
import { schoolDate } from '../work/format.js';
import { Loaded, Tag } from '../work/notices.js';
import { AuthorisationsToGive } from './authorisations.js';
import { BookSessions, InvitationActions } from './booking.js';
import { invitationLine, sessionWords, spanText } from './format.js';
import { FindLearnerRecord } from './learner-record.js';
import { TODAY_KEY, useLiveToday } from './queries.js';

/**
 * /live (R-LIVE-1..3): the lessons of today a teacher can open live (and, when not yet, why not),
 * and the sessions this person is invited to, each with their own personal link.
 */
export function LiveTodayPage({ me }: { me: Me }) {
  const q = useLiveToday();
  return (
    <Page title="Live lessons">
      <Loaded q={q} what="your live lessons">
        {(t) => (
          <>
            {t.lessons.length ? <LessonsToOpen today={t} /> : null}
            <Invitations me={me} invitations={t.invitations} today={schoolDate(me.now)} />
            {me.can.authoriseLive ? <AuthorisationsToGive today={schoolDate(me.now)} /> : null}
            {me.can.bookLive ? <BookSessions me={me} /> : null}
            {me.can.bookLive ? <FindLearnerRecord me={me} /> : null}
            <LookingBack me={me} />
          </>
        )}
      </Loaded>
    </Page>
  );
}

function LessonsToOpen({ today }: { today: LiveToday }) {
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  const open = useMutation({
    mutationFn: (body: OpenLessonBody) => api<Invitation>('POST', '/api/live/lessons', body),
    onSuccess: async (invitation) => {
      await qc.invalidateQueries({ queryKey: TODAY_KEY });
      navigate(`~${invitation.link}`);
    },
  });
  const linkOf = (sessionId: string | null) => today.invitations.find((i) => i.sessionId === sessionId)?.link;
  return (
    <section aria-labelledby="lessons-title">
      <h2 id="lessons-title">Your lessons today</h2>
      {open.isError ? (
        <p className="error-message" role="alert">
          {open.error.message}
        </p>
      ) : null}
      <ul className="plain live-list">
        {today.lessons.map((l) => {
          const existing = linkOf(l.sessionId);
          const label = `${spanText(l.start, l.end)} ${l.className}`;
          return (
            <li key={l.classId + l.start} className="live-item">
              <p className="live-item-title">
                <span className="lesson-time">{spanText(l.start, l.end)}</span> {l.className}
              </p>
              {existing ? (
                <Link href={`~${existing}`} aria-label={`Go to the live lesson: ${label}`}>
                  Go to the live lesson
                </Link>
              ) : l.canOpen ? (
                <button
                  type="button"
                  className="button"
                  aria-label={`Open ${label} as a live lesson`}
                  disabled={open.isPending}
                  onClick={() => open.mutate({ classId: l.classId, date: l.date, periodId: l.periodId })}
                >
                  Open as a live lesson
                </button>
              ) : (
                <p className="hint">{l.why}</p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Invitations({ me, invitations, today }: { me: Me; invitations: Invitation[]; today: string }) {
  return (
    <section aria-labelledby="invitations-title">
      <h2 id="invitations-title">Your invitations</h2>
      {invitations.length === 0 ? (
        <p>You are not invited to any live lessons in the coming week.</p>
      ) : (
        <ul className="plain live-list">
          {invitations.map((i) => (
            <li key={i.sessionId} className="live-item">
              <p className="live-item-title">
                {i.title} {i.status === 'open' ? <Tag tone="ok">Open now</Tag> : null}
              </p>
              <p className="hint">
                {invitationLine(i, today)}
                {i.forLearner ? ` For ${i.forLearner.displayName}.` : ''}
              </p>
              <Link href={`~${i.link}`} aria-label={`${i.status === 'open' ? 'Join' : 'See'} ${i.title}`}>
                {i.status === 'open' ? 'Join with your personal link' : `See the ${sessionWords(i.kind).noun}`}
              </Link>
              <InvitationActions me={me} invitation={i} />
            </li>
          ))}
        </ul>
      )}
      <p className="hint">Your link is yours alone: it works only when you are signed in, so do not share it.</p>
    </section>
  );
}

/** Where to look back: registers and recordings for staff; a learner's own 1-1s and recordings. */
function LookingBack({ me }: { me: Me }) {
  const staff = me.can.bookLive;
  if (!staff && !me.can.readLiveRecord) return null;
  return (
    <section aria-labelledby="looking-back-title">
      <h2 id="looking-back-title">Looking back</h2>
      <ul className="plain">
        {staff ? (
          <li>
            <Link href="/sessions">Sessions to look back on: registers and recordings</Link>
          </li>
        ) : (
          <li>
            <Link href={`/learners/${me.user.id}`}>Your 1-1s and recordings</Link>
          </li>
        )}
      </ul>
    </section>
  );
}
