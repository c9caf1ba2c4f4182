import type { ClientSignal, PublishPermissions, ServerSignal } from './signals.js';

/**
 * The one interface every media provider implements (DESIGN.md, Live media): the live module
 * decides who is in a room and what each may do; a provider carries the media and enforces
 * those decisions inside the SFU, so a client that ignores them gets nothing through (R-LIVE-5).
 *
 * Lifecycle: `openRoom` once, then `join` for each admitted participant (never before
 * admission, R-LIVE-4), `setPermissions` as the host changes them, `leave` on leave or removal,
 * and `closeRoom` when the session ends, which also ends every peer still in it.
 */
/** A provider's media server as the provider sees it (for /readyz and tests). */
export interface MediaHealth {
  /** `restarting`: it died and is being started again; `down`: it could not be, and we gave up. */
  state: 'up' | 'restarting' | 'down';
  /** Times it was started again after dying. */
  restarts: number;
}

export interface MediaProvider {
  readonly name: 'embedded' | 'janus';
  /** Whether `openRoom` can take `recordTo` (R-LIVE-7: a policy that records needs one that can). */
  readonly canRecord: boolean;
  /** Whether its media server runs (for /readyz): the embedded one is the process itself. */
  readonly health: MediaHealth;
  /** Opens a room; with `recordTo`, everything forwarded in it is recorded there until `closeRoom`. */
  openRoom(roomId: string, options: OpenRoomOptions): Promise<void>;
  /** Ends every peer in the room, finishes its recordings and returns their files. */
  closeRoom(roomId: string): Promise<ClosedRoom>;
  /**
   * Puts an admitted participant in the room. `send` carries signals to that participant's
   * browser (over our WebSocket); the caller hands the browser's signals to `MediaPeer.handle`.
   * Joining again with the same participant id replaces the earlier peer (a reconnect).
   */
  join(roomId: string, participantId: string, options: JoinOptions, send: (signal: ServerSignal) => void): Promise<MediaPeer>;
  /** Ends every room and releases the provider's resources (server shutdown). */
  close(): Promise<void>;
}

export interface OpenRoomOptions {
  /** A directory to record into (the provider writes WebM files there), or null: not recorded. */
  recordTo: string | null;
}

export interface JoinOptions {
  /** Hosts are received by everyone; other participants as `receives` allows. */
  role: 'host' | 'participant';
  /** What this participant may publish now (R-LIVE-5). */
  permissions: PublishPermissions;
  /** Whom this participant receives: every other publisher, or hosts only. */
  receives: 'everyone' | 'hosts';
  /**
   * Called when the provider loses this participant's media by itself (its media server died
   * and was started again): the peer is gone and its browser's connections are dead. Join the
   * participant again (the room is still open) from a browser that starts its connections afresh.
   */
  onLost?: () => void;
}

export interface ClosedRoom {
  /**
   * Absolute paths of the files recorded in the room, in the order they were started: one per
   * publisher connection, named `<nnn>-<participantId>.webm` by every provider (see publisherOf).
   */
  recordings: string[];
}

/** Whose media a recorded file holds, from its name (`003-<participantId>.webm`); null if the name says nothing. */
export function publisherOf(file: string): string | null {
  const m = /(?:^|[\\/])\d{3}-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.webm$/iu.exec(file);
  return m ? m[1]!.toLowerCase() : null;
}

export interface MediaPeer {
  readonly participantId: string;
  /** A signal from this participant's browser (already validated with `ClientSignal`). */
  handle(signal: ClientSignal): Promise<void>;
  /**
   * Changes what the participant may publish. A track no longer allowed stops being forwarded
   * (and recorded) at once; the browser is told, so its next offer is answered accordingly.
   */
  setPermissions(permissions: PublishPermissions): Promise<void>;
  /** Takes the participant out of the room (leave or removal): its media stops for everyone. */
  leave(): Promise<void>;
}

/** The provider refused a call because of the room's state (a bug in the caller, not bad input). */
export class MediaRoomError extends Error {
  constructor(
    readonly code: 'media.room.not_open' | 'media.room.already_open' | 'media.recording.unsupported',
    message: string,
  ) {
    super(message);
    this.name = 'MediaRoomError';
  }
}
