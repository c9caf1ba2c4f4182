import type { JoinOptions } from './provider.js';
import type { MediaSource, PublishPermissions, ReceiveMode } from './signals.js';

/**
 * Pure forwarding rules of the SFU: who may publish what, who receives whom, and which
 * simulcast layer. Every provider applies the same rules; the embedded one calls them on each
 * change in the room (a join, a leave, a permission, a receive mode).
 */

/** R-LIVE-5: a participant publishes a source only while the host allows it. */
export function mayPublish(permissions: PublishPermissions, source: MediaSource): boolean {
  switch (source) {
    case 'audio':
      return permissions.audio;
    case 'camera':
      return permissions.video;
    case 'screen':
      return permissions.screen;
  }
}

export function kindOf(source: MediaSource): 'audio' | 'video' {
  return source === 'audio' ? 'audio' : 'video';
}

export interface ReceiverFacts {
  participantId: string;
  receives: JoinOptions['receives'];
  mode: ReceiveMode;
}

export interface PublicationFacts {
  participantId: string;
  role: JoinOptions['role'];
  permissions: PublishPermissions;
  source: MediaSource;
}

/**
 * Whether `receiver` gets this publication: never its own, never one its publisher may not
 * send (R-LIVE-5), never video in audio-only mode, and only hosts' for a receiver who receives
 * hosts only.
 */
export function shouldReceive(receiver: ReceiverFacts, publication: PublicationFacts): boolean {
  if (receiver.participantId === publication.participantId) return false;
  if (!mayPublish(publication.permissions, publication.source)) return false;
  if (receiver.mode === 'audio-only' && kindOf(publication.source) === 'video') return false;
  return receiver.receives === 'everyone' || publication.role === 'host';
}

/**
 * The simulcast layer (rid) a receiver gets, from the layers a publisher sends, lowest first:
 * the lowest in `low` mode, the highest otherwise. `''` stands for a publisher without simulcast.
 */
export function layerFor(mode: ReceiveMode, layersLowestFirst: readonly string[]): string | undefined {
  return mode === 'low' ? layersLowestFirst[0] : layersLowestFirst[layersLowestFirst.length - 1];
}
