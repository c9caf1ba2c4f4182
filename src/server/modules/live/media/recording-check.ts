import { EncodedPacketSink, FilePathSource, Input, WEBM } from 'mediabunny';

export interface RecordingSummary {
  /** Seconds from the first to the end of the last frame. */
  durationSeconds: number;
  tracks: { kind: 'audio' | 'video' | 'other'; codec: string | null; frames: number }[];
}

/**
 * Reads a WebM recording back with a demuxer: its tracks, their codecs, how many frames each
 * carries and how long it lasts. A file a player would refuse throws. The live module checks
 * recordings with it before keeping them (R-LIVE-7); tests check the SFU's files with it.
 */
export async function inspectRecording(file: string): Promise<RecordingSummary> {
  const input = new Input({ source: new FilePathSource(file), formats: [WEBM] });
  try {
    const tracks: RecordingSummary['tracks'] = [];
    for (const track of await input.getTracks()) {
      let frames = 0;
      for await (const _packet of new EncodedPacketSink(track).packets()) frames += 1;
      tracks.push({ kind: track.isVideoTrack() ? 'video' : track.isAudioTrack() ? 'audio' : 'other', codec: track.codec, frames });
    }
    return { durationSeconds: await input.computeDuration(), tracks };
  } finally {
    input.dispose();
  }
}
