import { mkdir } from 'node:fs/promises';
import Janode, { type JanodeConnection } from 'janode';
import { MediaRoomError, type ClosedRoom, type JoinOptions, type MediaHealth, type MediaPeer, type MediaProvider, type OpenRoomOptions } from '../provider.js';
import type { ServerSignal } from '../signals.js';
import type { JanusLogger } from './api.js';
import { installed, janusLaunch, launchJanus, type JanusExit, type JanusLaunch, type RunningJanus, type StartJanusOptions } from './process.js';
import { DEFAULT_TOOLS, finishRecordings, type RecordingName, type RecordingTools } from './recording.js';
import { JanusRoom, type JanusRoomStats } from './room.js';
import { DEFAULT_RESTART, Supervisor, type RestartPolicy } from './supervisor.js';

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

export type JanusStartOptions = StartJanusOptions &
  Pick<JanusConnectOptions, 'logger' | 'tools'> & {
    /** When to start Janus again after it dies, and when to give up (default: DEFAULT_RESTART). */
    restart?: RestartPolicy;
  };


/**
 * The Janus media provider (DESIGN.md, Live media): Debian's Janus 1.1 with its VideoRoom
 * plugin, driven only by our server through janode over Janus's WebSocket API on loopback.
 * Browsers reach Janus only on its media ports. Admission, moderation and removal are enforced
 * inside Janus (room tokens, `moderate`, token removal then `kick`); recordings become one
 * playable WebM per publisher connection through `janus-pp-rec` and `ffmpeg`.
 *
 * A Janus we started is supervised: if it dies (a crash, the OOM killer), every participant's
 * peer is lost (their `onLost` says so), Janus is started again with the same settings, and
 * every room that was open is opened again in it, recording on into new files; the caller joins
 * the participants again (with the permissions then in force, enforced by the new Janus).
 * Joins and new rooms wait for the restart; after a few quick failures it gives up.
 */
export class JanusMediaProvider implements MediaProvider {
  readonly name = 'janus' as const;
  readonly canRecord: boolean;
  private readonly rooms = new Map<string, JanusRoom>();
  private readonly tools: RecordingTools;
  private closing = false;
  private supervisor: Supervisor<RunningJanus> | null = null;
  /** Settles when Janus can take requests: at once, or once a restart under way has ended. */
  private ready: Promise<void> = Promise.resolve();
  private restarts = 0;

  private constructor(
    private connection: JanodeConnection,
    private readonly options: JanusConnectOptions,
    private readonly janus: RunningJanus | null,
  ) {
    this.tools = options.tools ?? DEFAULT_TOOLS;
    this.canRecord = installed(this.tools.ppRec) && installed(this.tools.ffmpeg);
  }

  /** Connects to a Janus that is already running (and configured as config.ts writes it); not supervised. */
  static async connect(options: JanusConnectOptions, janus: RunningJanus | null = null): Promise<JanusMediaProvider> {
    const state = { provider: null as JanusMediaProvider | null };
    const connection = await JanusMediaProvider.dial(options, () => state.provider?.expectsLoss() ?? false);
    state.provider = new JanusMediaProvider(connection, options, janus);
    return state.provider;
  }

  /** A janode connection to Janus's API; its loss is logged unless `expected()` says we know. */
  private static async dial(options: JanusConnectOptions, expected: () => boolean): Promise<JanodeConnection> {
    Janode.Logger.setLevel('none'); // failures reach us as rejected requests and are logged there
    const connection = await Janode.connect({ address: { url: options.apiUrl, apisecret: options.apiSecret }, max_retries: 3, retry_time_secs: 1 });
    connection.on(Janode.EVENT.CONNECTION_CLOSED, () => {
      if (!expected()) options.logger?.warn({}, 'live media (Janus): the connection to Janus closed');
    });
    connection.on(Janode.EVENT.CONNECTION_ERROR, (e: unknown) => {
      if (!expected()) options.logger?.warn({ err: e }, 'live media (Janus): the connection to Janus failed');
    });
    return connection;
  }

  /**
   * Writes Janus's configuration to `options.dir`, starts Janus as our child process, waits for
   * its API and connects; if Janus dies, it is started again (see the class); `close()` stops it.
   */
  static async start(options: JanusStartOptions): Promise<JanusMediaProvider> {
    const launch = await janusLaunch(options);
    const janus = await launchJanus(launch);
    let provider: JanusMediaProvider;
    try {
      provider = await JanusMediaProvider.connect({ apiUrl: janus.apiUrl, apiSecret: janus.apiSecret, roomAdminKey: janus.roomAdminKey, logger: options.logger, tools: options.tools }, janus);
    } catch (e) {
      await janus.stop();
      throw e;
    }
    provider.supervise(janus, launch, options.restart ?? DEFAULT_RESTART);
    return provider;
  }

  /** The Janus this provider started, if it did (its pid and admin API, for measurements); the one running now after a restart. */
  get process(): RunningJanus | null {
    return this.supervisor?.current ?? this.janus;
  }

  /** Closing, or Janus died: a lost connection is no news. */
  private expectsLoss(): boolean {
    return this.closing || this.health.state !== 'up';
  }

  /** Whether Janus is up, being started again, or given up on. */
  get health(): MediaHealth {
    const state = !this.supervisor || this.supervisor.healthy ? 'up' : this.supervisor.gaveUp ? 'down' : 'restarting';
    return { state, restarts: this.restarts };
  }

  async openRoom(roomId: string, options: OpenRoomOptions): Promise<void> {
    if (this.rooms.has(roomId)) throw new MediaRoomError('media.room.already_open', `Room ${roomId} is already open.`);
    if (options.recordTo !== null && !this.canRecord) {
      throw new MediaRoomError('media.recording.unsupported', 'Janus recordings need janus-pp-rec (janus-tools) and ffmpeg, and one is not installed.');
    }
    await this.ready;
    const room = await this.createRoom(this.connection, roomId, options.recordTo, []);
    if (this.rooms.has(roomId)) {
      await room.close();
      throw new MediaRoomError('media.room.already_open', `Room ${roomId} is already open.`);
    }
    this.rooms.set(roomId, room);
  }

  /** A room of ours in the Janus behind `connection`, in a Janus session of its own. */
  private async createRoom(connection: JanodeConnection, roomId: string, recordTo: string | null, recorded: readonly RecordingName[]): Promise<JanusRoom> {
    if (recordTo !== null) await mkdir(recordTo, { recursive: true });
    const session = await connection.create();
    try {
      return await JanusRoom.open({ roomId, session, roomAdminKey: this.options.roomAdminKey, recordTo, logger: this.options.logger, recorded });
    } catch (e) {
      await session.destroy().catch(() => undefined);
      throw e;
    }
  }

  private supervise(first: RunningJanus, launch: JanusLaunch, policy: RestartPolicy): void {
    const logger = this.options.logger;
    const error = (details: object, message: string) => (logger?.error ?? logger?.warn)?.call(logger, details, message);
    let settle: { resolve: () => void; reject: (e: unknown) => void } | null = null;
    let downAt = 0;
    this.supervisor = new Supervisor<RunningJanus>(
      first,
      {
        down: (exit) => {
          downAt = performance.now();
          error({ exit, pid: this.process?.pid, output: this.process?.output().split('\n').slice(-20).join('\n') }, 'live media (Janus): Janus died; starting it again');
          this.ready = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
          this.ready.catch(() => undefined); // waiters see it; nobody waiting is no error
          this.lost(exit);
        },
        launch: () => this.relaunch(launch),
        up: (janus, attempts) => {
          this.restarts += 1;
          const seconds = Math.round(performance.now() - downAt) / 1000;
          (logger?.info ?? logger?.warn)?.call(logger, { pid: janus.pid, attempts, seconds, rooms: this.rooms.size }, 'live media (Janus): Janus is running again; its rooms are open again');
          settle?.resolve();
        },
        failed: (e, attempt) => logger?.warn({ err: e, attempt }, 'live media (Janus): Janus could not be started again'),
        gaveUp: (e) => {
          error({ err: e }, 'live media (Janus): Janus keeps failing; gave up starting it again: live lessons have no media until the server is restarted');
          settle?.reject(new Error('Janus is down: it died and could not be started again.'));
        },
      },
      policy,
    );
  }

  /** Janus died: every room's peers are lost (and told), and the old connection is let go. */
  private lost(_exit: JanusExit): void {
    for (const room of this.rooms.values()) room.crash();
    void this.connection.close().catch(() => undefined);
  }

  /**
   * Starts Janus again with the same settings, connects, and opens again every room that is
   * still open on our side (recording on into new files). Fails whole: a Janus that is half
   * ready is stopped, and the supervisor tries again.
   */
  private async relaunch(launch: JanusLaunch): Promise<RunningJanus> {
    if (this.closing) throw new Error('closing');
    const janus = await launchJanus(launch);
    let connection: JanodeConnection | null = null;
    const reopened: JanusRoom[] = [];
    try {
      connection = await JanusMediaProvider.dial(this.options, () => this.expectsLoss());
      for (const [roomId, old] of [...this.rooms]) {
        if (!old.crashed) continue;
        const room = await this.createRoom(connection, roomId, old.recordTo, old.recordings);
        reopened.push(room);
        if (this.closing) throw new Error('closing');
        // Closed while we were opening it again: not wanted any more.
        if (this.rooms.get(roomId) !== old) await room.close();
        else this.rooms.set(roomId, room);
      }
      if (this.closing) throw new Error('closing');
      this.connection = connection;
      return janus;
    } catch (e) {
      for (const room of reopened) if (this.rooms.get(room.roomId) === room) room.crash();
      await connection?.close().catch(() => undefined);
      await janus.stop(1_000);
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
    this.room(roomId);
    await this.ready;
    return this.room(roomId).join(participantId, options, send);
  }

  async close(): Promise<void> {
    this.closing = true;
    const rooms = [...this.rooms.keys()];
    await Promise.allSettled(rooms.map((id) => this.closeRoom(id)));
    await this.connection.close().catch(() => undefined);
    await (this.supervisor ? this.supervisor.stop() : this.janus?.stop());
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
