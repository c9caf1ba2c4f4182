import { mkdir } from 'node:fs/promises';
import type { DtlsKeys } from 'werift';
import { MediaRoomError, type ClosedRoom, type JoinOptions, type MediaPeer, type MediaProvider, type OpenRoomOptions } from '../provider.js';
import type { ServerSignal } from '../signals.js';
import { makeDtlsKeys, type IceOptions } from './peer-config.js';
import { RoomRecording, type MediaLogger } from './recording.js';
import { Room, type RoomStats } from './room.js';

export interface EmbeddedMediaOptions {
  ice?: IceOptions;
  logger?: MediaLogger;
}

/**
 * The default media provider (DESIGN.md, Live media): a selective forwarding unit in our own
 * process on werift, pure TypeScript WebRTC, with nothing to install. It records to WebM.
 */
export class EmbeddedMediaProvider implements MediaProvider {
  readonly name = 'embedded' as const;
  readonly canRecord = true;
  /** The SFU is this process: it is up while the server answers. */
  readonly health = { state: 'up', restarts: 0 } as const;
  private readonly rooms = new Map<string, Room>();

  private constructor(
    private readonly keys: DtlsKeys,
    private readonly options: EmbeddedMediaOptions,
  ) {}

  static async create(options: EmbeddedMediaOptions = {}): Promise<EmbeddedMediaProvider> {
    return new EmbeddedMediaProvider(await makeDtlsKeys(), options);
  }

  async openRoom(roomId: string, options: OpenRoomOptions): Promise<void> {
    if (this.rooms.has(roomId)) throw new MediaRoomError('media.room.already_open', `Room ${roomId} is already open.`);
    let recording: RoomRecording | null = null;
    if (options.recordTo !== null) {
      await mkdir(options.recordTo, { recursive: true });
      recording = await RoomRecording.create(options.recordTo, this.options.logger);
    }
    this.rooms.set(roomId, new Room(roomId, this.options.ice ?? {}, this.keys, recording, this.options.logger));
  }

  async closeRoom(roomId: string): Promise<ClosedRoom> {
    const room = this.room(roomId);
    this.rooms.delete(roomId);
    return { recordings: await room.close() };
  }

  async join(roomId: string, participantId: string, options: JoinOptions, send: (signal: ServerSignal) => void): Promise<MediaPeer> {
    return this.room(roomId).join(participantId, options, send);
  }

  async close(): Promise<void> {
    const rooms = [...this.rooms.values()];
    this.rooms.clear();
    await Promise.allSettled(rooms.map((room) => room.close()));
  }

  /** Participants, live publications and forwarded tracks in a room (metrics, benchmarks). */
  stats(roomId: string): RoomStats {
    return this.room(roomId).stats();
  }

  private room(roomId: string): Room {
    const room = this.rooms.get(roomId);
    if (!room) throw new MediaRoomError('media.room.not_open', `Room ${roomId} is not open.`);
    return room;
  }
}
