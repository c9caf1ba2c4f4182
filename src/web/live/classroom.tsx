import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ChatMode, RoomState, SessionView } from '../../shared/live.js';
import { clockText } from '../work/format.js';
import type { LiveConnection, Snapshot } from './connection.js';
import { answeredText, chatModeHint, checkCounts } from './format.js';

/**
 * In the room, beyond sound and picture: chat with the host's say over who may write (R-LIVE-11),
 * and quick checks for understanding — a poll or a short question — whose spread the host sees
 * at once (R-LIVE-14). Refusals from the server are shown beside the control they are about.
 */

type Send = LiveConnection['send'];

/** The refusal of the last thing sent, when it was about chat or checks (shown beside their boxes). */
export function refusalFor(snap: Snapshot, prefix: 'live.chat.' | 'live.check.'): Snapshot['refusal'] {
  return snap.refusal && snap.refusal.code.startsWith(prefix) ? snap.refusal : null;
}

/** Refusals the chat and check panels show themselves, so the top of the room does not repeat them. */
export const shownBeside = (code: string) => code.startsWith('live.chat.') || code.startsWith('live.check.');

const MODES: { value: ChatMode; label: string }[] = [
  { value: 'off', label: 'Off' },
  { value: 'host_only', label: 'To the host only' },
  { value: 'everyone', label: 'Everyone' },
];

export function ChatPanel({ conn, snap, view }: { conn: LiveConnection; snap: Snapshot; view: SessionView }) {
  const state = snap.state!;
  const staff = view.you.role === 'host' || view.you.role === 'staff';
  const mode = state.chatMode;
  const [text, setText] = useState('');
  const [to, setTo] = useState<'everyone' | 'host'>('everyone');
  const sent = useRef<string | null>(null);
  const refusal = refusalFor(snap, 'live.chat.');
  const log = useRef<HTMLDivElement>(null);
  const last = snap.chat[snap.chat.length - 1];

  // The message box empties once one's own message comes back; a refused message stays to be changed.
  useEffect(() => {
    if (!last || last.from.userId !== state.you.userId) return;
    if (sent.current !== null && last.text === sent.current) {
      sent.current = null;
      setText('');
    }
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [last, state.you.userId]);
  useEffect(() => {
    const el = log.current;
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 80) el.scrollTop = el.scrollHeight;
  }, [snap.chat.length]);

  const canWrite = staff || mode !== 'off';
  const target: 'everyone' | 'host' = staff ? 'everyone' : mode === 'host_only' ? 'host' : to;
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!canWrite || text.trim() === '') return;
    sent.current = text.trim();
    conn.send({ type: 'chat', text, to: target });
  }
  const hintId = 'chat-hint';
  const describedBy = [hintId, refusal ? 'chat-refusal' : ''].filter(Boolean).join(' ');

  return (
    <section className="panel live-chat" aria-labelledby="chat-title">
      <h2 id="chat-title">Chat</h2>
      {staff ? (
        <fieldset className="live-chat-mode">
          <legend>Who can write in the chat</legend>
          <div className="checkboxes">
            {MODES.map((m) => (
              <label key={m.value} className="checkbox">
                <input type="radio" name="chat-mode" value={m.value} checked={mode === m.value} onChange={() => conn.send({ type: 'chat-mode', mode: m.value })} />
                <span>{m.label}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <div className="live-chat-log" role="log" aria-live="polite" aria-labelledby="chat-title" tabIndex={0} ref={log}>
        {snap.chat.length === 0 ? (
          <p className="hint">No messages yet.</p>
        ) : (
          <ol className="plain">
            {snap.chat.map((m) => (
              <li key={m.id} className={m.toHost ? 'live-chat-message live-chat-private' : 'live-chat-message'}>
                <span className="live-chat-from">
                  {m.from.userId === state.you.userId ? 'You' : m.from.displayName}
                  {m.toHost ? ' (to the host only)' : ''}
                </span>{' '}
                <span className="hint">{clockText(m.sentAt)}</span>
                <br />
                {m.text}
              </li>
            ))}
          </ol>
        )}
      </div>
      <form className="live-chat-form" onSubmit={submit}>
        <p className="hint" id={hintId}>
          {chatModeHint(mode, staff)}
        </p>
        {!staff && mode === 'everyone' ? (
          <fieldset>
            <legend className="visually-hidden">Send your message to</legend>
            <div className="checkboxes">
              <label className="checkbox">
                <input type="radio" name="chat-to" checked={to === 'everyone'} onChange={() => setTo('everyone')} />
                <span>To everyone</span>
              </label>
              <label className="checkbox">
                <input type="radio" name="chat-to" checked={to === 'host'} onChange={() => setTo('host')} />
                <span>To {view.host.displayName} only</span>
              </label>
            </div>
          </fieldset>
        ) : null}
        <label htmlFor="chat-text">Your message{target === 'host' && !staff ? ` to ${view.host.displayName}` : ''}</label>
        <div className="live-chat-row">
          <input id="chat-text" type="text" autoComplete="off" maxLength={2000} value={text} disabled={!canWrite} aria-describedby={describedBy} aria-invalid={refusal ? true : undefined} onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="button" disabled={!canWrite}>
            Send
          </button>
        </div>
        {refusal ? (
          <p className="error-message" id="chat-refusal" role="alert" key={refusal.at}>
            {refusal.message}
          </p>
        ) : null}
      </form>
    </section>
  );
}

// ——— checks for understanding (R-LIVE-14) ———

type Check = NonNullable<RoomState['check']>;

export function CheckPanel({ conn, snap, staff }: { conn: LiveConnection; snap: Snapshot; staff: boolean }) {
  const check = snap.state!.check;
  const refusal = refusalFor(snap, 'live.check.');
  if (!staff && !check) return null;
  return (
    <section className="panel live-check" aria-labelledby="check-title">
      <h2 id="check-title">{staff ? 'Check understanding' : check?.kind === 'poll' ? 'A poll from your teacher' : 'A question from your teacher'}</h2>
      {staff ? check ? <CheckResults check={check} send={conn.send} /> : <AskForm send={conn.send} /> : <AnswerForm key={check!.id} check={check!} send={conn.send} />}
      {refusal ? (
        <p className="error-message" role="alert" key={refusal.at}>
          {refusal.message}
        </p>
      ) : null}
    </section>
  );
}

function AskForm({ send }: { send: Send }) {
  const [kind, setKind] = useState<'poll' | 'question'>('poll');
  const [prompt, setPrompt] = useState('');
  const [options, setOptions] = useState(['', '']);
  const [problem, setProblem] = useState<string | null>(null);
  function submit(e: FormEvent) {
    e.preventDefault();
    const given = options.map((o) => o.trim()).filter(Boolean);
    if (prompt.trim() === '') return setProblem('Write the question first.');
    if (kind === 'poll' && given.length < 2) return setProblem('A poll needs at least two choices.');
    if (kind === 'poll' && new Set(given).size !== given.length) return setProblem('Each choice must be different.');
    setProblem(null);
    send({ type: 'check-open', kind, prompt: prompt.trim(), options: kind === 'poll' ? given : [] });
  }
  return (
    <form onSubmit={submit} noValidate>
      <fieldset>
        <legend>Ask</legend>
        <div className="checkboxes">
          <label className="checkbox">
            <input type="radio" name="check-kind" checked={kind === 'poll'} onChange={() => setKind('poll')} />
            <span>A poll (choices)</span>
          </label>
          <label className="checkbox">
            <input type="radio" name="check-kind" checked={kind === 'question'} onChange={() => setKind('question')} />
            <span>A short question (own words)</span>
          </label>
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="check-prompt">Question</label>
        <input id="check-prompt" type="text" maxLength={300} value={prompt} aria-describedby={problem ? 'check-problem' : undefined} onChange={(e) => setPrompt(e.target.value)} />
      </div>
      {kind === 'poll' ? (
        <fieldset>
          <legend>Choices (2 to 6)</legend>
          {options.map((o, i) => (
            <div key={i} className="field live-check-option">
              <label htmlFor={`check-option-${i}`}>Choice {i + 1}</label>
              <div className="live-chat-row">
                <input id={`check-option-${i}`} type="text" maxLength={100} value={o} onChange={(e) => setOptions(options.map((x, j) => (j === i ? e.target.value : x)))} />
                {options.length > 2 ? (
                  <button type="button" className="button secondary" aria-label={`Remove choice ${i + 1}`} onClick={() => setOptions(options.filter((_, j) => j !== i))}>
                    Remove
                  </button>
                ) : null}
              </div>
            </div>
          ))}
          {options.length < 6 ? (
            <button type="button" className="button secondary" onClick={() => setOptions([...options, ''])}>
              Add a choice
            </button>
          ) : null}
        </fieldset>
      ) : null}
      {problem ? (
        <p className="error-message" id="check-problem" role="alert">
          {problem}
        </p>
      ) : null}
      <button type="submit" className="button">
        Ask the class
      </button>
    </form>
  );
}

function CheckResults({ check, send }: { check: Check; send: Send }) {
  const results = check.results;
  const rows = checkCounts(check.options, results?.counts ?? {});
  const most = Math.max(1, ...rows.map((r) => r.count));
  return (
    <>
      <p className="live-check-prompt">
        <strong>{check.kind === 'poll' ? 'Poll' : 'Question'}:</strong> {check.prompt}
      </p>
      <p role="status">{results ? answeredText(results.answered, results.of) : 'Waiting for answers.'}</p>
      {rows.length ? (
        <div className="table-wrap">
          <table className="live-results">
            <caption className="visually-hidden">Answers so far</caption>
            <thead>
              <tr>
                <th scope="col">Answer</th>
                <th scope="col">How many</th>
                <th scope="col" aria-hidden="true">
                  <span className="visually-hidden">Bar</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.answer}>
                  <th scope="row">{r.answer}</th>
                  <td>{r.count}</td>
                  <td aria-hidden="true" className="live-bar-cell">
                    <span className="live-bar" style={{ width: `${(r.count / most) * 100}%` }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <button type="button" className="button secondary" onClick={() => send({ type: 'check-close', checkId: check.id })}>
        Close the {check.kind === 'poll' ? 'poll' : 'question'}
      </button>
    </>
  );
}

function AnswerForm({ check, send }: { check: Check; send: Send }) {
  const [answer, setAnswer] = useState(check.yourAnswer ?? '');
  function submit(e: FormEvent) {
    e.preventDefault();
    if (answer.trim()) send({ type: 'check-answer', checkId: check.id, answer: answer.trim() });
  }
  return (
    <form onSubmit={submit}>
      {check.kind === 'poll' ? (
        <fieldset>
          <legend className="live-check-prompt">{check.prompt}</legend>
          {check.options.map((o) => (
            <label key={o} className="checkbox live-check-choice">
              <input type="radio" name="check-answer" value={o} checked={answer === o} onChange={() => setAnswer(o)} />
              <span>{o}</span>
            </label>
          ))}
        </fieldset>
      ) : (
        <div className="field">
          <label htmlFor="check-answer">{check.prompt}</label>
          <input id="check-answer" type="text" maxLength={300} value={answer} onChange={(e) => setAnswer(e.target.value)} />
        </div>
      )}
      <button type="submit" className="button" disabled={!answer.trim()}>
        {check.yourAnswer ? 'Change my answer' : 'Send my answer'}
      </button>
      {check.yourAnswer ? (
        <p role="status" className="notice">
          Your answer: {check.yourAnswer}
        </p>
      ) : null}
    </form>
  );
}

// ——— 1-1s: an adult with the pupil (seed 002) ———

export function AdultConfirm({ confirmed, send }: { confirmed: boolean; send: Send }) {
  return (
    <section className="panel" aria-labelledby="adult-title">
      <h2 id="adult-title">An adult with the pupil</h2>
      {confirmed ? (
        <p className="notice" role="status">
          You have confirmed that an adult is with the pupil. You can let them in now.
        </p>
      ) : (
        <>
          <p>The policy asks you to check that a parent, carer or other adult is with the pupil before the 1-1 starts.</p>
          <button type="button" className="button" onClick={() => send({ type: 'adult-confirmed' })}>
            An adult is with the pupil
          </button>
        </>
      )}
    </section>
  );
}
