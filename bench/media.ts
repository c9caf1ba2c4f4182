// Issue 6, Media: one teacher stream (~1.25 Mbit/s: 30 VP8 frames a second and Opus) to 30
// receivers through the embedded SFU, against a plain werift relay measured in the same run
// (the figure for that relay: 26 % of a core and 137 MB). Three processes on loopback:
// the SFU (measured: CPU % of one core from /proc, RSS), one for the teacher, one for the 30
// receivers (werift peers; 30 Chromium tabs would not fit on 2 cores beside the SFU).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RTCPeerConnection, type MediaStreamTrack } from 'werift';
import { WebSocket, WebSocketServer } from 'ws';
import { EmbeddedMediaProvider } from '../src/server/modules/live/media/embedded/provider.js';
import type { JoinOptions } from '../src/server/modules/live/media/provider.js';
import { ClientSignal, type ServerSignal } from '../src/server/modules/live/media/signals.js';
import { WeriftBrowser } from '../src/server/modules/live/media/testing/werift-browser.js';
import { freePort, memoryOf, round, ROOT, type BenchResult, type Figure } from './harness.js';

const RECEIVERS = 30;
const WARM_UP_MS = 3_000;
const WINDOW_MS = 10_000;
const ROOM = 'bench';
const LOOPBACK = { additionalHostAddresses: ['127.0.0.1'], onlyAddresses: ['127.0.0.1'] };
const SELF = fileURLToPath(import.meta.url);

type Variant = 'embedded' | 'relay';
interface Joined {
  handle(signal: ClientSignal): Promise<void>;
}
type Join = (id: string, role: 'teacher' | 'receiver', send: (s: ServerSignal) => void) => Promise<Joined>;

// ——— the SFU process ———

async function embeddedJoin(): Promise<Join> {
  const provider = await EmbeddedMediaProvider.create({ ice: LOOPBACK });
  await provider.openRoom(ROOM, { recordTo: null });
  const teacher: JoinOptions = { role: 'host', permissions: { audio: true, video: true, screen: false }, receives: 'everyone' };
  const learner: JoinOptions = { role: 'participant', permissions: { audio: false, video: false, screen: false }, receives: 'hosts' };
  return (id, role, send) => provider.join(ROOM, id, role === 'teacher' ? teacher : learner, send);
}

/** The baseline: werift's own fan-out, each receiver's connection given the teacher's tracks with addTrack. */
function relayJoin(): Join {
  const config = () =>
    new RTCPeerConnection({
      iceServers: [],
      iceUseIpv6: false,
      iceAdditionalHostAddresses: LOOPBACK.additionalHostAddresses,
      iceFilterCandidatePair: (pair) => pair.localCandidate.host === '127.0.0.1' && pair.remoteCandidate.host === '127.0.0.1',
    });
  const tracks: { track: MediaStreamTrack; source: 'audio' | 'camera' }[] = [];
  return async (_id, role, send) => {
    const pc = config();
    const label = role === 'teacher' ? 'publish' : 'subscribe';
    pc.onIceCandidate.subscribe((c) => {
      const json = c?.toJSON();
      send({ type: 'ice', pc: label, candidate: json ? { candidate: json.candidate ?? '', sdpMid: json.sdpMid ?? null, sdpMLineIndex: json.sdpMLineIndex ?? null } : null });
    });
    if (role === 'receiver') {
      for (const { track } of tracks) pc.addTrack(track);
      await pc.setLocalDescription(await pc.createOffer());
      const mids = pc.getTransceivers().map((t, i) => ({ mid: t.mid ?? String(i), participantId: 'teacher', source: tracks[i]?.source ?? 'audio' }) as const);
      send({ type: 'subscribe-offer', sdp: pc.localDescription?.sdp ?? '', tracks: mids });
    }
    return {
      async handle(signal) {
        if (signal.type === 'publish-offer') {
          pc.onTrack.subscribe((track) => tracks.push({ track, source: track.kind === 'audio' ? 'audio' : 'camera' }));
          await pc.setRemoteDescription({ type: 'offer', sdp: signal.sdp });
          await pc.setLocalDescription(await pc.createAnswer());
          send({ type: 'publish-answer', sdp: pc.localDescription?.sdp ?? '', refused: [] });
        } else if (signal.type === 'subscribe-answer') {
          await pc.setRemoteDescription({ type: 'answer', sdp: signal.sdp });
        } else if (signal.type === 'ice' && signal.candidate) {
          const { candidate, sdpMid, sdpMLineIndex } = signal.candidate;
          await pc.addIceCandidate({ candidate, sdpMid: sdpMid ?? undefined, sdpMLineIndex: sdpMLineIndex ?? undefined });
        }
      },
    };
  };
}

async function serve(variant: Variant, port: number): Promise<void> {
  const join = variant === 'embedded' ? await embeddedJoin() : relayJoin();
  const sockets = new WebSocketServer({ host: '127.0.0.1', port });
  sockets.on('connection', (socket, req) => {
    const params = new URL(req.url ?? '/', 'http://x').searchParams;
    const role = params.get('role') === 'teacher' ? 'teacher' : 'receiver';
    const pending: ClientSignal[] = [];
    let peer: Joined | null = null;
    socket.on('message', (data: Buffer) => {
      const signal = ClientSignal.parse(JSON.parse(data.toString()));
      if (peer) void peer.handle(signal);
      else pending.push(signal);
    });
    void join(params.get('id') ?? '', role, (s) => socket.send(JSON.stringify(s))).then((p) => {
      peer = p;
      for (const s of pending) void p.handle(s);
    });
  });
  sockets.on('listening', () => process.stdout.write('listening\n'));
}

// ——— the teacher's and the receivers' processes ———

function connect(port: number, id: string, role: 'teacher' | 'receiver', browser: WeriftBrowser): Promise<void> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/?id=${id}&role=${role}`);
  browser.deliver = (signal) => socket.send(JSON.stringify(signal));
  socket.on('message', (data: Buffer) => browser.onSignal(JSON.parse(data.toString()) as ServerSignal));
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
}

async function teach(port: number): Promise<void> {
  const teacher = new WeriftBrowser(5); // 5 packets of ~1 KB a frame at 30 frames a second
  await connect(port, 'teacher', 'teacher', teacher);
  await teacher.publish(['audio', 'camera']);
  process.stdout.write('publishing\n');
}

async function receive(port: number, count: number): Promise<void> {
  const receivers = Array.from({ length: count }, () => new WeriftBrowser());
  for (const [i, r] of receivers.entries()) await connect(port, `learner-${i}`, 'receiver', r);
  setInterval(() => {
    const receiving = receivers.filter((r) => r.bytesFrom('teacher', 'camera') > 0).length;
    const bytes = receivers.reduce((n, r) => n + r.totalBytes, 0);
    process.stdout.write(`${JSON.stringify({ receiving, bytes })}\n`);
  }, 500);
}

// ——— the benchmark ———

/**
 * This file bundled to plain JavaScript (packages stay in node_modules), so the processes
 * measured carry no TypeScript loader, as `npm start` runs the server.
 */
async function bundle(): Promise<string> {
  const outfile = path.join(ROOT, 'node_modules', '.cache', 'continuum-bench', 'media.mjs');
  const esbuild = await import('esbuild');
  await esbuild.build({ entryPoints: [SELF], outfile, bundle: true, platform: 'node', format: 'esm', packages: 'external', target: 'node20', logLevel: 'error' });
  return outfile;
}

function child(script: string, args: string[]): { proc: ChildProcess; lines: string[]; waitFor: (ok: (line: string) => boolean, ms: number) => Promise<string> } {
  const proc = spawn(process.execPath, [script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let rest = '';
  proc.stdout?.on('data', (d: Buffer) => {
    const parts = (rest + d.toString()).split('\n');
    rest = parts.pop() ?? '';
    lines.push(...parts);
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  });
  let errors = '';
  proc.stderr?.on('data', (d: Buffer) => (errors = (errors + d.toString()).slice(-4_000)));
  const waitFor = async (ok: (line: string) => boolean, ms: number) => {
    const until = performance.now() + ms;
    for (;;) {
      const hit = lines.findLast(ok);
      if (hit) return hit;
      if (proc.exitCode !== null || performance.now() > until) throw new Error(`bench media ${args[0]}: ${proc.exitCode !== null ? 'exited' : 'timed out'}\n${errors}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { proc, lines, waitFor };
}

/** Seconds of CPU (user and system) the process has used. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

interface Measure {
  cpuPercent: number;
  rssMb: number;
  kbpsPerReceiver: number;
}

async function measure(script: string, variant: Variant): Promise<Measure> {
  const port = await freePort();
  const sfu = child(script, ['serve', variant, String(port)]);
  const children = [sfu.proc];
  try {
    await sfu.waitFor((l) => l === 'listening', 60_000);
    const teacher = child(script, ['teach', String(port)]);
    children.push(teacher.proc);
    await teacher.waitFor((l) => l === 'publishing', 60_000);
    const peers = child(script, ['receive', String(port), String(RECEIVERS)]);
    children.push(peers.proc);
    const status = () => JSON.parse(peers.lines.findLast((l) => l.startsWith('{')) ?? '{"bytes":0}') as { receiving: number; bytes: number };
    await peers.waitFor((l) => l.startsWith('{') && (JSON.parse(l) as { receiving: number }).receiving === RECEIVERS, 90_000);
    await new Promise((r) => setTimeout(r, WARM_UP_MS));
    const pid = sfu.proc.pid ?? 0;
    const [cpu0, bytes0, t0] = [cpuSeconds(pid), status().bytes, performance.now()];
    await new Promise((r) => setTimeout(r, WINDOW_MS));
    const [cpu1, bytes1, t1] = [cpuSeconds(pid), status().bytes, performance.now()];
    const seconds = (t1 - t0) / 1000;
    return {
      cpuPercent: round(((cpu1 - cpu0) / seconds) * 100),
      rssMb: round(memoryOf(pid).rssMb),
      kbpsPerReceiver: round(((bytes1 - bytes0) * 8) / seconds / RECEIVERS / 1000, 0),
    };
  } finally {
    for (const c of children.reverse()) c.kill('SIGKILL');
  }
}

function perMbit(m: Measure): number {
  return round(m.cpuPercent / ((m.kbpsPerReceiver * RECEIVERS) / 1000), 2);
}

export async function benchMedia(): Promise<BenchResult> {
  const script = await bundle();
  const relay = await measure(script, 'relay');
  const ours = await measure(script, 'embedded');
  const figures: Figure[] = [
    { name: `SFU CPU, one teacher to ${RECEIVERS} receivers`, value: ours.cpuPercent, unit: '% of a core', baseline: { name: 'plain werift relay', value: relay.cpuPercent }, goal: 26 },
    { name: `SFU memory (RSS), one teacher to ${RECEIVERS} receivers`, value: ours.rssMb, unit: 'MB', baseline: { name: 'plain werift relay', value: relay.rssMb }, goal: 137 },
    { name: 'received by each receiver', value: ours.kbpsPerReceiver, unit: 'kbit/s', baseline: { name: 'plain werift relay', value: relay.kbpsPerReceiver }, higherIsBetter: true },
    // What each forwarded megabit costs, so a relay that drops packets under load does not look cheaper.
    { name: 'SFU CPU per Mbit/s delivered', value: perMbit(ours), unit: '% of a core', baseline: { name: 'plain werift relay', value: perMbit(relay) } },
  ];
  return {
    bench: 'media',
    figures,
    notes: [
      `Goals are the issue's figures for a plain werift relay on this machine (26 % of a core, 137 MB); the baseline is that relay measured now. CPU over ${WINDOW_MS / 1000} s after ${WARM_UP_MS / 1000} s of warm-up, RSS at the end; both run as plain JavaScript bundled by esbuild.`,
      `The teacher sends ~1.23 Mbit/s of payload. The teacher and the receivers are werift peers in two other processes on the same 2 cores; payload bytes counted at the receivers (RTP payload, without headers). When the receivers' process is short of CPU it drops packets, so compare CPU per Mbit/s delivered as well as CPU.`,
    ],
  };
}

// Child processes: `node <bundle of this file> serve|teach|receive …`.
if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  const [mode, a, b] = process.argv.slice(2);
  if (mode === 'serve') await serve(a === 'relay' ? 'relay' : 'embedded', Number(a === 'relay' || a === 'embedded' ? b : a));
  else if (mode === 'teach') await teach(Number(a));
  else if (mode === 'receive') await receive(Number(a), Number(b));
}
