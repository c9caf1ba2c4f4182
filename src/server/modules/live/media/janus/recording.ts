import { execFile } from 'node:child_process';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { JanusLogger } from './api.js';

const run = promisify(execFile);

export interface RecordingTools {
  /** `janus-pp-rec` from Debian's janus-tools. */
  ppRec: string;
  ffmpeg: string;
}

export const DEFAULT_TOOLS: RecordingTools = { ppRec: 'janus-pp-rec', ffmpeg: 'ffmpeg' };

/** Janus writes `<name>.mjr.tmp` while a recording is open and renames it when it closes. */
export const OPEN_SUFFIX = '.tmp';

/** Waits until Janus has closed every recording in `dir` (at most `ms`). */
async function closedByJanus(dir: string, ms: number): Promise<void> {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    const open = (await readdir(dir).catch(() => [])).filter((f) => f.endsWith(`.mjr${OPEN_SUFFIX}`));
    if (open.length === 0) return;
    await sleep(100);
  }
}

/**
 * After Janus died, its open recordings stay `<name>.mjr.tmp`, written up to the crash: they are
 * renamed `<name>.mjr`, so `finishRecordings` keeps what they hold. Returns how many.
 */
export async function salvageRecordings(dir: string, prefix: string): Promise<number> {
  const open = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.startsWith(prefix) && f.endsWith(`.mjr${OPEN_SUFFIX}`));
  for (const file of open) await rename(path.join(dir, file), path.join(dir, file.slice(0, -OPEN_SUFFIX.length)));
  return open.length;
}

/** One publisher's recording: the prefix of the `.mjr` files Janus wrote, and the name of our WebM. */
export interface RecordingName {
  feed: string;
  prefix: string;
  name: string;
}

/**
 * Turns a closed room's Janus recordings into one playable WebM per publisher connection
 * (R-LIVE-7): each `.mjr` stream (Opus or VP8, as the room allows) becomes a file of its own
 * with `janus-pp-rec`, then `ffmpeg` puts a connection's streams together in `<name>.webm`
 * without re-encoding. Streams that never carried a packet (refused ones) are left out. The
 * `.mjr` files and the pieces go once the WebM is made; a connection that fails keeps them, for
 * a person to look at. Returns the WebM files in the order the recordings started.
 */
export async function finishRecordings(dir: string, recordings: readonly RecordingName[], tools: RecordingTools, logger?: JanusLogger): Promise<string[]> {
  await closedByJanus(dir, 10_000);
  const files = await readdir(dir).catch(() => [] as string[]);
  const out: string[] = [];
  for (const { prefix, name } of recordings) {
    const streams = files.filter((f) => f.startsWith(prefix) && f.endsWith('.mjr')).sort();
    if (streams.length === 0) continue;
    const pieces: string[] = [];
    try {
      for (const mjr of streams) {
        const source = path.join(dir, mjr);
        if ((await stat(source)).size === 0) continue;
        const piece = path.join(dir, `${mjr.slice(0, -'.mjr'.length)}.${mjr.includes('-audio-') ? 'opus' : 'webm'}`);
        try {
          await run(tools.ppRec, [source, piece], { timeout: 300_000 });
          if ((await stat(piece)).size > 0) pieces.push(piece);
        } catch (e) {
          // janus-pp-rec refuses a stream without packets: nothing of it to keep.
          logger?.warn({ err: e, file: source }, 'live media (Janus): a recorded stream was not converted');
        }
      }
      if (pieces.length === 0) continue;
      const target = path.join(dir, `${name}.webm`);
      const inputs = pieces.flatMap((p) => ['-i', p]);
      const maps = pieces.flatMap((_p, i) => ['-map', String(i)]);
      await run(tools.ffmpeg, ['-hide_banner', '-loglevel', 'error', '-y', ...inputs, ...maps, '-c', 'copy', target], { timeout: 300_000 });
      out.push(target);
      await Promise.all([...streams.map((f) => rm(path.join(dir, f), { force: true })), ...pieces.map((p) => rm(p, { force: true }))]);
    } catch (e) {
      logger?.warn({ err: e, dir, name }, 'live media (Janus): a recording could not be made playable');
    }
  }
  return out;
}
