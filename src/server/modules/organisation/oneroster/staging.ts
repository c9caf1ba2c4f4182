import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RosterSource } from './read.js';
import { UploadNotRoster, UploadTooLarge } from './errors.js';

/**
 * R-ORG-3: an upload kept on disk between its preview and its apply (or discard), under
 * `<data dir>/roster-imports/<organisation>/<import>/`. Uploads are streamed to disk with a running
 * byte count, so a large bundle is never held in memory and one over the limit stops at the limit.
 */

export type RosterUpload =
  | { kind: 'zip'; stream: Readable }
  | { kind: 'files'; files: AsyncIterable<{ filename: string; stream: Readable }> | Iterable<{ filename: string; stream: Readable }> };

/** The most separate files an upload may hold (the 1.2 binding has 21 plus the manifest). */
const MAX_FILES = 30;

/** The folder an upload is kept in until it is applied or discarded. */
export function importDir(dataDir: string, organisationId: string, importId: string): string {
  return resolve(dataDir, 'roster-imports', organisationId, importId);
}

function limiter(limit: number, used: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      used.bytes += chunk.length;
      if (used.bytes > limit) done(UploadTooLarge(limit));
      else done(null, chunk);
    },
  });
}

/** Only plain CSV names: no folders, no odd characters, so nothing can be written outside the import's folder. */
function csvName(filename: string): string {
  const name = basename(filename.replace(/\\/g, '/'));
  if (!/^[A-Za-z0-9._-]+\.csv$/i.test(name)) throw UploadNotRoster(`${name || 'A file'} is not a CSV file.`);
  return name;
}

/** Writes the upload into `dir` and gives the path to read it from. Removes what it wrote when the upload fails. */
export async function stageUpload(dir: string, upload: RosterUpload, limit: number): Promise<string> {
  await mkdir(dir, { recursive: true });
  const used = { bytes: 0 };
  try {
    if (upload.kind === 'zip') {
      const path = join(dir, 'roster.zip');
      await pipeline(upload.stream, limiter(limit, used), createWriteStream(path));
      if (used.bytes === 0) throw UploadNotRoster('The upload is empty.');
      return path;
    }
    const files: { name: string }[] = [];
    for await (const file of upload.files) {
      const name = csvName(file.filename);
      if (files.some((f) => f.name.toLowerCase() === name.toLowerCase())) throw UploadNotRoster(`${name} is in the upload twice.`);
      if (files.length >= MAX_FILES) throw UploadNotRoster(`The upload has more than ${MAX_FILES} files.`);
      const path = join(dir, name);
      await pipeline(file.stream, limiter(limit, used), createWriteStream(path));
      files.push({ name });
    }
    if (files.length === 0) throw UploadNotRoster('The upload has no files in it.');
    return dir;
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** How to read a staged upload, or the zip or folder a command-line import names. */
export function sourceAt(path: string): RosterSource {
  return path.toLowerCase().endsWith('.zip') ? { kind: 'zip', path } : { kind: 'directory', path };
}
