import type { RTCIceCandidate, RTCPeerConnection } from 'werift';
import { kindOf, mayPublish } from '../forwarding.js';
import type { JoinOptions, MediaPeer } from '../provider.js';
import type { ClientSignal, IceCandidate, PeerConnectionRole, PublishPermissions, ReceiveMode, ServerSignal } from '../signals.js';
import { SignalOrder } from '../signal-order.js';
import { Publication } from './publication.js';
import { simulcastLayers } from './sdp.js';
import { Subscription } from './subscription.js';

/** What a participant needs from its room. */
export interface ParticipantRoom {
  createPc(role: PeerConnectionRole): RTCPeerConnection;
  /** Something changed that may change who receives what. */
  reconcile(): void;
  remove(participant: Participant): Promise<void>;
  fail(participantId: string, error: unknown): void;
}

type PublishOffer = Extract<ClientSignal, { type: 'publish-offer' }>;

/**
 * One admitted participant in the embedded SFU: its `publish` connection (what it sends, each
 * m-line accepted or refused by its permissions) and its `subscribe` connection (what it
 * receives). Signals from its browser are handled one at a time, in order.
 */
export class Participant implements MediaPeer {
  readonly role: JoinOptions['role'];
  readonly receives: JoinOptions['receives'];
  permissions: PublishPermissions;
  mode: ReceiveMode = 'full';
  readonly publications = new Map<string, Publication>();
  readonly subscription: Subscription;
  private publishPc: RTCPeerConnection | null = null;
  private gone = false;
  private readonly order: SignalOrder;
  /** The browser's candidates for a publish connection it has offered but we have not yet made. */
  private earlyCandidates: IceCandidate[] = [];

  constructor(
    private readonly room: ParticipantRoom,
    readonly participantId: string,
    options: JoinOptions,
    private readonly send: (signal: ServerSignal) => void,
  ) {
    this.role = options.role;
    this.receives = options.receives;
    this.permissions = { ...options.permissions };
    // One bad signal does not block the next (the SFU's own failures reach the room).
    this.order = new SignalOrder(send, () => this.gone, () => undefined);
    this.subscription = new Subscription(
      () => this.listen('subscribe', room.createPc('subscribe')),
      (signal) => this.emit(signal),
      (error) => room.fail(participantId, error),
    );
  }

  get left(): boolean {
    return this.gone;
  }

  handle(signal: ClientSignal): Promise<void> {
    return this.order.inTurn(() => this.dispatch(signal));
  }

  async setPermissions(permissions: PublishPermissions): Promise<void> {
    if (this.gone) return;
    this.permissions = { ...permissions };
    this.emit({ type: 'permissions', permissions: { ...permissions } });
    this.room.reconcile();
  }

  async leave(): Promise<void> {
    if (this.gone) return;
    await this.room.remove(this);
  }

  /** Called by the room: ends both connections. The room reconciles afterwards. */
  async close(): Promise<void> {
    this.gone = true;
    this.publications.clear();
    await Promise.allSettled([this.subscription.close(), this.publishPc?.close()]);
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
   * R-LIVE-5: answers the browser's offer, accepting each m-line the participant may publish
   * and refusing the rest as `inactive`. The gate in Publication holds whatever the browser
   * then sends; the answer tells an honest browser not to send it at all.
   */
  private async publish(offer: PublishOffer): Promise<void> {
    const pc = (this.publishPc ??= this.listen('publish', this.room.createPc('publish')));
    // werift listens for RTP only on m-lines that can receive when the offer is applied.
    for (const t of pc.getTransceivers()) if (!t.stopped) t.setDirection('recvonly');
    await pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp });
    for (const candidate of this.earlyCandidates.splice(0)) await this.addCandidate('publish', candidate);
    const layers = simulcastLayers(offer.sdp);
    const refused: string[] = [];
    const seen = new Set<string>();
    for (const transceiver of pc.getTransceivers()) {
      const mid = transceiver.mid;
      if (!mid || transceiver.stopped || transceiver.pendingRejection) continue;
      const sending = transceiver.offerDirection === 'recvonly' || transceiver.offerDirection === 'sendrecv';
      const source = offer.sources[mid] ?? (transceiver.kind === 'audio' ? 'audio' : 'camera');
      const allowed = sending && kindOf(source) === transceiver.kind && mayPublish(this.permissions, source);
      transceiver.setDirection(allowed ? 'recvonly' : 'inactive');
      if (sending && !allowed) refused.push(mid);
      if (!sending) continue;
      seen.add(mid);
      let publication = this.publications.get(mid);
      if (!publication || publication.transceiver !== transceiver) {
        publication = new Publication(this, transceiver, source);
        this.publications.set(mid, publication);
      }
      publication.source = source;
      publication.layers = layers.get(mid) ?? [''];
      publication.accepted = allowed;
      publication.attachTracks();
    }
    for (const mid of [...this.publications.keys()]) if (!seen.has(mid)) this.publications.delete(mid);
    await pc.setLocalDescription(await pc.createAnswer());
    const sdp = pc.localDescription?.sdp;
    if (sdp) this.emit({ type: 'publish-answer', sdp, refused });
    this.room.reconcile();
  }

  private async addCandidate(role: PeerConnectionRole, candidate: IceCandidate | null): Promise<void> {
    const pc = role === 'publish' ? this.publishPc : this.subscription.connection;
    if (!candidate) return; // werift needs no end-of-candidates mark
    if (!pc) {
      if (role === 'publish' && this.earlyCandidates.length < 50) this.earlyCandidates.push(candidate);
      return;
    }
    await pc.addIceCandidate({
      candidate: candidate.candidate,
      sdpMid: candidate.sdpMid ?? undefined,
      sdpMLineIndex: candidate.sdpMLineIndex ?? undefined,
      usernameFragment: candidate.usernameFragment ?? undefined,
    });
  }

  private listen(role: PeerConnectionRole, pc: RTCPeerConnection): RTCPeerConnection {
    pc.onIceCandidate.subscribe((candidate?: RTCIceCandidate) => {
      this.emit({ type: 'ice', pc: role, candidate: candidate ? toJson(candidate) : null });
    });
    return pc;
  }

  /**
   * Sends a signal to the browser. werift gathers while it sets the local description, before
   * the offer or answer is out; SignalOrder holds its candidates until that description is.
   */
  private emit(signal: ServerSignal): void {
    this.order.emit(signal);
  }
}

function toJson(candidate: RTCIceCandidate): IceCandidate {
  const json = candidate.toJSON();
  return {
    candidate: json.candidate ?? '',
    sdpMid: json.sdpMid ?? null,
    sdpMLineIndex: json.sdpMLineIndex ?? null,
    usernameFragment: json.usernameFragment ?? null,
  };
}
