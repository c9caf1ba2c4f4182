import type { JanodeHandle } from 'janode';

/** What the provider logs: a pino logger fits. */
export interface JanusLogger {
  warn(details: object, message: string): void;
  /** Janus crashed or could not be started again (warn when not given). */
  error?(details: object, message: string): void;
  /** Janus is back after a crash. */
  info?(details: object, message: string): void;
}

/** An SDP for Janus; `rid_order` says how the offer lists its simulcast layers (Janus assumes `hml`). */
export type Jsep = { type: 'offer' | 'answer'; sdp: string; rid_order?: 'hml' | 'lmh' };

/** One stream of a VideoRoom subscription, as Janus describes it in `attached` and `updated`. */
export interface SubscriberStream {
  mid: string;
  type: string;
  active?: boolean;
  feed_id?: string;
  feed_mid?: string;
}

export interface VideoRoomReply {
  data: Record<string, unknown>;
  jsep: Jsep | undefined;
}

/**
 * One VideoRoom request and Janus's reply to it (for asynchronous requests, the event that
 * answers it). janode rejects on a VideoRoom error, with Janus's code and reason.
 */
export async function videoRoom(handle: JanodeHandle, body: Record<string, unknown>, jsep?: Jsep): Promise<VideoRoomReply> {
  const reply = await handle.message(body, jsep);
  const data = reply.plugindata?.data ?? {};
  if (typeof data.error === 'string') throw new Error(`Janus VideoRoom ${String(body.request)}: ${String(data.error_code)} ${data.error}`);
  return { data, jsep: reply.jsep };
}

export function streamsOf(data: Record<string, unknown>): SubscriberStream[] | null {
  return Array.isArray(data.streams) ? (data.streams as SubscriberStream[]) : null;
}
