import path from 'node:path';
import type { JanodeHandle, JanodeSession } from 'janode';
import VideoRoom from 'janode/plugins/videoroom';
import { kindOf, shouldReceive } from '../forwarding.js';
import type { JoinOptions } from '../provider.js';
import type { MediaSource, ServerSignal } from '../signals.js';
import { videoRoom, type JanusLogger } from './api.js';
import { secret } from './config.js';
import { JanusParticipant, type ParticipantRoom } from './participant.js';
import { salvageRecordings, type RecordingName } from './recording.js';
import { streamKey, type WantedStream } from './subscription.js';

export interface JanusRoomStats {
  participants: number;
  /** Streams publishing that their publisher may publish. */
  publications: number;
  /** Streams Janus sends to subscribers. */
  forwards: number;
}

/**
 * One live session's media in a Janus VideoRoom. The room is created with a random secret only
 * we hold, `require_pvtid` (a subscription belongs to a participant) and an ACL of tokens:
 * each admitted participant gets a token of their own when they join, and loses it before they
 * are kicked (R-LIVE-4, R-LIVE-5). After every change we work out afresh, from the shared
 * forwarding rules, who receives what, and each participant's subscription follows.
 */
export class JanusRoom implements ParticipantRoom {
  private readonly participants = new Map<string, JanusParticipant>();
  private readonly feeds = new Map<string, JanusParticipant>();
  private readonly recorded: RecordingName[];
  private joins = 0;
  private closed = false;
  /** Janus died under the room: nothing of it is left in Janus, and its recordings are salvaged. */
  private crashedBy: Promise<unknown> | null = null;

  private constructor(
    readonly roomId: string,
    readonly janusRoom: string,
    private readonly secret: string,
    private readonly session: JanodeSession,
    private readonly control: JanodeHandle,
    readonly recordTo: string | null,
    readonly logger: JanusLogger | undefined,
    recorded: readonly RecordingName[],
  ) {
    this.recorded = [...recorded];
  }

  /**
   * Creates the room in Janus. `recorded`: the recordings of the room's earlier life in a Janus
   * that crashed, kept with the new ones (numbered on from them).
   */
  static async open(opts: {
    roomId: string;
    session: JanodeSession;
    roomAdminKey: string;
    recordTo: string | null;
    logger: JanusLogger | undefined;
    recorded?: readonly RecordingName[];
  }): Promise<JanusRoom> {
    const control = await opts.session.attach<JanodeHandle>(VideoRoom);
    const janusRoom = `${opts.roomId}~${secret().slice(0, 8)}`; // a Janus that outlived an earlier server may hold the plain id
    const roomSecret = secret();
    await videoRoom(control, {
      request: 'create',
      admin_key: opts.roomAdminKey,
      room: janusRoom,
      description: opts.roomId,
      secret: roomSecret,
      is_private: true,
      permanent: false,
      require_pvtid: true,
      allowed: [secret()], // a token nobody holds: the ACL is on from the start
      publishers: 200,
      audiocodec: 'opus',
      videocodec: 'vp8',
      notify_joining: false,
      ...(opts.recordTo ? { record: true, rec_dir: path.resolve(opts.recordTo), lock_record: true } : { record: false, lock_record: true }),
    });
    return new JanusRoom(opts.roomId, janusRoom, roomSecret, opts.session, control, opts.recordTo, opts.logger, opts.recorded ?? []);
  }

  async join(participantId: string, options: JoinOptions, send: (signal: ServerSignal) => void): Promise<JanusParticipant> {
    const earlier = this.participants.get(participantId);
    if (earlier) await this.remove(earlier); // a reconnect replaces the old connection
    this.joins += 1;
    const token = secret();
    const participant = new JanusParticipant(this, participantId, `${participantId}~${this.joins}`, token, options, send);
    this.participants.set(participantId, participant);
    this.feeds.set(participant.feed, participant);
    try {
      await this.allow('add', token);
      await participant.enter();
    } catch (e) {
      await this.remove(participant).catch(() => undefined);
      // Janus died while the participant was joining: they are lost like those already in.
      if (this.crashed) participant.lost();
      throw e;
    }
    this.reconcile();
    return participant;
  }

  attach(): Promise<JanodeHandle> {
    return this.session.attach<JanodeHandle>(VideoRoom);
  }

  async moderate(feed: string, mid: string, mute: boolean): Promise<void> {
    await videoRoom(this.control, { request: 'moderate', secret: this.secret, room: this.janusRoom, id: feed, mid, mute });
  }

  recordingStarted(participant: JanusParticipant): void {
    // How Janus names a publisher's files: videoroom-<room>-user-<feed>-<time>-<audio|video>-<m-line>.mjr
    // (the Janus room is new after a crash, while feeds may repeat those of the room's earlier life).
    const prefix = `videoroom-${this.janusRoom}-user-${participant.feed}-`;
    if (!this.recordTo || this.recorded.some((r) => r.prefix === prefix)) return;
    this.recorded.push({
      feed: participant.feed,
      prefix,
      name: `${String(this.recorded.length + 1).padStart(3, '0')}-${participant.participantId.replace(/[^A-Za-z0-9_-]/g, '_')}`,
    });
  }

  /** The recordings started so far, in order. */
  get recordings(): readonly RecordingName[] {
    return this.recorded;
  }

  keyframe(feed: string): void {
    this.feeds.get(feed)?.requestKeyframe().catch((e: unknown) => this.logger?.warn({ err: e, roomId: this.roomId }, 'live media (Janus): keyframe not requested'));
  }

  describe(feed: string, mid: string): { participantId: string; source: MediaSource } | null {
    const participant = this.feeds.get(feed);
    const publication = participant?.publications.get(mid);
    return participant && publication ? { participantId: participant.participantId, source: publication.source } : null;
  }

  /** Ejects a participant: their token goes first, so they cannot come back, then Janus kicks them. */
  async remove(participant: JanusParticipant): Promise<void> {
    if (this.participants.get(participant.participantId) === participant) this.participants.delete(participant.participantId);
    participant.markGone();
    if (!this.closed) {
      await this.allow('remove', participant.token).catch((e: unknown) => this.logger?.warn({ err: e, roomId: this.roomId }, 'live media (Janus): token not removed'));
      // Janus answers "no such user" for someone who never got as far as joining: nothing to kick.
      await videoRoom(this.control, { request: 'kick', secret: this.secret, room: this.janusRoom, id: participant.feed }).catch(() => undefined);
    }
    await participant.close();
    this.feeds.delete(participant.feed);
    this.reconcile();
  }

  reconcile(): void {
    if (this.closed) return;
    const publishers = [...this.participants.values()].filter((p) => p.live);
    for (const receiver of this.participants.values()) {
      if (!receiver.entered) continue; // reconciled once it has
      const wanted = new Map<string, WantedStream>();
      for (const publisher of publishers) {
        for (const publication of publisher.publications.values()) {
          if (!publication.sending || kindOf(publication.source) !== publication.kind) continue;
          const facts = { participantId: publisher.participantId, role: publisher.role, permissions: publisher.permissions, source: publication.source };
          if (!shouldReceive(receiver, facts)) continue;
          // Janus's substreams count from 0, the lowest layer (our pages list layers lowest first).
          const substream = receiver.mode === 'low' ? 0 : publication.layers - 1;
          wanted.set(streamKey(publisher.feed, publication.mid), { feed: publisher.feed, mid: publication.mid, substream });
        }
      }
      receiver.subscription.apply(wanted);
    }
  }

  /** Whether Janus died under the room (it is to be opened again in the next Janus, or closed). */
  get crashed(): boolean {
    return this.crashedBy !== null;
  }

  /**
   * Janus died: every participant is gone (told through their `onLost`, to be joined again once
   * the room is open in the next Janus), nothing more is asked of Janus, and the recordings
   * Janus left open are salvaged up to the crash.
   */
  crash(): void {
    if (this.crashedBy) return;
    this.closed = true;
    const everyone = [...this.participants.values()];
    this.participants.clear();
    this.feeds.clear();
    for (const p of everyone) p.markGone();
    // The connection to Janus is gone: every handle's requests fail at once, so nothing waits on them.
    void Promise.allSettled(everyone.map((p) => p.close()));
    this.crashedBy = this.recordTo ? salvageRecordings(this.recordTo, `videoroom-${this.janusRoom}-`).catch((e: unknown) => this.logger?.warn({ err: e, roomId: this.roomId }, 'live media (Janus): recordings not salvaged')) : Promise.resolve();
    for (const p of everyone) p.lost();
  }

  /** Destroys the Janus room (which ends every peer and closes its recordings) and our handles. */
  async close(): Promise<void> {
    if (this.crashedBy) {
      await this.crashedBy;
      return;
    }
    this.closed = true;
    const everyone = [...this.participants.values()];
    this.participants.clear();
    for (const p of everyone) p.markGone();
    await videoRoom(this.control, { request: 'destroy', secret: this.secret, room: this.janusRoom }).catch((e: unknown) =>
      this.logger?.warn({ err: e, roomId: this.roomId }, 'live media (Janus): room not destroyed'),
    );
    await Promise.allSettled(everyone.map((p) => p.close()));
    await this.session.destroy().catch(() => undefined);
  }

  stats(): JanusRoomStats {
    const everyone = [...this.participants.values()];
    return {
      participants: everyone.length,
      publications: everyone.reduce((n, p) => n + (p.live ? [...p.publications.values()].filter((x) => x.sending && p.allowed(x)).length : 0), 0),
      forwards: everyone.reduce((n, p) => n + p.subscription.forwardCount, 0),
    };
  }

  private async allow(action: 'add' | 'remove', token: string): Promise<void> {
    await videoRoom(this.control, { request: 'allowed', secret: this.secret, room: this.janusRoom, action, allowed: [token] });
  }
}
