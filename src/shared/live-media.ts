import { z } from 'zod';

/**
 * Media signalling between a browser and whichever media provider carries the lesson
 * (DESIGN.md, Live media). Plain JSON that our WebSocket carries both ways; the provider never
 * sees the socket. Each participant has up to two peer connections with the SFU:
 *
 * - `publish`: the browser offers the tracks it wants to send; the SFU answers, refusing (as
 *   `inactive`) every track the participant may not publish (R-LIVE-5). When its permissions
 *   change the SFU sends `permissions`, and the browser offers again.
 * - `subscribe`: the SFU offers the tracks this participant receives (the room's rules and
 *   the participant's receive mode); the browser answers. Only the SFU offers here.
 *
 * Two connections rather than one keep the offer in one direction each, so there is no glare.
 */

/** What a track carries. A browser labels each published m-line by its mid. */
export const MediaSource = z.enum(['audio', 'camera', 'screen']);
export type MediaSource = z.infer<typeof MediaSource>;

/** What a participant may publish, set by the host through the live module (R-LIVE-5). */
export const PublishPermissions = z.object({ audio: z.boolean(), video: z.boolean(), screen: z.boolean() });
export type PublishPermissions = z.infer<typeof PublishPermissions>;

/**
 * What a participant chooses to receive on a poor connection (issue 6, Low bandwidth):
 * `full`; `low`, the lowest video layer a publisher sends (simulcast) with video capped; or
 * `audio-only`, no video at all.
 */
export const ReceiveMode = z.enum(['full', 'low', 'audio-only']);
export type ReceiveMode = z.infer<typeof ReceiveMode>;

export const PeerConnectionRole = z.enum(['publish', 'subscribe']);
export type PeerConnectionRole = z.infer<typeof PeerConnectionRole>;

const Sdp = z.string().min(1).max(200_000);
const Mid = z.string().min(1).max(32);

/** An ICE candidate as `RTCIceCandidate.toJSON()` gives it; `null` ends the candidates. */
export const IceCandidate = z.object({
  candidate: z.string().max(2_000),
  sdpMid: z.string().max(32).nullish(),
  sdpMLineIndex: z.number().int().min(0).max(1_000).nullish(),
  usernameFragment: z.string().max(256).nullish(),
});
export type IceCandidate = z.infer<typeof IceCandidate>;

// ——— browser → SFU ———

export const PublishOffer = z.object({
  type: z.literal('publish-offer'),
  sdp: Sdp,
  /** What each sending m-line carries, by mid. Unlabelled: audio is `audio`, video is `camera`. */
  sources: z.record(Mid, MediaSource).default({}),
});
export const SubscribeAnswer = z.object({ type: z.literal('subscribe-answer'), sdp: Sdp });
export const ClientIce = z.object({ type: z.literal('ice'), pc: PeerConnectionRole, candidate: IceCandidate.nullable() });
export const SetReceiveMode = z.object({ type: z.literal('receive-mode'), mode: ReceiveMode });

export const ClientSignal = z.discriminatedUnion('type', [PublishOffer, SubscribeAnswer, ClientIce, SetReceiveMode]);
export type ClientSignal = z.infer<typeof ClientSignal>;

// ——— SFU → browser ———

/** One m-line the SFU sends: whose it is and what it carries, so the page can label it. */
export const SubscribedTrack = z.object({ mid: Mid, participantId: z.string(), source: MediaSource });
export type SubscribedTrack = z.infer<typeof SubscribedTrack>;

export const PublishAnswer = z.object({
  type: z.literal('publish-answer'),
  sdp: Sdp,
  /** Mids the SFU refused (answered `inactive`): the participant may not publish them now. */
  refused: z.array(Mid),
});
export const SubscribeOffer = z.object({
  type: z.literal('subscribe-offer'),
  sdp: Sdp,
  /** The m-lines that carry media now; any other m-line in the offer is idle. */
  tracks: z.array(SubscribedTrack),
});
export const ServerIce = z.object({ type: z.literal('ice'), pc: PeerConnectionRole, candidate: IceCandidate.nullable() });
/** The participant's permissions changed: offer again so the SFU can accept or refuse each track. */
export const PermissionsChanged = z.object({ type: z.literal('permissions'), permissions: PublishPermissions });

export const ServerSignal = z.discriminatedUnion('type', [PublishAnswer, SubscribeOffer, ServerIce, PermissionsChanged]);
export type ServerSignal = z.infer<typeof ServerSignal>;
