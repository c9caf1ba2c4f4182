import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { Link } from 'wouter';
import type { ClientMessage, SeatView, SessionView } from '../../shared/live.js';
import type { MediaSource, ReceiveMode } from '../../shared/live-media.js';
import { clockText, schoolDate } from '../work/format.js';
import { WarningText } from '../work/notices.js';
import { MeetingViewsForm } from './booking.js';
import { AdultConfirm, ChatPanel, CheckPanel, shownBeside } from './classroom.js';
import type { LiveConnection, Snapshot } from './connection.js';
import { connectionText, lengthText, roleText, sessionWords, standingText } from './format.js';
import { Preview, RemoteMedia } from './media.js';

/**
 * The live session once joined (R-LIVE-4, -5, -6, -9): the lobby message for someone waiting;
 * for someone in, what the media server sends, their own preview and controls; for the host and
 * staff, the notices, the waiting room, the people in the lesson and the lesson's controls.
 * Everyone in has the chat (R-LIVE-11) and the host's checks for understanding (R-LIVE-14).
 */
export function Room({ conn, view, serverNow }: { conn: LiveConnection; view: SessionView; serverNow: () => number }) {
  const snap = useSyncExternalStore(conn.subscribe, conn.snapshot);
  const { phase, state } = snap;
  const staff = view.you.role === 'host' || view.you.role === 'staff';

  if (phase.kind === 'closed') return <Closed snap={snap} view={view} staff={staff} onRejoin={() => conn.rejoin()} />;

  const you = state?.you;
  const admitted = you?.standing === 'admitted';
  const { noun } = sessionWords(view.kind);
  return (
    <>
      <ConnectionLine snap={snap} admitted={admitted} />
      {admitted && view.recording.recorded ? (
        <p className="live-recording-on">
          <span aria-hidden="true">●</span> Recording: this {noun} is recorded from when people are let in until it ends.
        </p>
      ) : null}
      <Refusal snap={snap} />
      {!state || !you ? null : you.standing === 'waiting' ? (
        <Waiting view={view} />
      ) : you.standing === 'declined' ? (
        <div className="panel">
          <p>{view.host.displayName} did not let you in this time.</p>
          <button type="button" className="button secondary" onClick={() => conn.rejoin()}>
            Ask to come in again
          </button>
        </div>
      ) : admitted ? (
        <>
          {view.you.role === 'host' && state.adultCheck !== 'not_needed' ? <AdultConfirm confirmed={state.adultCheck === 'confirmed'} send={conn.send} /> : null}
          {staff ? <HostPanel conn={conn} snap={snap} view={view} serverNow={serverNow} /> : null}
          <RemoteMedia remote={snap.remote} seats={state.seats} hostId={view.host.id} audioOnly={snap.mode === 'audio-only'} />
          <CheckPanel conn={conn} snap={snap} staff={staff} />
          <ChatPanel conn={conn} snap={snap} view={view} />
          <YourControls conn={conn} snap={snap} staff={staff} hostName={view.host.displayName} />
          {staff ? <LessonControls host={view.you.role === 'host'} noun={noun} locked={state.locked} send={conn.send} /> : <NoticesReminder notices={view.notices} summary={`What is expected in this ${noun}`} />}
          <p>
            <button type="button" className="button secondary" onClick={() => conn.leave()}>
              Leave the {noun}
            </button>
          </p>
        </>
      ) : null}
    </>
  );
}

function ConnectionLine({ snap, admitted }: { snap: Snapshot; admitted: boolean }) {
  const text = connectionText({ phase: snap.phase, admitted, ice: snap.ice, loss: snap.loss, audioOnly: snap.mode === 'audio-only' });
  const poor = snap.phase.kind === 'reconnecting' || snap.ice === 'interrupted' || snap.ice === 'failed' || text.startsWith('The connection is poor');
  return (
    <p className={poor ? 'live-status live-status-poor' : 'live-status'} role="status">
      {text}
    </p>
  );
}

function Refusal({ snap }: { snap: Snapshot }) {
  if (!snap.refusal || shownBeside(snap.refusal.code)) return null;
  return (
    <p className="error-message" role="alert" key={snap.refusal.at}>
      {snap.refusal.message}
    </p>
  );
}

function Waiting({ view }: { view: SessionView }) {
  return (
    <div className="panel live-lobby">
      <h2>Waiting for {view.host.displayName} to let you in</h2>
      <p>Stay on this page. It changes by itself when you are let in.</p>
      <NoticesReminder notices={view.notices} open summary={`What is expected in this ${sessionWords(view.kind).noun}`} />
    </div>
  );
}

function NoticesReminder({ notices, open, summary }: { notices: string[]; open?: boolean; summary: string }) {
  if (notices.length === 0) return null;
  return (
    <details className="live-notices" open={open}>
      <summary>{summary}</summary>
      <ul>
        {notices.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </details>
  );
}

function Closed({ snap, view, staff, onRejoin }: { snap: Snapshot; view: SessionView; staff: boolean; onRejoin: () => void }) {
  const phase = snap.phase as Extract<Snapshot['phase'], { kind: 'closed' }>;
  const { noun } = sessionWords(view.kind);
  return (
    <>
    <div className="panel" role="status">
      <h2>{phase.why === 'ended' ? `The ${noun} has ended` : phase.why === 'removed' ? `You were removed from the ${noun}` : phase.why === 'left' ? `You left the ${noun}` : `You are not in the ${noun}`}</h2>
      <p>{phase.message}</p>
      <div className="button-row">
        {phase.why === 'removed' || phase.why === 'left' ? (
          <button type="button" className="button secondary" onClick={onRejoin}>
            Join again
          </button>
        ) : null}
        {staff && phase.why === 'ended' ? <Link href={`/${view.id}/register`}>See who attended</Link> : null}
        <Link href="/">Back to live lessons</Link>
      </div>
    </div>
    {phase.why === 'ended' && view.you.role === 'host' && view.kind === 'family_meeting' ? <MeetingViewsForm sessionId={view.id} /> : null}
    </>
  );
}

// ——— the person's own controls ———

const SOURCE_WORDS: Record<MediaSource, string> = { audio: 'microphone', camera: 'camera', screen: 'screen sharing' };

function YourControls({ conn, snap, staff, hostName }: { conn: LiveConnection; snap: Snapshot; staff: boolean; hostName: string }) {
  const you = snap.state!.you;
  // Staff may always send; learners what the host allows (R-LIVE-5), and never a screen.
  const allowed: Record<MediaSource, boolean> = { audio: staff || you.audio, camera: staff || you.video, screen: staff };
  const sources: MediaSource[] = staff ? ['audio', 'camera', 'screen'] : ['audio', 'camera'];
  return (
    <section className="panel" aria-labelledby="your-controls">
      <h2 id="your-controls">You</h2>
      <div className="live-you">
        <Preview stream={snap.preview} />
        <div>
          {sources.map((source) => {
            const on = snap.sending[source];
            const why = `${hostName} has not allowed your ${SOURCE_WORDS[source]}.`;
            const verb = source === 'screen' ? (on ? 'Stop sharing your screen' : 'Share your screen') : `${on ? 'Turn off' : 'Turn on'} your ${SOURCE_WORDS[source]}`;
            return (
              <div key={source} className="live-control">
                <button
                  type="button"
                  className={on ? 'button' : 'button secondary'}
                  disabled={!allowed[source] && !on}
                  aria-describedby={allowed[source] ? undefined : `why-${source}`}
                  onClick={() => void conn.setSending(source, !on)}
                >
                  {verb}
                </button>
                {!allowed[source] ? (
                  <span className="hint" id={`why-${source}`}>
                    {why}
                  </span>
                ) : null}
              </div>
            );
          })}
          {snap.turnedOff ? (
            <p role="status" className="hint">
              {hostName} turned your {SOURCE_WORDS[snap.turnedOff.source]} off.
            </p>
          ) : null}
          {snap.deviceProblem ? (
            <p className="error-message" role="alert">
              {snap.deviceProblem}
            </p>
          ) : null}
        </div>
      </div>
      <ReceiveModeChooser mode={snap.mode} onChange={(m) => conn.setMode(m)} />
    </section>
  );
}

const MODES: { value: ReceiveMode; label: string; hint: string }[] = [
  { value: 'full', label: 'Full', hint: 'Video and sound as clear as the connection allows.' },
  { value: 'low', label: 'Low data', hint: 'A smaller picture that uses less data.' },
  { value: 'audio-only', label: 'Audio only', hint: 'Sound only: the least data, for a weak signal.' },
];

function ReceiveModeChooser({ mode, onChange }: { mode: ReceiveMode; onChange: (m: ReceiveMode) => void }) {
  return (
    <fieldset className="live-modes">
      <legend>What you receive</legend>
      {MODES.map((m) => (
        <label key={m.value} className="checkbox">
          <input type="radio" name="receive-mode" value={m.value} checked={mode === m.value} onChange={() => onChange(m.value)} />
          <span>
            <strong>{m.label}</strong> <span className="hint">{m.hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

// ——— the host's panel ———

function HostPanel({ conn, snap, view, serverNow }: { conn: LiveConnection; snap: Snapshot; view: SessionView; serverNow: () => number }) {
  const state = snap.state!;
  const host = view.you.role === 'host';
  const waiting = state.seats.filter((s) => s.standing === 'waiting' && s.connected);
  const { noun, audience } = sessionWords(view.kind);
  const learners = state.seats.filter((s) => (s.role === 'learner' || s.role === 'guardian') && s.standing === 'admitted');
  const send = conn.send;
  return (
    <>
      <LengthWarning view={view} overranAt={state.overranAt} serverNow={serverNow} />
      {host ? (
        <section className="panel" aria-labelledby="notices-title">
          <h2 id="notices-title">Notices to read to {audience}</h2>
          {state.noticesShown ? (
            <>
              <p className="notice">You have read the notices to the class. You can let people in.</p>
              <NoticesReminder notices={view.notices} summary="The notices you read" />
            </>
          ) : view.notices.length ? (
            <ol className="live-notice-list">
              {view.notices.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ol>
          ) : (
            <p>The policy asks for no notices in this {noun}.</p>
          )}
          {state.noticesShown ? null : (
            <button type="button" className="button" onClick={() => send({ type: 'notices-shown' })}>
              I have read these notices to {audience}
            </button>
          )}
        </section>
      ) : null}

      <section className="panel" aria-labelledby="lobby-title">
        <h2 id="lobby-title" tabIndex={-1}>Waiting room ({waiting.length})</h2>
        {!state.noticesShown ? (
          <p className="hint" id="admit-why">
            {host ? `Read the notices to ${audience} before letting anyone in.` : `${view.host.displayName} must read the notices to ${audience} before anyone is let in.`}
          </p>
        ) : null}
        {waiting.length === 0 ? (
          <p>Nobody is waiting.</p>
        ) : (
          <>
            <ul className="plain live-people">
              {waiting.map((s) => (
                <li key={s.userId} className="live-person">
                  <span>
                    {s.displayName} <span className="hint">{roleText(s.role)}</span>
                  </span>
                  <span className="button-row">
                    <SeatButton disabled={!state.noticesShown} label={`Let ${s.displayName} in`} onClick={() => sendThenFocus(send, { type: 'admit', userIds: [s.userId] }, 'lobby-title')}>
                      Admit
                    </SeatButton>
                    <SeatButton secondary label={`Do not let ${s.displayName} in`} onClick={() => sendThenFocus(send, { type: 'decline', userIds: [s.userId] }, 'lobby-title')}>
                      Decline
                    </SeatButton>
                  </span>
                </li>
              ))}
            </ul>
            <p>
              <button type="button" className="button" disabled={!state.noticesShown} aria-describedby={state.noticesShown ? undefined : 'admit-why'} onClick={() => send({ type: 'admit', userIds: 'all' })}>
                Admit everyone waiting ({waiting.length})
              </button>
            </p>
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="people-title">
        <h2 id="people-title" tabIndex={-1}>In the {noun} ({learners.filter((s) => s.connected).length})</h2>
        {learners.length === 0 ? (
          <p>No learners are in yet.</p>
        ) : (
          <>
            <ul className="plain live-people">
              {learners.map((s) => (
                <Person key={s.userId} seat={s} noun={noun} send={send} />
              ))}
            </ul>
            <div className="button-row live-all">
              {FOR_EVERYONE.map((b) => (
                <button key={b.label} type="button" className="button secondary" onClick={() => send({ type: 'permit', userIds: 'all', ...b.permit })}>
                  {b.label}
                </button>
              ))}
            </div>
          </>
        )}
      </section>

    </>
  );
}

const FOR_EVERYONE: { label: string; permit: { audio?: boolean; video?: boolean } }[] = [
  { label: 'Allow everyone’s microphones', permit: { audio: true } },
  { label: 'Turn off everyone’s microphones', permit: { audio: false } },
  { label: 'Allow everyone’s cameras', permit: { video: true } },
  { label: 'Turn off everyone’s cameras', permit: { video: false } },
];

/** The button pressed goes when its person leaves the list: keyboard focus goes to the list's heading. */
function sendThenFocus(send: LiveConnection['send'], message: ClientMessage, headingId: string): void {
  send(message);
  document.getElementById(headingId)?.focus();
}

function SeatButton({ label, children, onClick, disabled, secondary }: { label: string; children: ReactNode; onClick: () => void; disabled?: boolean; secondary?: boolean }) {
  return (
    <button type="button" className={secondary ? 'button secondary' : 'button'} aria-label={label} disabled={disabled} aria-describedby={disabled ? 'admit-why' : undefined} onClick={onClick}>
      {children}
    </button>
  );
}

function Person({ seat, noun, send }: { seat: SeatView; noun: string; send: LiveConnection['send'] }) {
  const name = seat.displayName;
  return (
    <li className="live-person">
      <span>
        {name} <span className="hint">{standingText(seat.standing, seat.connected)}</span>
        <span className="visually-hidden">
          , microphone {seat.audio ? 'allowed' : 'off'}, camera {seat.video ? 'allowed' : 'off'}
        </span>
      </span>
      <span className="button-row">
        <SeatButton secondary label={`${seat.audio ? 'Turn off' : 'Allow'} ${name}’s microphone`} onClick={() => send({ type: 'permit', userIds: [seat.userId], audio: !seat.audio })}>
          {seat.audio ? 'Turn off microphone' : 'Allow microphone'}
        </SeatButton>
        <SeatButton secondary label={`${seat.video ? 'Turn off' : 'Allow'} ${name}’s camera`} onClick={() => send({ type: 'permit', userIds: [seat.userId], video: !seat.video })}>
          {seat.video ? 'Turn off camera' : 'Allow camera'}
        </SeatButton>
        <SeatButton secondary label={`Remove ${name} from the ${noun}`} onClick={() => sendThenFocus(send, { type: 'remove', userId: seat.userId }, 'people-title')}>
          Remove
        </SeatButton>
      </span>
    </li>
  );
}

function LessonControls({ host, noun, locked, send }: { host: boolean; noun: string; locked: boolean; send: LiveConnection['send'] }) {
  const [confirming, setConfirming] = useState(false);
  const question = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (confirming) question.current?.focus();
  }, [confirming]);
  return (
    <section className="panel" aria-labelledby="lesson-controls">
      <h2 id="lesson-controls">The {noun}</h2>
      <p>{locked ? `The ${noun} is locked: nobody new can join.` : `The ${noun} is open to everyone invited.`}</p>
      <div className="button-row">
        <button type="button" className="button secondary" onClick={() => send({ type: 'lock', locked: !locked })}>
          {locked ? `Unlock the ${noun}` : `Lock the ${noun}`}
        </button>
        {host && !confirming ? (
          <button type="button" className="button danger" onClick={() => setConfirming(true)}>
            End the {noun} for everyone
          </button>
        ) : null}
      </div>
      {host && confirming ? (
        <div className="live-confirm" role="group" aria-labelledby="end-question">
          <p id="end-question" tabIndex={-1} ref={question}>
            <strong>End the {noun} for everyone?</strong> Everyone leaves at once and nobody can join again.
          </p>
          <div className="button-row">
            <button type="button" className="button danger" onClick={() => send({ type: 'end' })}>
              Yes, end it for everyone
            </button>
            <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
              No, keep it going
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}

/** R-LIVE-9: the host is told before the time limit for the learners' age, and when it is passed. */
function LengthWarning({ view, overranAt, serverNow }: { view: SessionView; overranAt: string | null; serverNow: () => number }) {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), 30_000);
    return () => clearInterval(timer);
  }, [serverNow]);
  const text = lengthText(view.length, now, schoolDate(new Date(now).toISOString()));
  if (!text && !overranAt) return null;
  return (
    <WarningText>
      {text}
      {overranAt ? ` It ran over at ${clockText(overranAt)} and is flagged in the register.` : ''}
    </WarningText>
  );
}
