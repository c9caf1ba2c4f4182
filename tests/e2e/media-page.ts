/// <reference lib="dom" />
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { WebSocketServer } from 'ws';
import type { JoinOptions, MediaPeer, MediaProvider } from '../../src/server/modules/live/media/provider.js';
import { ClientSignal } from '../../src/server/modules/live/media/signals.js';

// What the media providers' browser tests (media-embedded, media-janus, media-janus-restart) share:
// a test page that speaks our media signalling, and a tiny signalling server of the test's own that
// stands in for the live module's WebSocket: it joins to the provider's room only the participants
// the test admits, with the permissions the test gives, and re-joins them when the provider loses
// their media, as the hub does.

export const HOST: JoinOptions = { role: 'host', permissions: { audio: true, video: true, screen: true }, receives: 'everyone' };
export const LEARNER: JoinOptions = { role: 'participant', permissions: { audio: false, video: false, screen: false }, receives: 'everyone' };

/**
 * The page: signalling over the WebSocket, a publish and a subscribe connection, stats for the
 * test. Video goes as two simulcast layers, lowest first (the SFU gives the low one to `low`
 * mode). `?tamper=1` plays a client that ignores the SFU: it turns an `inactive` answer back into
 * `recvonly` and sends what it was refused anyway. Like the live page, a socket that closes for
 * any reason but a normal end comes back after a second and starts its media afresh.
 */
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Media test</title></head>
<body><main><h1>Media test</h1><div id="tiles"></div></main><script>
const params = new URLSearchParams(location.search);
let ws = null, pub = null, sub = null, local = null, subQueue = Promise.resolve(), sources = {};
const send = (m) => ws && ws.readyState === 1 && ws.send(JSON.stringify(m));
window.media = { open: false, connects: 0, refused: null, tracks: [], permissions: null, offers: 0 };
function connect() {
  const socket = new WebSocket('ws://' + location.host + '/signal' + location.search);
  ws = socket;
  socket.onopen = () => {
    window.media.open = true;
    window.media.connects += 1;
    if (local) void publishLocal();
  };
  socket.onmessage = (e) => void receive(JSON.parse(e.data));
  socket.onclose = (e) => {
    if (ws !== socket) return;
    window.media.open = false;
    dropPeers();
    if (e.code !== 1000) setTimeout(connect, 1000);
  };
}
function dropPeers() {
  pub?.close(); sub?.close();
  pub = null; sub = null; sources = {}; subQueue = Promise.resolve();
  window.media.refused = null; window.media.tracks = [];
  document.getElementById('tiles').replaceChildren();
}
function connection(role) {
  const pc = new RTCPeerConnection();
  pc.onicecandidate = (e) => send({ type: 'ice', pc: role, candidate: e.candidate ? e.candidate.toJSON() : null });
  return pc;
}
async function offer() {
  await pub.setLocalDescription();
  for (const t of pub.getTransceivers()) if (t.mid && t.sender.track) sources[t.mid] = t.sender.track.kind === 'audio' ? 'audio' : 'camera';
  send({ type: 'publish-offer', sdp: pub.localDescription.sdp, sources });
}
async function publishLocal() {
  pub = connection('publish');
  for (const track of local.getTracks()) {
    const sendEncodings = track.kind === 'video' ? [{ rid: 'l', scaleResolutionDownBy: 2, maxBitrate: 150000 }, { rid: 'h', maxBitrate: 900000 }] : undefined;
    pub.addTransceiver(track, { direction: 'sendonly', sendEncodings });
  }
  await offer();
}
window.publish = async (constraints) => {
  local = await navigator.mediaDevices.getUserMedia(constraints);
  await publishLocal();
};
window.setMode = (mode) => send({ type: 'receive-mode', mode });
window.stats = async (which, type, kind) => {
  const out = { bytes: 0, frames: 0, transportBytes: 0, height: 0 };
  const pc = which === 'pub' ? pub : sub;
  if (!pc) return out;
  for (const s of (await pc.getStats()).values()) {
    if (s.type === type && (!kind || s.kind === kind)) { out.bytes += s.bytesReceived ?? s.bytesSent ?? 0; out.frames += s.framesDecoded || 0; out.height = Math.max(out.height, s.frameHeight || 0); }
    if (s.type === 'transport') out.transportBytes += s.bytesReceived;
  }
  return out;
};
async function subscribeOffer(m) {
  if (!sub) {
    sub = connection('subscribe');
    sub.ontrack = (ev) => {
      const el = document.createElement(ev.track.kind === 'audio' ? 'audio' : 'video');
      el.srcObject = new MediaStream([ev.track]);
      el.muted = true; el.autoplay = true;
      document.getElementById('tiles').append(el);
    };
  }
  await sub.setRemoteDescription({ type: 'offer', sdp: m.sdp });
  await sub.setLocalDescription();
  send({ type: 'subscribe-answer', sdp: sub.localDescription.sdp });
  window.media.tracks = m.tracks;
  window.media.offers += 1;
}
async function receive(m) {
  if (m.type === 'publish-answer') {
    if (!pub) return;
    const sdp = params.get('tamper') ? m.sdp.replace(/a=inactive/g, 'a=recvonly') : m.sdp;
    await pub.setRemoteDescription({ type: 'answer', sdp });
    window.media.refused = m.refused;
  } else if (m.type === 'subscribe-offer') {
    subQueue = subQueue.then(() => subscribeOffer(m));
  } else if (m.type === 'ice') {
    const pc = m.pc === 'publish' ? pub : sub;
    if (pc && m.candidate) await pc.addIceCandidate(m.candidate).catch(() => undefined);
  } else if (m.type === 'permissions') {
    window.media.permissions = m.permissions;
    if (pub) await offer();
  }
}
connect();
</script></body></html>`;

export interface MediaPageServer {
  /** The page's address, e.g. `http://127.0.0.1:1234`. */
  base: string;
  /** Who "the live module" has admitted, with what they may do; a socket of anyone else stays in the lobby. */
  admitted: Map<string, JoinOptions>;
  /** Each admitted participant's peer in the provider's room (the latest, after a re-join). */
  peers: Map<string, MediaPeer>;
  /** Joins that failed (the provider refused, or was down). */
  errors: unknown[];
  close(): Promise<void>;
}

/** Serves the page and its signalling on `host`, joining admitted participants to `room` in `provider`. */
export async function serveMediaPage(provider: MediaProvider, room: string, host: string): Promise<MediaPageServer> {
  const admitted = new Map<string, JoinOptions>();
  const peers = new Map<string, MediaPeer>();
  const errors: unknown[] = [];
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(PAGE);
  });
  const sockets = new WebSocketServer({ server, path: '/signal' });
  sockets.on('connection', (socket, req) => {
    const id = new URL(req.url ?? '/', 'http://x').searchParams.get('id') ?? '';
    const options = admitted.get(id);
    if (!options) return; // in the lobby: connected, but never joined to the media (R-LIVE-4)
    const pending: ClientSignal[] = [];
    let peer: MediaPeer | null = null;
    let closed = false;
    socket.on('message', (data: Buffer) => {
      const signal = ClientSignal.parse(JSON.parse(data.toString()));
      if (peer) void peer.handle(signal);
      else pending.push(signal);
    });
    socket.on('close', () => {
      closed = true;
      void peer?.leave();
    });
    // As the hub does when the provider loses a participant's media: the page reconnects and is joined afresh.
    const onLost = () => socket.close(1012, 'media restarted');
    provider
      .join(room, id, { ...options, onLost }, (signal) => socket.send(JSON.stringify(signal)))
      .then((p) => {
        peer = p;
        peers.set(id, p);
        if (closed) void p.leave();
        for (const s of pending.splice(0)) void p.handle(s);
      })
      .catch((e: unknown) => errors.push(e));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    base: `http://${host}:${(server.address() as AddressInfo).port}`,
    admitted,
    peers,
    errors,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A page of its own (a browser context) for `id`, admitted with `options` or (null) left in the lobby. */
export async function openMediaPage(browser: Browser, server: MediaPageServer, id: string, options: JoinOptions | null, query = ''): Promise<Page> {
  if (options) server.admitted.set(id, options);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.base}/?id=${id}${query}`);
  await page.waitForFunction(() => (window as unknown as TestWindow).media.open);
  return page;
}

export type Stats = { bytes: number; frames: number; transportBytes: number; height: number };
interface TestWindow {
  media: { open: boolean; connects: number; refused: string[] | null; tracks: { participantId: string; source: string }[]; permissions: unknown; offers: number };
  publish(constraints: MediaStreamConstraints): Promise<void>;
  setMode(mode: string): void;
  stats(which: 'pub' | 'sub', type: string, kind?: string): Promise<Stats>;
}

/** What the page receives (all of it, or one kind). */
export const inbound = (page: Page, kind?: 'audio' | 'video') => page.evaluate((k) => (window as unknown as TestWindow).stats('sub', 'inbound-rtp', k), kind);
/** What the page sends of one kind. */
export const outbound = (page: Page, kind: 'audio' | 'video') => page.evaluate((k) => (window as unknown as TestWindow).stats('pub', 'outbound-rtp', k), kind);
export const publish = (page: Page, constraints: MediaStreamConstraints) => page.evaluate((c) => (window as unknown as TestWindow).publish(c), constraints);
export const setMode = (page: Page, mode: 'full' | 'low' | 'audio-only') => page.evaluate((m) => (window as unknown as TestWindow).setMode(m), mode);
/** The mids the SFU refused on the last publish answer (null: no answer yet). */
export const refused = (page: Page) => page.evaluate(() => (window as unknown as TestWindow).media.refused);
/** What the page is sent now, as `participant:source`, sorted. */
export const tracksOf = (page: Page) => page.evaluate(() => (window as unknown as TestWindow).media.tracks.map((t) => `${t.participantId}:${t.source}`).sort());
/** How many times the page's socket has opened (1, then once more for each reconnect). */
export const connects = (page: Page) => page.evaluate(() => (window as unknown as TestWindow).media.connects);
export const videoHeightNow = (page: Page) => page.evaluate(() => document.querySelector('video')?.videoHeight ?? 0);
export const waitForAnswer = (page: Page) => page.waitForFunction(() => (window as unknown as TestWindow).media.refused !== null);
export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ——— steps of the journey every provider's test takes ———

/** A teacher (host), a learner (admitted, with nothing allowed; `learnerQuery` e.g. `&tamper=1`) and a learner still waiting. */
export async function openClass(browser: Browser, server: MediaPageServer, learnerQuery = ''): Promise<{ teacher: Page; learner: Page; waiting: Page }> {
  return {
    teacher: await openMediaPage(browser, server, 'teacher', HOST),
    learner: await openMediaPage(browser, server, 'learner', LEARNER, learnerQuery),
    waiting: await openMediaPage(browser, server, 'waiting', null),
  };
}

/** The host allows the learner's microphone: the SFU refuses it no more, and the teacher hears it. */
export async function expectMicrophoneAllowed(server: MediaPageServer, teacher: Page, learner: Page, timeoutMs: number): Promise<void> {
  await server.peers.get('learner')?.setPermissions({ audio: true, video: false, screen: false });
  await expect.poll(async () => (await inbound(teacher, 'audio')).bytes, { timeout: timeoutMs, interval: 250 }).toBeGreaterThan(1_000);
  expect(await refused(learner)).toEqual([]);
}

/** Video frames reach `page` (more than 10 within `timeoutMs`, and more a second later), and audio. */
export async function expectFramesFlowing(page: Page, timeoutMs: number): Promise<void> {
  await expect.poll(async () => (await inbound(page, 'video')).frames, { timeout: timeoutMs, interval: 250 }).toBeGreaterThan(10);
  const before = (await inbound(page, 'video')).frames;
  await pause(1_000);
  expect((await inbound(page, 'video')).frames).toBeGreaterThan(before);
  expect((await inbound(page, 'audio')).bytes).toBeGreaterThan(0);
}

/** R-LIVE-5: the teacher publishes; the admitted learner gets frames; the one in the lobby nothing. */
export async function expectTeacherReachesOnlyAdmitted(teacher: Page, learner: Page, waiting: Page, timeoutMs: number): Promise<void> {
  await publish(teacher, { audio: true, video: { width: 640, height: 360 } });
  await expectFramesFlowing(learner, timeoutMs);
  expect(await inbound(waiting)).toEqual({ bytes: 0, frames: 0, transportBytes: 0, height: 0 });
}

/** Low-bitrate mode gets the teacher's lowest simulcast layer (180 lines), full mode the highest (360). */
export async function expectLayersFollowMode(learner: Page, firstTimeoutMs: number): Promise<void> {
  await expect.poll(async () => (await inbound(learner, 'video')).height, { timeout: firstTimeoutMs, interval: 250 }).toBe(360);
  await setMode(learner, 'low');
  await expect.poll(async () => videoHeightNow(learner), { timeout: 15_000, interval: 250 }).toBe(180);
  await setMode(learner, 'full');
  await expect.poll(async () => videoHeightNow(learner), { timeout: 15_000, interval: 250 }).toBe(360);
}

/** The learner offers their microphone without permission: the SFU refuses it in its answer. */
export async function expectMicrophoneRefused(learner: Page): Promise<void> {
  await publish(learner, { audio: true });
  await waitForAnswer(learner);
  expect(await refused(learner)).toHaveLength(1);
}

/** Audio-only mode: only the teacher's audio, at most 64 kbps on the wire (RTP and RTCP); returns the kbps. */
export async function expectAudioOnlyBudget(learner: Page, tracksTimeoutMs: number): Promise<number> {
  await setMode(learner, 'audio-only');
  await expect.poll(() => tracksOf(learner), { timeout: tracksTimeoutMs }).toEqual(['teacher:audio']);
  await pause(1_500); // let video already in flight drain
  const start = await inbound(learner);
  const t0 = performance.now();
  await pause(5_000);
  const end = await inbound(learner);
  const kbps = ((end.transportBytes - start.transportBytes) * 8) / (performance.now() - t0);
  const videoBefore = (await inbound(learner, 'video')).bytes;
  await pause(500);
  expect((await inbound(learner, 'video')).bytes).toBe(videoBefore);
  expect(kbps).toBeGreaterThan(8); // the teacher is still heard
  expect(kbps).toBeLessThanOrEqual(64);
  return kbps;
}
