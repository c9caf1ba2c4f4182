/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { EmbeddedMediaProvider } from '../../src/server/modules/live/media/embedded/provider.js';
import type { JoinOptions, MediaPeer } from '../../src/server/modules/live/media/provider.js';
import { inspectRecording } from '../../src/server/modules/live/media/recording-check.js';
import { ClientSignal } from '../../src/server/modules/live/media/signals.js';

// Issue 6, Media: the embedded SFU with real Chromium peers (fake camera and microphone) on
// 127.0.0.1. A tiny signalling server of the test's own stands in for the live module's WebSocket:
// it joins only the participants the test admits, with the permissions the test gives.

const ROOM = 'lesson';
const HOST: JoinOptions = { role: 'host', permissions: { audio: true, video: true, screen: true }, receives: 'everyone' };
const LEARNER: JoinOptions = { role: 'participant', permissions: { audio: false, video: false, screen: false }, receives: 'everyone' };

/** The page: signalling over the WebSocket, a publish and a subscribe connection, stats for the test. */
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Media test</title></head>
<body><main><h1>Media test</h1><div id="tiles"></div></main><script>
const ws = new WebSocket('ws://' + location.host + '/signal' + location.search);
const send = (m) => ws.send(JSON.stringify(m));
let pub = null, sub = null, local = null;
const sources = {};
window.media = { refused: null, tracks: [], permissions: null, answers: 0 };
ws.onopen = () => (window.media.open = true);
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
window.publish = async (constraints) => {
  local = await navigator.mediaDevices.getUserMedia(constraints);
  pub = connection('publish');
  for (const track of local.getTracks()) {
    // Video goes as two simulcast layers, lowest first: the SFU gives the low one to \`low\` mode.
    const sendEncodings = track.kind === 'video' ? [{ rid: 'l', scaleResolutionDownBy: 2, maxBitrate: 150000 }, { rid: 'h', maxBitrate: 900000 }] : undefined;
    pub.addTransceiver(track, { direction: 'sendonly', sendEncodings });
  }
  await offer();
};
window.setMode = (mode) => send({ type: 'receive-mode', mode });
window.inbound = async (kind) => {
  const out = { bytes: 0, frames: 0, transportBytes: 0, height: 0 };
  if (!sub) return out;
  for (const s of (await sub.getStats()).values()) {
    if (s.type === 'inbound-rtp' && (!kind || s.kind === kind)) { out.bytes += s.bytesReceived; out.frames += s.framesDecoded || 0; out.height = Math.max(out.height, s.frameHeight || 0); }
    if (s.type === 'transport') out.transportBytes += s.bytesReceived;
  }
  return out;
};
ws.onmessage = async (e) => {
  const m = JSON.parse(e.data);
  if (m.type === 'publish-answer') {
    await pub.setRemoteDescription({ type: 'answer', sdp: m.sdp });
    window.media.refused = m.refused;
    window.media.answers += 1;
  } else if (m.type === 'subscribe-offer') {
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
  } else if (m.type === 'ice') {
    const pc = m.pc === 'publish' ? pub : sub;
    if (pc && m.candidate) await pc.addIceCandidate(m.candidate);
  } else if (m.type === 'permissions') {
    window.media.permissions = m.permissions;
    if (pub) await offer();
  }
};
</script></body></html>`;

let provider: EmbeddedMediaProvider;
let server: http.Server;
let sockets: WebSocketServer;
let base: string;
let browser: Browser;
let recordTo: string;
/** Who the "live module" has admitted, and their peers once joined. */
const admitted = new Map<string, JoinOptions>();
const peers = new Map<string, MediaPeer>();

beforeAll(async () => {
  recordTo = mkdtempSync(path.join(os.tmpdir(), 'continuum-media-e2e-'));
  provider = await EmbeddedMediaProvider.create({ ice: { additionalHostAddresses: ['127.0.0.1'], onlyAddresses: ['127.0.0.1'] } });
  await provider.openRoom(ROOM, { recordTo });
  server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(PAGE);
  });
  sockets = new WebSocketServer({ server, path: '/signal' });
  sockets.on('connection', (socket, req) => {
    const id = new URL(req.url ?? '/', 'http://x').searchParams.get('id') ?? '';
    const options = admitted.get(id);
    if (!options) return; // in the lobby: connected, but never joined to the media (R-LIVE-4)
    void provider
      .join(ROOM, id, options, (signal) => socket.send(JSON.stringify(signal)))
      .then((peer) => {
        peers.set(id, peer);
        socket.on('message', (data: Buffer) => {
          const signal = ClientSignal.parse(JSON.parse(data.toString()));
          void peer.handle(signal);
        });
        socket.on('close', () => void peer.leave());
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser({ media: true });
});

afterAll(async () => {
  await browser?.close();
  await provider?.close();
  sockets?.close();
  await new Promise((resolve) => server?.close(resolve));
  rmSync(recordTo, { recursive: true, force: true });
});

async function open(id: string, options: JoinOptions | null): Promise<Page> {
  if (options) admitted.set(id, options);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/?id=${id}`);
  await page.waitForFunction(() => (window as unknown as { media: { open?: boolean } }).media.open === true);
  return page;
}

type Inbound = { bytes: number; frames: number; transportBytes: number; height: number };
const inbound = (page: Page, kind?: 'audio' | 'video') =>
  page.evaluate((k) => (window as unknown as { inbound: (k?: string) => Promise<Inbound> }).inbound(k), kind);
const videoHeightNow = (page: Page) =>
  page.evaluate(async () => {
    const v = document.querySelector('video');
    return v ? v.videoHeight : 0;
  });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('embedded SFU in Chromium', () => {
  let teacher: Page;
  let learner: Page;
  let waiting: Page;

  it('R-LIVE-5 an admitted learner receives the teacher’s video frames; a learner in the lobby receives nothing', async () => {
    teacher = await open('teacher', HOST);
    learner = await open('learner', LEARNER);
    waiting = await open('waiting', null);
    await teacher.evaluate(() => (window as unknown as { publish: (c: object) => Promise<void> }).publish({ audio: true, video: { width: 640, height: 360 } }));
    await expect.poll(async () => (await inbound(learner, 'video')).frames, { timeout: 20_000, interval: 250 }).toBeGreaterThan(10);
    const before = (await inbound(learner, 'video')).frames;
    await pause(1_000);
    expect((await inbound(learner, 'video')).frames).toBeGreaterThan(before);
    expect((await inbound(learner, 'audio')).bytes).toBeGreaterThan(0);
    expect(await inbound(waiting)).toEqual({ bytes: 0, frames: 0, transportBytes: 0, height: 0 });
  });

  it('low-bitrate mode receives the teacher’s lowest simulcast layer, and full mode the highest', async () => {
    await expect.poll(async () => (await inbound(learner, 'video')).height, { timeout: 15_000, interval: 250 }).toBe(360);
    await learner.evaluate(() => (window as unknown as { setMode: (m: string) => void }).setMode('low'));
    await expect.poll(async () => videoHeightNow(learner), { timeout: 15_000, interval: 250 }).toBe(180);
    await learner.evaluate(() => (window as unknown as { setMode: (m: string) => void }).setMode('full'));
    await expect.poll(async () => videoHeightNow(learner), { timeout: 15_000, interval: 250 }).toBe(360);
  });

  it('R-LIVE-5 a learner’s microphone without permission reaches nobody until the host allows it', async () => {
    await learner.evaluate(() => (window as unknown as { publish: (c: object) => Promise<void> }).publish({ audio: true }));
    await learner.waitForFunction(() => (window as unknown as { media: { refused: string[] | null } }).media.refused !== null);
    expect(await learner.evaluate(() => (window as unknown as { media: { refused: string[] } }).media.refused)).toHaveLength(1);
    await pause(2_000);
    expect((await inbound(teacher, 'audio')).bytes).toBe(0);

    await peers.get('learner')?.setPermissions({ audio: true, video: false, screen: false });
    await expect.poll(async () => (await inbound(teacher, 'audio')).bytes, { timeout: 15_000, interval: 250 }).toBeGreaterThan(1_000);
    expect(await learner.evaluate(() => (window as unknown as { media: { refused: string[] } }).media.refused)).toEqual([]);
  });

  it('audio-only mode receives at most 64 kbps, measured from WebRTC stats', async () => {
    await learner.evaluate(() => (window as unknown as { setMode: (m: string) => void }).setMode('audio-only'));
    await expect
      .poll(() => learner.evaluate(() => (window as unknown as { media: { tracks: { source: string }[] } }).media.tracks.map((t) => t.source)), { timeout: 10_000 })
      .toEqual(['audio']);
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
    process.stdout.write(`audio-only received ${kbps.toFixed(1)} kbps (transport bytes, RTP and RTCP)\n`);
  });

  it('R-LIVE-7 records the lesson to a WebM file that plays', async () => {
    const { recordings } = await provider.closeRoom(ROOM);
    expect(recordings.length).toBeGreaterThanOrEqual(1);
    const teacherFile = recordings.find((f) => path.basename(f).endsWith('-teacher.webm'));
    expect(teacherFile).toBeDefined();
    const summary = await inspectRecording(teacherFile ?? '');
    expect(summary.durationSeconds).toBeGreaterThan(2);
    const video = summary.tracks.find((t) => t.kind === 'video');
    const audio = summary.tracks.find((t) => t.kind === 'audio');
    expect(video).toMatchObject({ codec: 'vp8' });
    expect(audio).toMatchObject({ codec: 'opus' });
    expect(video?.frames).toBeGreaterThan(30);
    expect(audio?.frames).toBeGreaterThan(100);
  });
});
