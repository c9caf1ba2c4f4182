import type { ChatMessageView, ClientMessage, RoomState, ServerMessage } from '../../shared/live.js';
import type { ClientSignal, MediaSource, PublishPermissions, ReceiveMode, ServerSignal, SubscribedTrack } from '../../shared/live-media.js';

/**
 * One person's connection to a live session (R-LIVE-3..5): the session's WebSocket, and over
 * it the two peer connections with the media server (DESIGN.md, Live media): `publish`, where
 * this browser offers its microphone, camera or screen and the media server answers, refusing
 * what the host has not allowed; and `subscribe`, where the media server offers what this person
 * receives. A dropped socket is reopened by itself: the server lets an admitted person back
 * without the lobby for a while. The page reads snapshots through `subscribe`/`snapshot`.
 */

export type Phase =
  | { kind: 'idle' }
  | { kind: 'connecting' }
  | { kind: 'open' }
  | { kind: 'reconnecting'; attempt: number }
  | { kind: 'closed'; why: 'ended' | 'removed' | 'refused' | 'signed-out' | 'left'; message: string };

/** A track the media server sends, with the track itself once the browser has it. */
export interface RemoteTrack extends SubscribedTrack {
  track: MediaStreamTrack;
}

export type IceSummary = 'none' | 'connecting' | 'connected' | 'interrupted' | 'failed';

export interface Snapshot {
  phase: Phase;
  state: RoomState | null;
  /** The latest refusal from the server, in words. */
  refusal: { code: string; message: string; at: number } | null;
  /** What the host turned off since the last look ("Your teacher turned your microphone off"). */
  turnedOff: { source: 'audio' | 'camera'; at: number } | null;
  remote: RemoteTrack[];
  /** What this browser is sending or trying to send. */
  sending: Record<MediaSource, boolean>;
  /** Sources the media server refused on the last answer (R-LIVE-5). */
  refused: MediaSource[];
  permissions: PublishPermissions | null;
  /** The camera preview (and screen) of this browser. */
  preview: MediaStream | null;
  mode: ReceiveMode;
  ice: IceSummary;
  /** Share of received packets lost over the last few seconds, 0..1, when known. */
  loss: number | null;
  /** The browser could not use the camera or microphone, in words. */
  deviceProblem: string | null;
  /** Chat messages this person has received since joining, oldest first (R-LIVE-11). */
  chat: ChatMessageView[];
}

/** Enough chat to scroll back through a lesson, without the page growing for ever. */
const CHAT_KEPT = 300;

export interface InboundStats {
  audioBytes: number;
  videoBytes: number;
  framesDecoded: number;
  packets: number;
  transportBytes: number;
}

const MODE_KEY = 'continuum.live.receiveMode';
const NO_RETRY = new Set([1000, 1008, 4401, 4403, 4409]);

function savedMode(): ReceiveMode {
  try {
    const m = localStorage.getItem(MODE_KEY);
    return m === 'low' || m === 'audio-only' ? m : 'full';
  } catch {
    return 'full';
  }
}

const CONSTRAINTS: Record<'host' | 'learner', MediaStreamConstraints> = {
  host: { audio: { echoCancellation: true, noiseSuppression: true }, video: { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 24 } } },
  // Learners' phones: a small picture is enough, and spares their data.
  learner: { audio: { echoCancellation: true, noiseSuppression: true }, video: { width: { ideal: 320 }, height: { ideal: 240 }, frameRate: { ideal: 15 } } },
};

export class LiveConnection {
  private ws: WebSocket | null = null;
  private pub: RTCPeerConnection | null = null;
  private sub: RTCPeerConnection | null = null;
  private readonly transceivers = new Map<MediaSource, RTCRtpTransceiver>();
  private readonly local = new Map<MediaSource, MediaStreamTrack>();
  private signals: Promise<void> = Promise.resolve();
  private offering = false;
  private offerAgain = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private statsTimer: ReturnType<typeof setInterval> | null = null;
  private lastCounts: { received: number; lost: number } | null = null;
  private lastRefusal: { code: string; message: string } | null = null;
  private attempt = 0;
  private admittedOnce = false;
  /** Admitted on the socket open now (a new socket means a new peer on the media server). */
  private admittedHere = false;
  private listeners = new Set<() => void>();
  private snap: Snapshot;

  constructor(
    private readonly sessionId: string,
    private readonly link: string,
    private readonly host: boolean,
  ) {
    this.snap = {
      phase: { kind: 'idle' },
      state: null,
      refusal: null,
      turnedOff: null,
      remote: [],
      sending: { audio: false, camera: false, screen: false },
      refused: [],
      permissions: null,
      preview: null,
      mode: savedMode(),
      ice: 'none',
      loss: null,
      deviceProblem: null,
      chat: [],
    };
  }

  // ——— for React (useSyncExternalStore) ———

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): Snapshot => this.snap;

  private set(patch: Partial<Snapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const l of this.listeners) l();
  }

  // ——— the socket ———

  /** Opens the session's socket (the person pressed Join, or a dropped connection comes back). */
  connect(): void {
    if (this.ws) return;
    this.admittedHere = false;
    this.set({ phase: this.attempt > 0 ? { kind: 'reconnecting', attempt: this.attempt } : { kind: 'connecting' }, refusal: null });
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${location.host}/api/live/sessions/${this.sessionId}/socket?link=${encodeURIComponent(this.link)}`);
    this.ws = ws;
    ws.onmessage = (e) => {
      let message: ServerMessage;
      try {
        message = JSON.parse(String(e.data)) as ServerMessage;
      } catch {
        return;
      }
      this.receive(message);
    };
    ws.onclose = (e) => this.closed(ws, e.code);
    if (!this.statsTimer) this.statsTimer = setInterval(() => void this.measure(), 2000);
  }

  /** Leaves for good: closes everything and stops the camera and microphone. */
  leave(): void {
    this.finish({ kind: 'closed', why: 'left', message: 'You left the lesson.' });
  }

  /** Asks to come in again after being declined or removed: back to the lobby. */
  rejoin(): void {
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onclose = null;
      ws.close(1000);
    }
    this.dropPeers();
    this.attempt = 0;
    this.lastRefusal = null;
    this.connect();
  }

  send = (message: ClientMessage): void => {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  };

  private signal(signal: ClientSignal): void {
    this.send({ type: 'signal', signal });
  }

  private receive(m: ServerMessage): void {
    if (m.type === 'state') this.onState(m);
    else if (m.type === 'chat') {
      if (!this.snap.chat.some((c) => c.id === m.message.id)) this.set({ chat: [...this.snap.chat, m.message].slice(-CHAT_KEPT) });
    }
    else if (m.type === 'refused') {
      this.lastRefusal = { code: m.code, message: m.message };
      this.set({ refusal: { code: m.code, message: m.message, at: Date.now() } });
    } else if (m.type === 'signal') {
      this.signals = this.signals.then(() => this.onSignal(m.signal as ServerSignal)).catch(() => undefined);
    } else if (m.type === 'ended') this.finish({ kind: 'closed', why: 'ended', message: 'The host has ended this lesson for everyone.' });
    else if (m.type === 'removed') {
      this.finish({ kind: 'closed', why: 'removed', message: 'The host removed you from this lesson. If you join again, you will wait until the host lets you in.' });
    }
  }

  private onState(state: RoomState): void {
    const before = this.snap.state?.you;
    const you = state.you;
    this.attempt = 0;
    this.set({ state, phase: { kind: 'open' } });
    if (you.standing !== 'admitted') return;
    if (!this.admittedHere) {
      this.admittedHere = true;
      // The media server has a fresh peer for us: say how we want to receive, and send again what we sent before.
      if (this.snap.mode !== 'full') this.signal({ type: 'receive-mode', mode: this.snap.mode });
      const first = !this.admittedOnce;
      this.admittedOnce = true;
      if (first) {
        // The host appears with camera and microphone; learners with whatever the policy turns on at entry (R-LIVE-5).
        const on: MediaSource[] = this.host ? ['audio', 'camera'] : [...(you.audio ? (['audio'] as const) : []), ...(you.video ? (['camera'] as const) : [])];
        void this.turnOn(on);
      } else if (this.local.size) {
        void this.republish();
      }
      return;
    }
    // The host turned something off: stop sending it, and say so (R-LIVE-5).
    if (before?.audio && !you.audio && this.snap.sending.audio) {
      void this.setSending('audio', false);
      this.set({ turnedOff: { source: 'audio', at: Date.now() } });
    }
    if (before?.video && !you.video && this.snap.sending.camera) {
      void this.setSending('camera', false);
      this.set({ turnedOff: { source: 'camera', at: Date.now() } });
    }
  }

  private closed(ws: WebSocket, code: number): void {
    if (this.ws !== ws) return;
    this.ws = null;
    this.dropPeers();
    if (this.snap.phase.kind === 'closed') return;
    if (NO_RETRY.has(code)) {
      const message =
        code === 4401
          ? 'You are signed out. Sign in again, then open your link.'
          : (this.lastRefusal?.message ?? (code === 4409 ? 'Nobody new can join this lesson now.' : 'This link cannot be used to join.'));
      this.finish({ kind: 'closed', why: code === 4401 ? 'signed-out' : this.lastRefusal?.code === 'live.ended' ? 'ended' : 'refused', message });
      return;
    }
    // Dropped (a train tunnel, a router restarting): try again, sooner at first.
    this.attempt += 1;
    this.set({ phase: { kind: 'reconnecting', attempt: this.attempt }, ice: 'none', remote: [] });
    const delay = Math.min(1000 * 2 ** (this.attempt - 1), 10_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private finish(phase: Extract<Phase, { kind: 'closed' }>): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.statsTimer) clearInterval(this.statsTimer);
    this.statsTimer = null;
    const ws = this.ws;
    this.ws = null;
    ws?.close(1000);
    this.dropPeers();
    for (const track of this.local.values()) track.stop();
    this.local.clear();
    this.set({ phase, remote: [], preview: null, sending: { audio: false, camera: false, screen: false }, ice: 'none', loss: null });
  }

  /** A socket reconnect starts the media afresh: the server made a new peer for us. */
  private dropPeers(): void {
    this.pub?.close();
    this.sub?.close();
    this.pub = null;
    this.sub = null;
    this.transceivers.clear();
    this.offering = false;
    this.offerAgain = false;
    this.signals = Promise.resolve();
    this.lastCounts = null;
    this.set({ remote: [], refused: [], ice: 'none', loss: null });
  }

  // ——— media ———

  private connection(role: 'publish' | 'subscribe'): RTCPeerConnection {
    const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
    pc.onicecandidate = (e) => this.signal({ type: 'ice', pc: role, candidate: e.candidate ? e.candidate.toJSON() : null } as ClientSignal);
    pc.oniceconnectionstatechange = () => this.iceChanged();
    return pc;
  }

  private iceChanged(): void {
    const states = [this.pub, this.sub].filter((pc): pc is RTCPeerConnection => pc !== null).map((pc) => pc.iceConnectionState);
    const ice: IceSummary = states.length === 0
      ? 'none'
      : states.includes('failed')
        ? 'failed'
        : states.includes('disconnected')
          ? 'interrupted'
          : states.every((s) => s === 'connected' || s === 'completed')
            ? 'connected'
            : 'connecting';
    this.set({ ice });
    // ICE gave up: start the media again through a fresh socket (a new peer on the server).
    if (ice === 'failed') this.ws?.close(4000, 'media failed');
  }

  private async onSignal(signal: ServerSignal): Promise<void> {
    switch (signal.type) {
      case 'publish-answer': {
        if (!this.pub) return;
        await this.pub.setRemoteDescription({ type: 'answer', sdp: signal.sdp });
        const refused = [...this.transceivers].filter(([, t]) => t.mid !== null && signal.refused.includes(t.mid)).map(([source]) => source);
        this.offering = false;
        this.set({ refused });
        if (this.offerAgain) await this.offer();
        return;
      }
      case 'subscribe-offer': {
        const sub = (this.sub ??= this.connection('subscribe'));
        await sub.setRemoteDescription({ type: 'offer', sdp: signal.sdp });
        await sub.setLocalDescription();
        this.signal({ type: 'subscribe-answer', sdp: sub.localDescription?.sdp ?? '' });
        const byMid = new Map(sub.getTransceivers().map((t) => [t.mid, t.receiver.track]));
        const remote = signal.tracks.flatMap((t) => {
          const track = byMid.get(t.mid);
          return track ? [{ ...t, track }] : [];
        });
        this.set({ remote });
        return;
      }
      case 'ice': {
        const pc = signal.pc === 'publish' ? this.pub : this.sub;
        if (pc && signal.candidate) await pc.addIceCandidate(signal.candidate);
        return;
      }
      case 'permissions':
        this.set({ permissions: signal.permissions });
        // Offer again: the media server now accepts (or refuses) each track afresh.
        if (this.pub) await this.offer();
        return;
    }
  }

  private async offer(): Promise<void> {
    const pub = this.pub;
    if (!pub) return;
    if (this.offering) {
      this.offerAgain = true;
      return;
    }
    this.offering = true;
    this.offerAgain = false;
    await pub.setLocalDescription();
    const sources: Record<string, MediaSource> = {};
    for (const [source, t] of this.transceivers) if (t.mid) sources[t.mid] = source;
    this.signal({ type: 'publish-offer', sdp: pub.localDescription?.sdp ?? '', sources });
  }

  private async turnOn(sources: MediaSource[]): Promise<void> {
    for (const source of sources) await this.setSending(source, true, false);
    await this.queueOffer();
  }

  private queueOffer(): Promise<void> {
    this.signals = this.signals.then(() => this.offer()).catch(() => undefined);
    return this.signals;
  }

  /**
   * Starts or stops sending one source. The page's buttons call this only when the host allows
   * it; the media server refuses it anyway when not (R-LIVE-5), and learners get no screen button.
   */
  async setSending(source: MediaSource, on: boolean, offerNow = true): Promise<void> {
    if (on) {
      let track = this.local.get(source);
      if (!track || track.readyState === 'ended') {
        try {
          track = await this.capture(source);
        } catch (e) {
          this.set({ deviceProblem: deviceProblemText(source, e) });
          return;
        }
        this.local.set(source, track);
        track.onended = () => void this.setSending(source, false);
      }
      this.set({ deviceProblem: null });
      await this.attach(source, track);
    } else {
      const track = this.local.get(source);
      track?.stop();
      this.local.delete(source);
      const t = this.transceivers.get(source);
      if (t) {
        await t.sender.replaceTrack(null);
        t.direction = 'inactive';
      }
    }
    this.set({ sending: { ...this.snap.sending, [source]: on }, preview: this.previewStream() });
    if (offerNow) await this.queueOffer();
  }

  private async capture(source: MediaSource): Promise<MediaStreamTrack> {
    if (source === 'screen') {
      const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
      return stream.getVideoTracks()[0]!;
    }
    const all = CONSTRAINTS[this.host ? 'host' : 'learner'];
    const stream = await navigator.mediaDevices.getUserMedia(source === 'audio' ? { audio: all.audio } : { video: all.video });
    return stream.getTracks()[0]!;
  }

  private async attach(source: MediaSource, track: MediaStreamTrack): Promise<void> {
    const pub = (this.pub ??= this.connection('publish'));
    const existing = this.transceivers.get(source);
    if (existing) {
      await existing.sender.replaceTrack(track);
      existing.direction = 'sendonly';
      return;
    }
    // The host's camera goes as two layers, lowest first: the media server gives the low one to "Low data".
    const sendEncodings =
      source === 'camera' && this.host
        ? [
            { rid: 'l', scaleResolutionDownBy: 2, maxBitrate: 150_000 },
            { rid: 'h', maxBitrate: 700_000 },
          ]
        : source === 'camera'
          ? [{ maxBitrate: 250_000 }]
          : undefined;
    this.transceivers.set(source, pub.addTransceiver(track, { direction: 'sendonly', sendEncodings }));
  }

  /** After a reconnect: the tracks still running go on a new publish connection. */
  private async republish(): Promise<void> {
    for (const [source, track] of this.local) await this.attach(source, track);
    await this.queueOffer();
  }

  private previewStream(): MediaStream | null {
    const video = this.local.get('camera') ?? this.local.get('screen');
    return video ? new MediaStream([video]) : null;
  }

  /** Receives less (R-LIVE, low bandwidth): the media server sends the low layer, or no video. */
  setMode(mode: ReceiveMode): void {
    try {
      localStorage.setItem(MODE_KEY, mode);
    } catch {
      // private browsing: the choice lasts for this page only
    }
    this.set({ mode });
    if (this.snap.state?.you.standing === 'admitted') this.signal({ type: 'receive-mode', mode });
  }

  // ——— how the connection is doing ———

  async inbound(): Promise<InboundStats> {
    const out: InboundStats = { audioBytes: 0, videoBytes: 0, framesDecoded: 0, packets: 0, transportBytes: 0 };
    for (const s of await statsOf(this.sub)) {
      if (s.type === 'inbound-rtp') {
        const bytes = Number(s.bytesReceived ?? 0);
        if (s.kind === 'audio') out.audioBytes += bytes;
        else out.videoBytes += bytes;
        out.framesDecoded += Number(s.framesDecoded ?? 0);
        out.packets += Number(s.packetsReceived ?? 0);
      }
      if (s.type === 'transport') out.transportBytes += Number(s.bytesReceived ?? 0);
    }
    return out;
  }

  /** Packet loss over the last interval, from the receiving connection's stats. */
  private async measure(): Promise<void> {
    const stats = await statsOf(this.sub);
    if (stats.length === 0) return;
    let received = 0;
    let lost = 0;
    for (const s of stats) {
      if (s.type !== 'inbound-rtp') continue;
      received += Number(s.packetsReceived ?? 0);
      lost += Math.max(0, Number(s.packetsLost ?? 0));
    }
    const last = this.lastCounts;
    this.lastCounts = { received, lost };
    if (!last) return;
    const r = received - last.received;
    const l = lost - last.lost;
    const loss = r + l > 20 ? l / (r + l) : null;
    if (loss !== this.snap.loss) this.set({ loss });
  }

  /** The peer connections, for tests and the browser's own tools. */
  get peers(): { publish: RTCPeerConnection | null; subscribe: RTCPeerConnection | null } {
    return { publish: this.pub, subscribe: this.sub };
  }
}

type Stat = Record<string, unknown> & { type: string };

async function statsOf(pc: RTCPeerConnection | null): Promise<Stat[]> {
  if (!pc) return [];
  const out: Stat[] = [];
  (await pc.getStats()).forEach((s: Stat) => out.push(s));
  return out;
}

function deviceProblemText(source: MediaSource, e: unknown): string {
  const what = source === 'audio' ? 'microphone' : source === 'camera' ? 'camera' : 'screen';
  const name = (e as { name?: string } | null)?.name;
  if (name === 'NotAllowedError') return `Your browser did not allow the ${what}. Allow it in the browser’s settings for this site, then try again.`;
  if (name === 'NotFoundError') return `No ${what} was found on this device.`;
  return `The ${what} could not be started. Close other apps that may be using it, then try again.`;
}
