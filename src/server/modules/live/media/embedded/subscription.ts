import { MediaStream, type RTCPeerConnection, type RTCRtpTransceiver } from 'werift';
import type { ServerSignal, SubscribedTrack } from '../signals.js';
import type { Forward, Publication } from './publication.js';

interface Slot extends Forward {
  readonly transceiver: RTCRtpTransceiver;
  readonly kind: 'audio' | 'video';
  publication: Publication | null;
}

/**
 * What one participant receives: the SFU's `subscribe` connection, whose m-lines ("slots")
 * each carry one other participant's track. A slot no longer needed goes `inactive` and is
 * reused for the next track of its kind, so the offer does not grow as people come and go.
 * Only the SFU offers here; one offer is out at a time, and changes made meanwhile go in the next.
 */
export class Subscription {
  private pc: RTCPeerConnection | null = null;
  private readonly slots: Slot[] = [];
  private offering = false;
  private dirty = false;
  private closed = false;

  constructor(
    private readonly createPc: () => RTCPeerConnection,
    private readonly send: (signal: ServerSignal) => void,
    private readonly fail: (error: unknown) => void,
  ) {}

  /** Makes the slots carry exactly `wanted` (publication → layer), then offers if anything changed. */
  apply(wanted: Map<Publication, string>): void {
    if (this.closed) return;
    let changed = false;
    for (const slot of this.slots) {
      if (!slot.publication) continue;
      const layer = wanted.get(slot.publication);
      if (layer === undefined) {
        this.release(slot);
        changed = true;
      } else if (layer !== slot.preferred) {
        slot.preferred = layer;
        slot.publication.switchLayer(slot, layer);
      }
    }
    const carried = new Set(this.slots.map((s) => s.publication));
    for (const [publication, layer] of wanted) {
      if (carried.has(publication)) continue;
      this.assign(this.freeSlot(publication.kind), publication, layer);
      changed = true;
    }
    if (changed) this.negotiate().catch(this.fail);
  }

  /** The browser's answer to our last offer. */
  async answer(sdp: string): Promise<void> {
    if (!this.pc || !this.offering) return; // an answer nobody asked for
    await this.pc.setRemoteDescription({ type: 'answer', sdp });
    this.offering = false;
    // A receiver that joined late may have asked for nothing yet: make sure keyframes come.
    for (const slot of this.slots) if (slot.publication && slot.waitingForKeyframe) slot.publication.requestKeyframe(slot.layer);
    if (this.dirty) {
      this.dirty = false;
      await this.negotiate();
    }
  }

  get connection(): RTCPeerConnection | null {
    return this.pc;
  }

  get forwardCount(): number {
    return this.slots.filter((s) => s.publication).length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const slot of this.slots) if (slot.publication) slot.publication.forwards.delete(slot);
    await this.pc?.close();
  }

  private freeSlot(kind: 'audio' | 'video'): Slot {
    const free = this.slots.find((s) => s.kind === kind && !s.publication);
    if (free) return free;
    const pc = (this.pc ??= this.createPc());
    const transceiver = pc.addTransceiver(kind, { direction: 'sendonly' });
    const slot: Slot = { transceiver, kind, sender: transceiver.sender, publication: null, preferred: '', layer: '', waitingForKeyframe: false };
    transceiver.sender.onPictureLossIndication.subscribe(() => slot.publication?.requestKeyframe(slot.layer));
    this.slots.push(slot);
    return slot;
  }

  private assign(slot: Slot, publication: Publication, layer: string): void {
    slot.publication = publication;
    slot.preferred = layer;
    slot.layer = layer;
    slot.waitingForKeyframe = publication.kind === 'video';
    // A reused slot's sender carries on its sequence numbers and timestamps from where it was.
    slot.sender.replaceRTP({ sequenceNumber: 0, timestamp: 0 });
    slot.transceiver.setDirection('sendonly');
    slot.sender.setStreams([new MediaStream({ id: publication.publisher.participantId })]);
    publication.forwards.add(slot);
    publication.requestKeyframe(layer);
  }

  private release(slot: Slot): void {
    slot.publication?.forwards.delete(slot);
    slot.publication = null;
    slot.transceiver.setDirection('inactive');
  }

  private async negotiate(): Promise<void> {
    if (this.closed || !this.pc) return;
    if (this.offering) {
      this.dirty = true;
      return;
    }
    this.offering = true;
    const pc = this.pc;
    await pc.setLocalDescription(await pc.createOffer());
    const tracks: SubscribedTrack[] = [];
    for (const slot of this.slots) {
      const mid = slot.transceiver.mid;
      if (slot.publication && mid) tracks.push({ mid, participantId: slot.publication.publisher.participantId, source: slot.publication.source });
    }
    const sdp = pc.localDescription?.sdp;
    if (sdp && !this.closed) this.send({ type: 'subscribe-offer', sdp, tracks });
  }
}
