import { MediaStreamTrack, RTCPeerConnection, RtpHeader, RtpPacket, type RTCRtpTransceiver } from 'werift';
import type { ClientSignal, MediaSource, ServerSignal, SubscribedTrack } from '../signals.js';

/**
 * A werift peer that plays a browser against a media provider, for tests and the benchmark:
 * it publishes synthetic Opus and VP8 (a keyframe every second) and counts what it receives.
 * It honours nothing it is told unless asked to: it keeps sending what the SFU refused, as a
 * tampered client would.
 */
export class WeriftBrowser {
  readonly received = new Map<string, { bytes: number; packets: number }>();
  tracks: SubscribedTrack[] = [];
  refused: string[] = [];
  permissionsChanges = 0;
  private publishPc: RTCPeerConnection | null = null;
  private subscribePc: RTCPeerConnection | null = null;
  private readonly sources = new Map<string, MediaSource>();
  private readonly outgoing: { track: MediaStreamTrack; source: MediaSource }[] = [];
  private timers: NodeJS.Timeout[] = [];
  private answered: (() => void) | null = null;
  private subscribeQueue: Promise<void> = Promise.resolve();
  deliver: (signal: ClientSignal) => void = () => undefined;

  /** `videoPacketsPerFrame` of ~1 KB at 30 frames a second: 5 make a ~1.2 Mbit/s camera. */
  constructor(private readonly videoPacketsPerFrame = 1) {}

  /** Hand every signal from the provider here. */
  onSignal = (signal: ServerSignal): void => {
    switch (signal.type) {
      case 'publish-answer':
        this.refused = signal.refused;
        void this.publishPc?.setRemoteDescription({ type: 'answer', sdp: signal.sdp }).then(() => this.answered?.());
        return;
      case 'subscribe-offer':
        this.subscribeQueue = this.subscribeQueue.then(() => this.answerSubscribe(signal.sdp, signal.tracks));
        return;
      case 'ice': {
        const pc = signal.pc === 'publish' ? this.publishPc : this.subscribePc;
        if (pc && signal.candidate) {
          const { candidate, sdpMid, sdpMLineIndex } = signal.candidate;
          void pc.addIceCandidate({ candidate, sdpMid: sdpMid ?? undefined, sdpMLineIndex: sdpMLineIndex ?? undefined });
        }
        return;
      }
      case 'permissions':
        this.permissionsChanges += 1;
        return;
    }
  };

  /** Offers `sources` on the publish connection and waits for the answer. */
  async publish(sources: MediaSource[]): Promise<void> {
    const pc = (this.publishPc ??= this.connection('publish'));
    for (const source of sources) {
      const track = new MediaStreamTrack({ kind: source === 'audio' ? 'audio' : 'video' });
      const transceiver = pc.addTransceiver(track, { direction: 'sendonly' });
      this.outgoing.push({ track, source });
      this.label(transceiver, source);
    }
    await this.offerAgain();
    if (this.timers.length === 0) this.startMedia();
  }

  /** Offers the same tracks again (after the SFU said permissions changed). */
  async offerAgain(): Promise<void> {
    const pc = this.publishPc;
    if (!pc) return;
    await pc.setLocalDescription(await pc.createOffer());
    for (const t of pc.getTransceivers()) {
      const source = this.sourceOf(t);
      if (t.mid && source) this.sources.set(t.mid, source);
    }
    const answered = new Promise<void>((resolve) => (this.answered = resolve));
    this.deliver({ type: 'publish-offer', sdp: pc.localDescription?.sdp ?? '', sources: Object.fromEntries(this.sources) });
    await answered;
  }

  bytesFrom(participantId: string, source: MediaSource): number {
    let total = 0;
    for (const t of this.tracks) if (t.participantId === participantId && t.source === source) total += this.received.get(t.mid)?.bytes ?? 0;
    return total;
  }

  get totalBytes(): number {
    let total = 0;
    for (const r of this.received.values()) total += r.bytes;
    return total;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await Promise.allSettled([this.publishPc?.close(), this.subscribePc?.close()]);
  }

  private transceiverSources = new WeakMap<RTCRtpTransceiver, MediaSource>();
  private label(t: RTCRtpTransceiver, source: MediaSource): void {
    this.transceiverSources.set(t, source);
  }
  private sourceOf(t: RTCRtpTransceiver): MediaSource | undefined {
    return this.transceiverSources.get(t);
  }

  private async answerSubscribe(sdp: string, tracks: SubscribedTrack[]): Promise<void> {
    const pc = (this.subscribePc ??= this.connection('subscribe'));
    await pc.setRemoteDescription({ type: 'offer', sdp });
    for (const t of pc.getTransceivers()) {
      if (!t.mid || this.received.has(t.mid)) continue;
      const counter = { bytes: 0, packets: 0 };
      this.received.set(t.mid, counter);
      const count = (track: MediaStreamTrack) =>
        track.onReceiveRtp.subscribe((packet) => {
          counter.bytes += packet.payload.length;
          counter.packets += 1;
        });
      // werift makes the receiving track while it applies the offer, before we can listen for it.
      for (const track of t.receiver.tracks) count(track);
      t.onTrack.subscribe(count);
    }
    await pc.setLocalDescription(await pc.createAnswer());
    this.tracks = tracks;
    this.deliver({ type: 'subscribe-answer', sdp: pc.localDescription?.sdp ?? '' });
  }

  private connection(role: 'publish' | 'subscribe'): RTCPeerConnection {
    const pc = new RTCPeerConnection({
      iceServers: [],
      iceUseIpv6: false,
      bundlePolicy: 'max-bundle',
      iceAdditionalHostAddresses: ['127.0.0.1'],
      iceFilterCandidatePair: (pair) => pair.localCandidate.host === '127.0.0.1' && pair.remoteCandidate.host === '127.0.0.1',
    });
    pc.onIceCandidate.subscribe((candidate) => {
      const json = candidate?.toJSON();
      this.deliver({
        type: 'ice',
        pc: role,
        candidate: json ? { candidate: json.candidate ?? '', sdpMid: json.sdpMid ?? null, sdpMLineIndex: json.sdpMLineIndex ?? null } : null,
      });
    });
    return pc;
  }

  /** 50 Opus packets a second of 80 bytes; 30 VP8 frames a second, a keyframe every 30. */
  private startMedia(): void {
    let audioSeq = 0;
    let videoSeq = 0;
    let frame = 0;
    this.timers.push(
      setInterval(() => {
        for (const { track, source } of this.outgoing) {
          if (source !== 'audio') continue;
          audioSeq += 1;
          track.writeRtp(new RtpPacket(new RtpHeader({ sequenceNumber: audioSeq & 0xffff, timestamp: audioSeq * 960, payloadType: 111, marker: true }), Buffer.alloc(80, 0xf8)));
        }
      }, 20),
      setInterval(() => {
        frame += 1;
        for (const { track, source } of this.outgoing) {
          if (source === 'audio') continue;
          for (let part = 0; part < this.videoPacketsPerFrame; part++) {
            videoSeq += 1;
            const payload = part === 0 ? vp8Frame(frame % 30 === 1) : VP8_CONTINUATION;
            const marker = part === this.videoPacketsPerFrame - 1;
            track.writeRtp(new RtpPacket(new RtpHeader({ sequenceNumber: videoSeq & 0xffff, timestamp: frame * 3000, payloadType: 96, marker }), payload));
          }
        }
      }, 33),
    );
  }
}

/** The rest of a frame: a descriptor that does not start a partition, then data. */
const VP8_CONTINUATION = Buffer.concat([Buffer.from([0x00]), Buffer.alloc(1000, 0x55)]);

/** The start of a VP8 frame: a payload descriptor, then a frame header (keyframes: 320×240). */
export function vp8Frame(keyframe: boolean): Buffer {
  const size = 1000;
  const body = Buffer.alloc(size, 0x55);
  body[0] = 0x10; // descriptor: S=1, partition 0
  const firstPartition = 200;
  const tag = (keyframe ? 0 : 1) | (0 << 1) | (1 << 4) | (firstPartition << 5); // P, version, show_frame, size
  body[1] = tag & 0xff;
  body[2] = (tag >> 8) & 0xff;
  body[3] = (tag >> 16) & 0xff;
  if (keyframe) {
    body.set([0x9d, 0x01, 0x2a], 4);
    body.writeUInt16LE(320, 7);
    body.writeUInt16LE(240, 9);
  }
  return body;
}
