import { mkdir } from 'node:fs/promises';
import Janode, { type JanodeConnection } from 'janode';
import { MediaRoomError, type ClosedRoom, type JoinOptions, type MediaPeer, type MediaProvider, type OpenRoomOptions } from '../provider.js';
import type { ServerSignal } from '../signals.js';
import type { JanusLogger } from './api.js';
import { installed, startJanus, type RunningJanus, type StartJanusOptions } from './process.js';
import { DEFAULT_TOOLS, finishRecordings, type RecordingTools } from './recording.js';
import { JanusRoom, type JanusRoomStats } from './room.js';

export interface JanusConnectOptions {
  /** The Janus API's WebSocket on loopback, e.g. `ws://127.0.0.1:8188`. */
  apiUrl: string;
  apiSecret: string;
  /** The VideoRoom plugin's `admin_key`: only holders create rooms. */
  roomAdminKey: string;
  logger?: JanusLogger;
  /** `janus-pp-rec` and `ffmpeg` (default: on PATH). */
  tools?: RecordingTools;
}

export type JanusStartOptions = StartJanusOptions & Pick<JanusConnectOptions, 'logger' | 'tools'>;

/**
 * The Janus media provider (DESIGN.md, Live media): Debian's Janus 1.1 with its VideoRoom
 * plugin, driven only by our server through janode over Janus's WebSocket API on loopback.
 * Browsers reach Janus only on its media ports. Admission, moderation and removal are enforced
 * inside Janus (room tokens, `moderate`, token removal then `kick`); recordings become one
 * playable WebM per publisher connection through `janus-pp-rec` and `ffmpeg`.
 */
export class JanusMediaProvider implements MediaProvider {
  readonly name = 'janus' as const;
  readonly canRecord: boolean;
  private readonly rooms = new Map<string, JanusRoom>();
  private readonly tools: RecordingTools;
  private closing = false;

  private constructor(
    private readonly connection: JanodeConnection,
    private readonly options: JanusConnectOptions,
    private readonly janus: RunningJanus | null,
  ) {
    this.tools = options.tools ?? DEFAULT_TOOLS;
    this.canRecord = installed(this.tools.ppRec) && installed(this.tools.ffmpeg);
  }

  /** Connects to a Janus that is already running (and configured as config.ts writes it). */
  static async connect(options: JanusConnectOptions, janus: RunningJanus | null = null): Promise<JanusMediaProvider> {
    Janode.Logger.setLevel('none'); // failures reach us as rejected requests and are logged there
    const connection = await Janode.connect({ address: { url: options.apiUrl, apisecret: options.apiSecret }, max_retries: 3, retry_time_secs: 1 });
    const provider = new JanusMediaProvider(connection, options, janus);
    connection.on(Janode.EVENT.CONNECTION_CLOSED, () => {
      if (!provider.closing) options.logger?.warn({}, 'live media (Janus): the connection to Janus closed');
    });
    connection.on(Janode.EVENT.CONNECTION_ERROR, (e: unknown) => options.logger?.warn({ err: e }, 'live media (Janus): the connection to Janus failed'));
    return provider;
  }

  /**
   * Writes Janus's configuration to `options.dir`, starts Janus as our child process, waits for
   * its API and connects; `close()` stops it again.
   */
  static async start(options: JanusStartOptions): Promise<JanusMediaProvider> {
    const janus = await startJanus(options);
    try {
      return await JanusMediaProvider.connect({ apiUrl: janus.apiUrl, apiSecret: janus.apiSecret, roomAdminKey: janus.roomAdminKey, logger: options.logger, tools: options.tools }, janus);
    } catch (e) {
      await janus.stop();
      throw e;
    }
  }

  /** The Janus this provider started, if it did (its pid and admin API, for measurements). */
  get process(): RunningJanus | null {
    return this.janus;
  }

  async openRoom(roomId: string, options: OpenRoomOptions): Promise<void> {
    if (this.rooms.has(roomId)) throw new MediaRoomError('media.room.already_open', `Room ${roomId} is already open.`);
    if (options.recordTo !== null && !this.canRecord) {
      throw new MediaRoomError('media.recording.unsupported', 'Janus recordings need janus-pp-rec (janus-tools) and ffmpeg, and one is not installed.');
    }
    if (options.recordTo !== null) await mkdir(options.recordTo, { recursive: true });
    const session = await this.connection.create();
    try {
      const room = await JanusRoom.open({ roomId, session, roomAdminKey: this.options.roomAdminKey, recordTo: options.recordTo, logger: this.options.logger });
      if (this.rooms.has(roomId)) {
        await room.close();
        throw new MediaRoomError('media.room.already_open', `Room ${roomId} is already open.`);
      }
      this.rooms.set(roomId, room);
    } catch (e) {
      await session.destroy().catch(() => undefined);
      throw e;
    }
  }

  async closeRoom(roomId: string): Promise<ClosedRoom> {
    const room = this.room(roomId);
    this.rooms.delete(roomId);
    await room.close();
    const recordings = room.recordTo ? await finishRecordings(room.recordTo, room.recordings, this.tools, this.options.logger) : [];
    return { recordings };
  }

  async join(roomId: string, participantId: string, options: JoinOptions, send: (signal: ServerSignal) => void): Promise<MediaPeer> {
    return this.room(roomId).join(participantId, options, send);
  }

  async close(): Promise<void> {
    this.closing = true;
    const rooms = [...this.rooms.keys()];
    await Promise.allSettled(rooms.map((id) => this.closeRoom(id)));
    await this.connection.close().catch(() => undefined);
    await this.janus?.stop();
  }

  /** Participants, live publications and forwarded streams in a room (metrics, benchmarks). */
  stats(roomId: string): JanusRoomStats {
    return this.room(roomId).stats();
  }

  /** The VideoRoom a room lives in inside Janus (for operators and tests). */
  janusRoomOf(roomId: string): string {
    return this.room(roomId).janusRoom;
  }

  private room(roomId: string): JanusRoom {
    const room = this.rooms.get(roomId);
    if (!room) throw new MediaRoomError('media.room.not_open', `Room ${roomId} is not open.`);
    return room;
  }
}
