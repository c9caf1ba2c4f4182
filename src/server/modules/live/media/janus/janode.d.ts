// janode ships no types: what our Janus provider uses of it (janode 1.8; see node_modules/janode/src).

declare module 'janode' {
  import type { EventEmitter } from 'node:events';

  export interface JanusMessage {
    janus: string;
    transaction?: string;
    plugindata?: { plugin: string; data: Record<string, unknown> };
    jsep?: { type: 'offer' | 'answer'; sdp: string };
    [key: string]: unknown;
  }

  export interface JanodeHandle extends EventEmitter {
    readonly id: number;
    /** Sends a plugin message; resolves with Janus's answer (or its event, for asynchronous requests). */
    message(body: Record<string, unknown>, jsep?: { type: 'offer' | 'answer'; sdp: string; rid_order?: string }): Promise<JanusMessage>;
    trickle(candidate: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null } | null): Promise<void>;
    hangup(): Promise<void>;
    detach(): Promise<void>;
  }

  export interface JanodeSession extends EventEmitter {
    readonly id: number;
    attach<H extends JanodeHandle>(descriptor: { id: string; Handle: unknown }): Promise<H>;
    destroy(): Promise<void>;
  }

  export interface JanodeConnection extends EventEmitter {
    create(keepAliveSeconds?: number): Promise<JanodeSession>;
    close(): Promise<void>;
    /** Admin API only. */
    handleInfo(sessionId: number, handleId: number): Promise<{ info: Record<string, unknown> }>;
    listSessions(): Promise<{ sessions: number[] }>;
    listHandles(sessionId: number): Promise<{ handles: number[] }>;
  }

  interface Janode {
    connect(config: {
      is_admin?: boolean;
      address: { url: string; apisecret?: string };
      retry_time_secs?: number;
      max_retries?: number;
    }): Promise<JanodeConnection>;
    Logger: { setLevel(level: 'none' | 'error' | 'warning' | 'info' | 'verbose' | 'debug'): string };
    EVENT: {
      CONNECTION_CLOSED: string;
      CONNECTION_ERROR: string;
      SESSION_DESTROYED: string;
      HANDLE_DETACHED: string;
      HANDLE_ICE_FAILED: string;
      HANDLE_HANGUP: string;
      HANDLE_MEDIA: string;
      HANDLE_WEBRTCUP: string;
      HANDLE_SLOWLINK: string;
      HANDLE_TRICKLE: string;
    };
  }
  const janode: Janode;
  export default janode;
}

declare module 'janode/plugins/videoroom' {
  const videoRoom: {
    id: string;
    Handle: unknown;
    /** Events a VideoRoom handle emits for messages that answer no request of ours. */
    EVENT: Record<
      | 'VIDEOROOM_PUB_LIST'
      | 'VIDEOROOM_UNPUBLISHED'
      | 'VIDEOROOM_LEAVING'
      | 'VIDEOROOM_KICKED'
      | 'VIDEOROOM_UPDATED'
      | 'VIDEOROOM_DESTROYED'
      | 'VIDEOROOM_ERROR',
      string
    >;
  };
  export default videoRoom;
}
