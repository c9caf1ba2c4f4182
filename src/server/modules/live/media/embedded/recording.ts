import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { MediaStreamTrack } from 'werift';
import type { MediaRecorder } from 'werift/nonstandard';
import type { Publication, Tap } from './publication.js';

export interface MediaLogger {
  warn(details: object, message: string): void;
}

interface Segment {
  publications: Publication[];
  recorder: MediaRecorder;
  taps: Map<Publication, Tap>;
}

/**
 * A room's recording, straight to WebM with werift's recorder (R-LIVE-7). Each participant's
 * forwarded tracks go to one file; when the set changes (the host lets a learner speak, a
 * camera stops) that file ends and the next begins, so every file has fixed tracks from start
 * to end and plays in any WebM player. Only what is forwarded is recorded: a track the
 * participant may not publish is in no file.
 */
export class RoomRecording {
  private readonly segments = new Map<string, Segment>();
  private readonly stopping = new Set<Promise<void>>();
  private readonly files: string[] = [];

  private constructor(
    private readonly dir: string,
    private readonly logger: MediaLogger | undefined,
    private readonly Recorder: typeof MediaRecorder,
  ) {}

  /** werift's recorder and its WebM writer weigh ~20 MB loaded: only rooms that record load them. */
  static async create(dir: string, logger: MediaLogger | undefined): Promise<RoomRecording> {
    const { MediaRecorder: Recorder } = await import('werift/nonstandard');
    return new RoomRecording(dir, logger, Recorder);
  }

  /** Records exactly these publications of the participant from now on (none: stops). */
  update(participantId: string, publications: Publication[]): void {
    const current = this.segments.get(participantId);
    const recordable = publications.filter((p) => p.codec !== undefined);
    if (current && sameSet(current.publications, recordable)) return;
    if (current) this.stop(participantId, current);
    if (recordable.length > 0) this.segments.set(participantId, this.start(participantId, recordable));
  }

  /** Ends every file; the paths of those with content, in the order they began. */
  async close(): Promise<string[]> {
    for (const [participantId, segment] of this.segments) this.stop(participantId, segment);
    await Promise.all(this.stopping);
    return this.files.filter((file) => existsSync(file) && statSync(file).size > 0);
  }

  private start(participantId: string, publications: Publication[]): Segment {
    const file = path.join(this.dir, `${String(this.files.length + 1).padStart(3, '0')}-${safeName(participantId)}.webm`);
    this.files.push(file);
    const inputs = publications.map((p) => new MediaStreamTrack({ kind: p.kind, codec: p.codec }));
    const recorder = new this.Recorder({ path: file, tracks: inputs, disableNtp: true, width: 640, height: 360 });
    recorder.onError.subscribe((error) => this.logger?.warn({ err: error, file }, 'live media: recording failed'));
    const taps = new Map<Publication, Tap>();
    publications.forEach((publication, i) => {
      const input = inputs[i];
      if (!input) return;
      const tap: Tap = (packet) => input.writeRtp(packet);
      publication.taps.add(tap);
      taps.set(publication, tap);
      publication.requestKeyframe(publication.topLayer);
    });
    return { publications, recorder, taps };
  }

  private stop(participantId: string, segment: Segment): void {
    this.segments.delete(participantId);
    for (const [publication, tap] of segment.taps) publication.taps.delete(tap);
    const done = segment.recorder
      .stop()
      .catch((error: unknown) => this.logger?.warn({ err: error }, 'live media: recording did not finish cleanly'))
      .finally(() => this.stopping.delete(done));
    this.stopping.add(done);
  }
}

function sameSet(a: readonly Publication[], b: readonly Publication[]): boolean {
  return a.length === b.length && a.every((p) => b.includes(p));
}

function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80);
}
