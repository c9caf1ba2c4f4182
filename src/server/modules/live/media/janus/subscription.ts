import type { JanodeHandle } from 'janode';
import VideoRoom from 'janode/plugins/videoroom';
import type { MediaSource, ServerSignal, SubscribedTrack } from '../signals.js';
import { streamsOf, videoRoom, type SubscriberStream, type VideoRoomReply } from './api.js';

/** A publisher's stream a participant should receive, and the simulcast layer (0 lowest, 2 highest). */
export interface WantedStream {
  feed: string;
  mid: string;
  substream: number;
}

export function streamKey(feed: string, mid: string): string {
  return `${feed}\u0000${mid}`;
}

export interface SubscriptionDeps {
  attach(): Promise<JanodeHandle>;
  /** Joins a new subscriber handle to the room, associated with the participant (`private_id`). */
  join(handle: JanodeHandle, streams: WantedStream[]): Promise<VideoRoomReply>;
  describe(feed: string, mid: string): { participantId: string; source: MediaSource } | null;
  /** Asks a publisher for a keyframe. */
  keyframe(feed: string): void;
  /** Forwards Janus's candidates for this handle to the browser. */
  listen(handle: JanodeHandle): JanodeHandle;
  emit(signal: ServerSignal): void;
  fail(error: unknown): void;
}

/**
 * What one participant receives: a VideoRoom subscriber handle whose streams follow the room's
 * forwarding rules. Janus offers, the browser answers (`start`); one offer is out at a time,
 * and changes made meanwhile go in the next `update`. Janus's `autoupdate` is off, so every
 * renegotiation is one we asked for.
 */
export class JanusSubscription {
  private handle: JanodeHandle | null = null;
  private streams: SubscriberStream[] = [];
  /** The simulcast layer asked of Janus for each video stream, by streamKey. */
  private readonly layers = new Map<string, number>();
  private wanted = new Map<string, WantedStream>();
  private offering = false;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(private readonly deps: SubscriptionDeps) {}

  /** Makes the subscription carry exactly `wanted` (by streamKey), renegotiating if that changes anything. */
  apply(wanted: Map<string, WantedStream>): void {
    if (this.closed) return;
    this.wanted = wanted;
    this.kick();
  }

  /** The browser's answer to Janus's last offer. */
  async answer(sdp: string): Promise<void> {
    if (!this.handle || !this.offering) return; // an answer nobody asked for
    await videoRoom(this.handle, { request: 'start' }, { type: 'answer', sdp });
    this.offering = false;
    this.kick();
  }

  async trickle(candidate: { candidate: string; sdpMid: string | null; sdpMLineIndex: number | null } | null): Promise<void> {
    if (this.handle && !this.closed) await this.handle.trickle(candidate);
  }

  /** Streams Janus is sending now. */
  get forwardCount(): number {
    return this.active().size;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.handle?.detach();
  }

  private kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.sync()
      .catch((e: unknown) => this.deps.fail(e))
      .finally(() => {
        this.running = null;
        if (this.again && !this.closed) {
          this.again = false;
          this.kick();
        }
      });
  }

  private active(): Map<string, SubscriberStream> {
    const out = new Map<string, SubscriberStream>();
    for (const s of this.streams) if (s.active !== false && s.feed_id && s.feed_mid) out.set(streamKey(s.feed_id, s.feed_mid), s);
    return out;
  }

  private async sync(): Promise<void> {
    if (this.closed || this.offering) return; // `answer` tries again
    const current = this.active();
    for (const [key, stream] of current) {
      const want = this.wanted.get(key);
      if (!want || stream.type !== 'video' || this.layers.get(key) === want.substream || !this.handle) continue;
      await videoRoom(this.handle, { request: 'configure', mid: stream.mid, substream: want.substream });
      this.layers.set(key, want.substream);
      // Janus switches layers on a keyframe and asks for one, but a browser ignores a request
      // that comes within 300 ms of the last; ask again once that has passed.
      const timer = setTimeout(() => this.deps.keyframe(want.feed), 500);
      timer.unref();
    }
    for (const key of [...this.layers.keys()]) if (!this.wanted.has(key)) this.layers.delete(key);
    const add = [...this.wanted].filter(([key]) => !current.has(key)).map(([, w]) => w);
    const remove = [...current].filter(([key]) => !this.wanted.has(key)).map(([, s]) => ({ sub_mid: s.mid }));
    if (add.length === 0 && remove.length === 0) return;
    if (!this.handle) {
      if (add.length === 0) return;
      const handle = this.deps.listen(await this.deps.attach());
      handle.on(VideoRoom.EVENT.VIDEOROOM_UPDATED, (data: Record<string, unknown> & { jsep?: { sdp: string } }) => {
        if (!this.closed) this.took({ data, jsep: data.jsep ? { type: 'offer', sdp: data.jsep.sdp } : undefined });
      });
      const joined = this.closed ? null : await this.deps.join(handle, add).catch(async (e: unknown) => {
        await handle.detach().catch(() => undefined); // a handle that never joined is no use: the next change starts again
        throw e;
      });
      if (!joined || this.closed) {
        await handle.detach().catch(() => undefined);
        return;
      }
      this.handle = handle;
      this.took(joined);
      return;
    }
    const request: Record<string, unknown> = { request: 'update' };
    if (add.length) request.subscribe = add;
    if (remove.length) request.unsubscribe = remove;
    this.took(await videoRoom(this.handle, request));
  }

  /** Janus's view of the subscription after a join or update, and its offer if it made one. */
  private took({ data, jsep }: VideoRoomReply): void {
    const streams = streamsOf(data);
    if (streams) this.streams = streams;
    for (const [key, stream] of this.active()) {
      const want = this.wanted.get(key);
      if (want && stream.type === 'video' && !this.layers.has(key)) this.layers.set(key, want.substream);
    }
    if (jsep) {
      this.offering = true;
      const tracks: SubscribedTrack[] = [];
      for (const stream of this.active().values()) {
        const who = this.deps.describe(stream.feed_id ?? '', stream.feed_mid ?? '');
        if (who) tracks.push({ mid: stream.mid, participantId: who.participantId, source: who.source });
      }
      this.deps.emit({ type: 'subscribe-offer', sdp: jsep.sdp, tracks });
    } else if (data.videoroom === 'updating') {
      this.offering = true; // postponed by Janus: its offer comes as an event
    }
  }
}
