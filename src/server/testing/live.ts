import type WebSocket from 'ws';
import type { Invitation, RoomState, ServerMessage } from '../../shared/live.js';
import type { ServerSignal } from '../modules/live/media/signals.js';
import { WeriftBrowser } from '../modules/live/media/testing/werift-browser.js';
import type { Session, TestApp } from './app.js';

/** A participant's socket, collecting what the server says. */
export interface LiveClient {
  ws: WebSocket;
  messages: ServerMessage[];
  closed: Promise<number>;
  /** Waits for the first message (from now on, or already received) that matches. */
  next<T extends ServerMessage>(match: (m: ServerMessage) => m is T): Promise<T>;
  state(match: (s: RoomState) => boolean): Promise<RoomState>;
  send(m: object): void;
}

export async function connectLive(t: Pick<TestApp, 'app'>, s: Session, invitation: Pick<Invitation, 'sessionId' | 'link'>, link = new URL(invitation.link, 'http://x').searchParams.get('link')!): Promise<LiveClient> {
  const ws = await t.app.injectWS(`/api/live/sessions/${invitation.sessionId}/socket?link=${encodeURIComponent(link)}`, { headers: { cookie: s.cookie } });
  const messages: ServerMessage[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (d) => {
    messages.push(JSON.parse(d.toString()) as ServerMessage);
    for (const w of waiters.splice(0)) w();
  });
  const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
  const next = <T extends ServerMessage>(match: (m: ServerMessage) => m is T) =>
    new Promise<T>((resolve, reject) => {
      let seen = 0;
      const timer = setTimeout(() => reject(new Error(`no matching message; got ${JSON.stringify(messages)}`)), 5000);
      const look = () => {
        for (; seen < messages.length; seen++) {
          const m = messages[seen]!;
          if (match(m)) {
            clearTimeout(timer);
            messages.splice(0, seen + 1);
            return resolve(m);
          }
        }
        waiters.push(look);
      };
      look();
    });
  return {
    ws,
    messages,
    closed,
    next,
    state: (match) => next((m): m is RoomState => m.type === 'state' && match(m)),
    send: (m) => ws.send(JSON.stringify(m)),
  };
}

/**
 * A camera for a participant's socket: a werift peer that signals through it as a browser would,
 * so tests can publish real Opus and VP8 (`await camera.publish(['audio', 'camera'])`).
 */
export function cameraFor(client: LiveClient): WeriftBrowser {
  const camera = new WeriftBrowser();
  camera.deliver = (signal) => client.send({ type: 'signal', signal });
  client.ws.on('message', (d) => {
    const m = JSON.parse(d.toString()) as ServerMessage;
    if (m.type === 'signal') camera.onSignal(m.signal as ServerSignal);
  });
  return camera;
}
