import { performance } from 'node:perf_hooks';
import {
  ReceiverEstimatedMaxBitrate,
  RtcpPayloadSpecificFeedback,
  Vp8RtpPayload,
  type MediaStreamTrack, type RTCRtpSender, type RTCRtpTransceiver, type RtpPacket } from 'werift';
import { mayPublish, type PublicationFacts } from '../forwarding.js';
import type { MediaSource } from '../signals.js';

/** What a publication needs to know about the participant who sends it. */
export interface Publisher {
  readonly participantId: string;
  readonly role: PublicationFacts['role'];
  readonly permissions: PublicationFacts['permissions'];
}

/** One receiver's m-line that carries a publication: the layer it gets, and whether it waits for a keyframe. */
export interface Forward {
  readonly sender: RTCRtpSender;
  /** The layer the receiver should get (forwarding rules). */
  preferred: string;
  /** The layer it gets now: the preferred one, or the nearest one the browser still sends. */
  layer: string;
  waitingForKeyframe: boolean;
}

/** A sink that gets the top layer's packets as forwarded (the room's recording). */
export type Tap = (packet: RtpPacket) => void;

/** Fewer picture-loss requests than this apart are merged: a keyframe costs a burst of bitrate. */
const KEYFRAME_REQUEST_INTERVAL_MS = 500;
/** How often the SFU tells a browser the video bitrate to aim for (REMB). */
const BITRATE_HINT_INTERVAL_MS = 1_000;
/** A layer with no packet for this long is taken as paused by the browser (its uplink is short). */
const LAYER_SILENT_MS = 1_000;
/** What a browser may send, all simulcast layers together: a lesson's camera, a shared screen. */
export const VIDEO_BITRATE_CAP: Record<'camera' | 'screen', number> = { camera: 1_200_000, screen: 2_500_000 };

/**
 * One m-line a participant publishes (a microphone, a camera or a screen), with its simulcast
 * layers. Every packet passes the permission gate here, so what the participant may not
 * publish reaches no receiver and no recording, whatever its browser does (R-LIVE-5).
 */
export class Publication {
  /** Layers by rid (`''` without simulcast), lowest first. */
  layers: string[] = [''];
  /** Whether the last answer accepted it: the browser sends it now. */
  accepted = false;
  readonly forwards = new Set<Forward>();
  readonly taps = new Set<Tap>();
  /** Packets the gate held back: the browser sent what its participant may not publish. */
  refusedPackets = 0;
  private readonly tracks = new Map<string, MediaStreamTrack>();
  private readonly lastKeyframeRequest = new Map<string, number>();
  private lastBitrateHint = -Infinity;
  private lastLayerCheck = -Infinity;
  private readonly lastPacketAt = new Map<string, number>();

  constructor(
    readonly publisher: Publisher,
    readonly transceiver: RTCRtpTransceiver,
    public source: MediaSource,
  ) {}

  get kind(): 'audio' | 'video' {
    return this.transceiver.kind === 'audio' ? 'audio' : 'video';
  }

  get topLayer(): string {
    return this.layers[this.layers.length - 1] ?? '';
  }

  /** The negotiated codec, once a track has been seen (the recording needs it). */
  get codec(): MediaStreamTrack['codec'] {
    for (const track of this.tracks.values()) if (track.codec) return track.codec;
    return undefined;
  }

  /** Whether media can flow: accepted, and werift has a track for it. */
  get live(): boolean {
    return this.accepted && this.tracks.size > 0;
  }

  facts(): PublicationFacts {
    const { participantId, role, permissions } = this.publisher;
    return { participantId, role, permissions, source: this.source };
  }

  /** Listens to every track werift has made for this m-line (one per simulcast layer). */
  attachTracks(): void {
    const receiver = this.transceiver.receiver;
    const tracks = receiver.tracks.length > 0 ? receiver.tracks : [receiver.track];
    for (const track of tracks) {
      const layer = track.rid ?? '';
      if (this.tracks.get(layer) === track) continue;
      this.tracks.set(layer, track);
      track.onReceiveRtp.subscribe((packet) => this.forward(layer, packet));
    }
  }

  /** Asks the browser for a keyframe on one layer (a new receiver, a new recording, a lost picture). */
  requestKeyframe(layer: string): void {
    if (this.kind !== 'video') return;
    const now = performance.now();
    if (now - (this.lastKeyframeRequest.get(layer) ?? -Infinity) < KEYFRAME_REQUEST_INTERVAL_MS) return;
    const track = this.tracks.get(layer);
    const ssrc = track?.ssrc ?? track?.header?.ssrc;
    if (ssrc === undefined) return;
    this.lastKeyframeRequest.set(layer, now);
    void this.transceiver.receiver.sendRtcpPLI(ssrc).catch(() => undefined); // best effort: the next request retries
  }

  /** Moves a receiver to another layer; it resumes at that layer's next keyframe. */
  switchLayer(forward: Forward, layer: string): void {
    if (forward.layer === layer) return;
    forward.layer = layer;
    forward.waitingForKeyframe = this.kind === 'video';
    forward.sender.replaceRTP({ sequenceNumber: 0, timestamp: 0 }); // keep its numbering continuous
    this.requestKeyframe(layer);
  }

  /** The preferred layer if the browser sends it, else the nearest below it that it sends, else above. */
  private sentLayer(preferred: string, now: number): string {
    const sending = (layer: string) => now - (this.lastPacketAt.get(layer) ?? -Infinity) < LAYER_SILENT_MS;
    if (this.layers.length < 2 || sending(preferred)) return preferred;
    const at = this.layers.indexOf(preferred);
    const below = this.layers.slice(0, Math.max(at, 0)).reverse();
    const above = this.layers.slice(at + 1);
    return [...below, ...above].find(sending) ?? preferred;
  }

  private forward(layer: string, packet: RtpPacket): void {
    if (!mayPublish(this.publisher.permissions, this.source)) {
      this.refusedPackets += 1; // R-LIVE-5: the gate
      return;
    }
    if (this.layers.length > 1) {
      const now = performance.now();
      this.lastPacketAt.set(layer, now);
      if (now - this.lastLayerCheck > LAYER_SILENT_MS / 2) {
        this.lastLayerCheck = now;
        for (const f of this.forwards) this.switchLayer(f, this.sentLayer(f.preferred, now));
      }
    }
    // The publisher's header extension ids mean nothing on a receiver's connection.
    packet.header.extensions = [];
    packet.header.extension = false;
    let keyframe: boolean | undefined;
    for (const forward of this.forwards) {
      if (forward.layer !== layer) continue;
      if (forward.waitingForKeyframe) {
        keyframe ??= isKeyframeStart(packet);
        if (!keyframe) {
          this.requestKeyframe(layer);
          continue;
        }
        forward.waitingForKeyframe = false;
      }
      void forward.sender.sendRtp(packet).catch(ignore); // a receiver gone mid-send loses this packet only
    }
    if (layer === this.topLayer) for (const tap of this.taps) tap(packet);
    if (this.source !== 'audio') this.hintBitrate(VIDEO_BITRATE_CAP[this.source]);
  }

  /** REMB: the bitrate the browser may use for this m-line, all its layers together. */
  private hintBitrate(bitrate: number): void {
    const now = performance.now();
    if (now - this.lastBitrateHint < BITRATE_HINT_INTERVAL_MS) return;
    this.lastBitrateHint = now;
    const ssrcs = [...this.tracks.values()].map((t) => t.ssrc ?? t.header?.ssrc).filter((s): s is number => s !== undefined);
    let brExp = 0;
    while (bitrate >> brExp >= 2 ** 18) brExp += 1;
    const remb = new ReceiverEstimatedMaxBitrate({
      senderSsrc: this.transceiver.receiver.rtcpSsrc,
      mediaSsrc: 0,
      brExp,
      brMantissa: Math.floor(bitrate / 2 ** brExp),
      ssrcNum: ssrcs.length,
      ssrcFeedbacks: ssrcs,
    });
    const packet = new RtcpPayloadSpecificFeedback({ feedback: remb });
    void this.transceiver.dtlsTransport.sendRtcp([packet]).catch(() => undefined); // the next hint follows in a second
  }
}

/** One function for every packet's failure path, rather than a closure per packet per receiver. */
function ignore(): void {}

/** Whether a VP8 packet starts a keyframe: a receiver may start there. */
function isKeyframeStart(packet: RtpPacket): boolean {
  if (packet.payload.length === 0) return false;
  const vp8 = Vp8RtpPayload.deSerialize(packet.payload);
  return vp8.payloadHeaderExist && vp8.isKeyframe;
}
