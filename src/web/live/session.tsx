import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { Link, useSearch } from 'wouter';
import type { Me } from '../../shared/identity.js';
import type { SessionView } from '../../shared/live.js';
import type { MediaSource } from '../../shared/live-media.js';
import { api } from '../api.js';
import { ME_KEY } from '../identity/me.js';
import { Page } from '../shell/layout.js';
import { schoolDate } from '../work/format.js';
import { Loaded } from '../work/notices.js';
import { MeetingViewsForm } from './booking.js';
import { LiveConnection, type InboundStats } from './connection.js';
import { recordingText, sessionWords, whenSpanText } from './format.js';
import { sessionKey, tokenOf, useLiveToday } from './queries.js';
import { Room } from './room.js';

/** What tests (and the browser's own tools) can reach of the session page's media. */
interface LiveDebug {
  connection: LiveConnection;
  peers: () => LiveConnection['peers'];
  inbound: () => Promise<InboundStats>;
  /** Sends a source through the page's own code, as its button would, without the button's check. */
  forcePublish: (source: MediaSource) => Promise<void>;
}
declare global {
  interface Window {
    __live?: LiveDebug;
  }
}

/**
 * A live session through one's personal link (R-LIVE-2, -3, -6, -7): before joining, what it
 * is, who runs it, the notices and the recording; once joined, the room. Without `?link=` the
 * person's own link is found among their invitations.
 */
export function SessionPage({ me, sessionId }: { me: Me; sessionId: string }) {
  const given = new URLSearchParams(useSearch()).get('link');
  const view = useQuery({ queryKey: sessionKey(sessionId), queryFn: () => api<SessionView>('GET', `/api/live/sessions/${sessionId}`) });
  const today = useLiveToday(!given);
  const found = today.data?.invitations.find((i) => i.sessionId === sessionId)?.link;
  const link = given ?? (found ? tokenOf(found) : null);
  if (view.isError) {
    return (
      <Page title="This lesson is not available">
        <p className="error-message">{view.error.message}</p>
        <p>
          See <Link href="/">your live lessons</Link>.
        </p>
      </Page>
    );
  }
  return (
    <Loaded q={view} what="the lesson">
      {(v) => <Session me={me} view={v} link={link} findingLink={!given && today.isPending} />}
    </Loaded>
  );
}

function Session({ me, view, link, findingLink }: { me: Me; view: SessionView; link: string | null; findingLink: boolean }) {
  const [conn, setConn] = useState<LiveConnection | null>(null);
  const staff = view.you.role === 'host' || view.you.role === 'staff';
  const today = schoolDate(me.now);
  // The server's clock (a demo's may differ from this device's): for the time-limit warning.
  const fetchedAt = useQueryClient().getQueryState(ME_KEY)?.dataUpdatedAt || Date.now();
  const offset = Date.parse(me.now) - fetchedAt;
  const serverNow = useCallback(() => Date.now() + offset, [offset]);

  useEffect(() => {
    if (!conn) return;
    window.__live = {
      connection: conn,
      peers: () => conn.peers,
      inbound: () => conn.inbound(),
      forcePublish: (source) => conn.setSending(source, true),
    };
    return () => {
      conn.leave();
      if (window.__live?.connection === conn) delete window.__live;
    };
  }, [conn]);

  function join() {
    if (!link) return;
    const c = new LiveConnection(view.id, link, view.you.role === 'host');
    c.connect();
    setConn(c);
  }

  return (
    <Page title={view.title}>
      <p className="lead">
        {view.kind === 'lesson' ? 'Live lesson' : 'Live session'} with {view.host.displayName}. {whenSpanText(view.startsAt, view.endsAt, today)}.
      </p>
      {conn ? (
        <Room conn={conn} view={view} serverNow={serverNow} />
      ) : (
        <BeforeJoining view={view} staff={staff} link={link} findingLink={findingLink} onJoin={join} />
      )}
    </Page>
  );
}

function BeforeJoining({ view, staff, link, findingLink, onJoin }: { view: SessionView; staff: boolean; link: string | null; findingLink: boolean; onJoin: () => void }) {
  const host = view.you.role === 'host';
  return (
    <>
      <section className="panel" aria-labelledby="recording-title">
        <h2 id="recording-title">Recording</h2>
        {recordingText(view).map((line) => (
          <p key={line}>{line}</p>
        ))}
      </section>
      {view.notices.length ? (
        <section className="panel" aria-labelledby="notices-before">
          <h2 id="notices-before">{host ? `Notices you will read to ${sessionWords(view.kind).audience}` : 'Before you join'}</h2>
          <ul className="live-notice-list">
            {view.notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {view.status === 'ended' ? (
        <>
          <p className="notice">This {sessionWords(view.kind).noun} has ended.</p>
          {host && view.kind === 'family_meeting' ? <MeetingViewsForm sessionId={view.id} /> : null}
        </>
      ) : findingLink ? (
        <p role="status">Finding your invitation…</p>
      ) : !link ? (
        <p>
          Open this {sessionWords(view.kind).noun} from your own invitation: see <Link href="/">your live lessons</Link>.
        </p>
      ) : (
        <>
          {host ? null : <p>When you join, you wait until {view.host.displayName} lets you in. Your microphone and camera stay off until you are allowed to use them.</p>}
          <p>
            <button type="button" className="button" onClick={onJoin}>
              {host ? `Start the ${sessionWords(view.kind).noun}` : `Join the ${sessionWords(view.kind).noun}`}
            </button>
          </p>
        </>
      )}
      {staff ? (
        <p>
          <Link href={`/${view.id}/register`}>The register for this lesson</Link>
        </p>
      ) : null}
    </>
  );
}
