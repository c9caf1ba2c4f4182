import Janode, { type JanodeHandle } from 'janode';
import { kindOf, mayPublish } from '../forwarding.js';
import type { JoinOptions, MediaPeer } from '../provider.js';
import type { ClientSignal, IceCandidate, MediaSource, PeerConnectionRole, PublishPermissions, ReceiveMode, ServerSignal } from '../signals.js';
import { videoRoom, type JanusLogger } from './api.js';
import { mediaLines, withInactive } from './sdp.js';
import { SignalOrder } from '../signal-order.js';
import { JanusSubscription } from './subscription.js';

/** What a participant needs from its room. */
export interface ParticipantRoom {
  readonly janusRoom: string;
  readonly logger: JanusLogger | undefined;
  /** Attaches a new VideoRoom handle in the room's Janus session. */
  attach(): Promise<JanodeHandle>;
  /** Mutes or unmutes one of a publisher's streams inside Janus (the room's secret). */
  moderate(feed: string, mid: string, mute: boolean): Promise<void>;
  /** The participant has published: if the room records, their files are Janus's to write now. */
  recordingStarted(participant: JanusParticipant): void;
  /** Something changed that may change who receives what. */
  reconcile(): void;
  remove(participant: JanusParticipant): Promise<void>;
  /** Asks a publisher (by feed) for a keyframe on its video. */
  keyframe(feed: string): void;
  /** A participant's id and the source of a stream, by feed and the publisher's mid. */
  describe(feed: string, mid: string): { participantId: string; source: MediaSource } | null;
}

/** One m-line the participant offered to publish. */
export interface JanusPublication {
  readonly mid: string;
  readonly kind: 'audio' | 'video';
  source: MediaSource;
  /** The browser offered to send on it. */
  sending: boolean;
  /** Simulcast layers it sends (Janus's substreams 0 … layers - 1, lowest first). */
  layers: number;
  /** Whether Janus currently drops it (moderation), as far as we have told it. */
  muted: boolean;
}

type PublishOffer = Extract<ClientSignal, { type: 'publish-offer' }>;

/**
 * One admitted participant in a Janus VideoRoom. Its publisher handle joins the room with the
 * participant's own `allowed` token (R-LIVE-4) and carries the `publish` connection; every
 * m-line the participant may not publish is answered `inactive` and muted inside Janus by the
 * room's moderator (R-LIVE-5). Its subscriber handle (JanusSubscription) carries `subscribe`.
 * Signals from the browser are handled one at a time, in order.
 */
export class JanusParticipant implements MediaPeer {
  readonly role: JoinOptions['role'];
  readonly receives: JoinOptions['receives'];
  permissions: PublishPermissions;
  mode: ReceiveMode = 'full';
  /** Janus's id for this participant's publisher (unique for each join). */
  readonly feed: string;
  readonly publications = new Map<string, JanusPublication>();
  readonly subscription: JanusSubscription;
  /** Janus has the publish connection up: its streams can be subscribed to. */
  live = false;
  private publisher: JanodeHandle | null = null;
  private privateId: number | null = null;
  private published = false;
  private gone = false;
  private readonly order: SignalOrder;
  private readonly onLost: (() => void) | undefined;
  private reported = false;

  constructor(
    private readonly room: ParticipantRoom,
    readonly participantId: string,
    feed: string,
    readonly token: string,
    options: JoinOptions,
    send: (signal: ServerSignal) => void,
  ) {
    this.feed = feed;
    this.role = options.role;
    this.receives = options.receives;
    this.onLost = options.onLost;
    this.permissions = effective(options.role, options.permissions);
    this.order = new SignalOrder(send, () => this.gone, (e) => this.fail(e));
    this.subscription = new JanusSubscription(
      {
        attach: () => room.attach(),
        join: (handle, streams) =>
          videoRoom(handle, { request: 'join', ptype: 'subscriber', room: room.janusRoom, private_id: this.privateId, token, streams, autoupdate: false }),
        describe: (feed, mid) => room.describe(feed, mid),
        keyframe: (feed) => room.keyframe(feed),
        listen: (handle) => this.listen('subscribe', handle),
        emit: (signal) => this.emit(signal),
        fail: (error) => this.fail(error),
      },
    );
  }

  get left(): boolean {
    return this.gone;
  }

  /** Joins the room as a publisher that publishes nothing yet: the participant's presence in Janus. */
  async enter(): Promise<void> {
    const handle = await this.room.attach();
    this.publisher = this.listen('publish', handle);
    handle.on(Janode.EVENT.HANDLE_WEBRTCUP, () => {
      this.live = true;
      this.room.reconcile();
    });
    handle.on(Janode.EVENT.HANDLE_HANGUP, () => {
      // The connection is gone and Janus's streams (and their moderation) with it: a new offer starts afresh.
      this.live = false;
      this.published = false;
      for (const publication of this.publications.values()) publication.muted = false;
      this.room.reconcile();
    });
    const { data } = await videoRoom(handle, { request: 'join', ptype: 'publisher', room: this.room.janusRoom, id: this.feed, display: this.participantId, token: this.token });
    if (typeof data.private_id !== 'number') throw new Error('Janus joined a participant without a private_id');
    this.privateId = data.private_id;
  }

  /** In the room in Janus: subscriptions can be made on the participant's behalf. */
  get entered(): boolean {
    return this.privateId !== null && !this.gone;
  }

  handle(signal: ClientSignal): Promise<void> {
    return this.order.inTurn(() => this.dispatch(signal));
  }

  async setPermissions(permissions: PublishPermissions): Promise<void> {
    if (this.gone) return;
    this.permissions = effective(this.role, permissions);
    await this.moderate();
    this.emit({ type: 'permissions', permissions: { ...this.permissions } });
    this.room.reconcile();
  }

  async leave(): Promise<void> {
    if (this.gone) return;
    await this.room.remove(this);
  }

  /** Called by the room once Janus has let the participant go: ends both handles. */
  async close(): Promise<void> {
    this.gone = true;
    this.live = false;
    this.publications.clear();
    await Promise.allSettled([this.subscription.close(), this.publisher?.detach()]);
  }

  /** Marks the participant gone, so nothing more is sent to Janus or the browser for it. */
  markGone(): void {
    this.gone = true;
  }

  /** Janus died under the participant: whoever joined them is told (once), to join them again. */
  lost(): void {
    if (this.reported) return;
    this.reported = true;
    try {
      this.onLost?.();
    } catch (e) {
      this.room.logger?.warn({ err: e, participantId: this.participantId }, 'live media (Janus): a lost participant was not reported');
    }
  }

  private async dispatch(signal: ClientSignal): Promise<void> {
    switch (signal.type) {
      case 'publish-offer':
        return this.publish(signal);
      case 'subscribe-answer':
        return this.subscription.answer(signal.sdp);
      case 'ice':
        return this.addCandidate(signal.pc, signal.candidate);
      case 'receive-mode':
        this.mode = signal.mode;
        this.room.reconcile();
        return;
    }
  }

  /**
   * The browser's offer goes to Janus (`publish`, then `configure` for later offers); before the
   * answer goes back, every m-line the participant may not publish is muted inside Janus and
   * marked `inactive` in the answer (R-LIVE-5).
   */
  private async publish(offer: PublishOffer): Promise<void> {
    const handle = this.publisher;
    if (!handle) return;
    const lines = mediaLines(offer.sdp);
    const seen = new Set<string>();
    for (const line of lines) {
      if (line.kind !== 'audio' && line.kind !== 'video') continue;
      const sending = !line.rejected && (line.direction === 'sendonly' || line.direction === 'sendrecv');
      const source = offer.sources[line.mid] ?? (line.kind === 'audio' ? 'audio' : 'camera');
      seen.add(line.mid);
      const known = this.publications.get(line.mid);
      if (known && known.kind === line.kind) {
        known.source = source;
        known.sending = sending;
        known.layers = line.layers;
      } else {
        this.publications.set(line.mid, { mid: line.mid, kind: line.kind, source, sending, layers: line.layers, muted: false });
      }
    }
    for (const mid of [...this.publications.keys()]) if (!seen.has(mid)) this.publications.delete(mid);
    const descriptions = [...this.publications.values()].map((p) => ({ mid: p.mid, description: p.source }));
    const body: Record<string, unknown> = this.published ? { request: 'configure', descriptions } : { request: 'publish', descriptions };
    // Our pages list simulcast layers lowest first (as the embedded SFU expects); Janus assumes the opposite unless told.
    const { jsep } = await videoRoom(handle, body, { type: 'offer', sdp: offer.sdp, rid_order: 'lmh' });
    if (!jsep) throw new Error('Janus answered a publish offer without an SDP');
    this.published = true;
    this.room.recordingStarted(this);
    await this.moderate();
    const answered = new Set(mediaLines(jsep.sdp).filter((l) => !l.rejected).map((l) => l.mid));
    const refused = [...this.publications.values()].filter((p) => p.sending && (!this.allowed(p) || !answered.has(p.mid))).map((p) => p.mid);
    this.emit({ type: 'publish-answer', sdp: withInactive(jsep.sdp, new Set(refused)), refused });
    this.room.reconcile();
  }

  /** Asks Janus to ask the browser for a keyframe on this participant's video. */
  async requestKeyframe(): Promise<void> {
    if (this.publisher && this.published && !this.gone) await videoRoom(this.publisher, { request: 'configure', keyframe: true });
  }

  /** Whether the participant may publish this m-line now. */
  allowed(publication: JanusPublication): boolean {
    return kindOf(publication.source) === publication.kind && mayPublish(this.permissions, publication.source);
  }

  /** Tells Janus to drop (or relay again) each published stream as the permissions say. */
  private async moderate(): Promise<void> {
    if (!this.published) return;
    for (const publication of this.publications.values()) {
      const mute = !this.allowed(publication);
      if (publication.muted === mute) continue;
      await this.room.moderate(this.feed, publication.mid, mute);
      publication.muted = mute;
    }
  }

  private async addCandidate(role: PeerConnectionRole, candidate: IceCandidate | null): Promise<void> {
    const ice = candidate ? { candidate: candidate.candidate, sdpMid: candidate.sdpMid ?? null, sdpMLineIndex: candidate.sdpMLineIndex ?? null } : null;
    if (role === 'subscribe') return this.subscription.trickle(ice);
    // Signals are handled in order, so Janus has had the offer these candidates belong to.
    if (this.publisher && this.published) await this.publisher.trickle(ice);
  }

  private listen(role: PeerConnectionRole, handle: JanodeHandle): JanodeHandle {
    handle.on(Janode.EVENT.HANDLE_TRICKLE, (c: { completed?: boolean; candidate?: string; sdpMid?: string; sdpMLineIndex?: number }) => {
      const candidate = c.completed || !c.candidate ? null : { candidate: c.candidate, sdpMid: c.sdpMid ?? null, sdpMLineIndex: c.sdpMLineIndex ?? null };
      this.emit({ type: 'ice', pc: role, candidate });
    });
    return handle;
  }

  private fail(error: unknown): void {
    if (!this.gone) this.room.logger?.warn({ err: error, participantId: this.participantId }, 'live media (Janus): signalling failed');
  }

  private emit(signal: ServerSignal): void {
    this.order.emit(signal);
  }
}

/** Learners never share their screen, whatever they are otherwise allowed (issue 6, host control). */
function effective(role: JoinOptions['role'], permissions: PublishPermissions): PublishPermissions {
  return role === 'host' ? { ...permissions } : { ...permissions, screen: false };
}
