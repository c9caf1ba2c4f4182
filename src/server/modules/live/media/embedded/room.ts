import type { DtlsKeys, RTCPeerConnection } from 'werift';
import { layerFor, mayPublish, shouldReceive } from '../forwarding.js';
import type { JoinOptions } from '../provider.js';
import type { PeerConnectionRole, ServerSignal } from '../signals.js';
import { Participant, type ParticipantRoom } from './participant.js';
import { createPeerConnection, type IceOptions } from './peer-config.js';
import type { Publication } from './publication.js';
import { RoomRecording, type MediaLogger } from './recording.js';

export interface RoomStats {
  participants: number;
  publications: number;
  forwards: number;
  /** Packets held back because their sender may not publish them (R-LIVE-5). */
  refusedPackets: number;
}

/**
 * One live session's media in the embedded SFU. After every change (join, leave, offer,
 * permission, receive mode) it works out afresh who receives what from the forwarding rules,
 * and each participant's subscription and the recording follow.
 */
export class Room implements ParticipantRoom {
  private readonly participants = new Map<string, Participant>();
  private closed = false;

  constructor(
    readonly roomId: string,
    private readonly ice: IceOptions,
    private readonly keys: DtlsKeys,
    private readonly recording: RoomRecording | null,
    private readonly logger: MediaLogger | undefined,
  ) {}

  async join(participantId: string, options: JoinOptions, send: (signal: ServerSignal) => void): Promise<Participant> {
    const earlier = this.participants.get(participantId);
    if (earlier) await this.remove(earlier); // a reconnect replaces the old connection
    const participant = new Participant(this, participantId, options, send);
    this.participants.set(participantId, participant);
    this.reconcile();
    return participant;
  }

  createPc(role: PeerConnectionRole): RTCPeerConnection {
    return createPeerConnection(role, this.ice, this.keys);
  }

  async remove(participant: Participant): Promise<void> {
    if (this.participants.get(participant.participantId) === participant) this.participants.delete(participant.participantId);
    await participant.close();
    this.recording?.update(participant.participantId, []);
    this.reconcile();
  }

  fail(participantId: string, error: unknown): void {
    this.logger?.warn({ err: error, roomId: this.roomId, participantId }, 'live media: signalling failed');
  }

  reconcile(): void {
    if (this.closed) return;
    const publications = [...this.participants.values()].flatMap((p) => [...p.publications.values()]).filter((p) => p.live);
    for (const receiver of this.participants.values()) {
      const wanted = new Map<Publication, string>();
      for (const publication of publications) {
        if (!shouldReceive(receiver, publication.facts())) continue;
        const layer = publication.kind === 'video' ? layerFor(receiver.mode, publication.layers) : '';
        if (layer !== undefined) wanted.set(publication, layer);
      }
      receiver.subscription.apply(wanted);
    }
    if (this.recording) {
      for (const participant of this.participants.values()) {
        const recorded = [...participant.publications.values()].filter((p) => p.live && mayPublish(p.publisher.permissions, p.source));
        this.recording.update(participant.participantId, recorded);
      }
    }
  }

  /** Ends every peer and the recording; the recorded files. */
  async close(): Promise<string[]> {
    this.closed = true;
    const everyone = [...this.participants.values()];
    this.participants.clear();
    await Promise.allSettled(everyone.map((p) => p.close()));
    return (await this.recording?.close()) ?? [];
  }

  stats(): RoomStats {
    const everyone = [...this.participants.values()];
    return {
      participants: everyone.length,
      publications: everyone.reduce((n, p) => n + [...p.publications.values()].filter((x) => x.live).length, 0),
      forwards: everyone.reduce((n, p) => n + p.subscription.forwardCount, 0),
      refusedPackets: everyone.reduce((n, p) => n + [...p.publications.values()].reduce((m, x) => m + x.refusedPackets, 0), 0),
    };
  }
}
