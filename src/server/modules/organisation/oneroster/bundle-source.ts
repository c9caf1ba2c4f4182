import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Unzip, UnzipInflate } from 'fflate';
import type { RosterProblem } from './problems.js';

/**
 * R-ORG-3: where a bundle's CSV files come from. A zip stays on disk: each entry is inflated as
 * it streams past, so neither the archive nor a whole CSV file is ever held in memory; a
 * directory's files are streamed from disk.
 */
export type RosterSource =
  | { kind: 'zip'; path: string }
  | { kind: 'directory'; path: string }
  | { kind: 'files'; files: { name: string; path: string }[] };

export interface BundleEntry {
  /** The file's name as the bundle spells it, e.g. "users.csv". */
  name: string;
  /** Bytes of CSV text (inflated size for a zip entry). */
  size: number;
  open(): AsyncIterable<Uint8Array>;
}

/** Entries keyed by lower-cased file name, so "Users.csv" from a Windows export still matches. */
export type BundleEntries = Map<string, BundleEntry>;

const CHUNK = 64 * 1024;

function fileEntry(name: string, path: string, size: number): BundleEntry {
  return { name, size, open: () => createReadStream(path, { highWaterMark: CHUNK }) };
}

function archiveProblem(path: string, message: string): RosterProblem {
  return { file: basename(path), line: null, field: null, code: 'organisation.roster.bad_archive', message };
}

function isNodeError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error;
}

async function openDirectory(path: string): Promise<BundleEntries> {
  const entries: BundleEntries = new Map();
  for (const dirent of await readdir(path, { withFileTypes: true })) {
    if (!dirent.isFile()) continue;
    const full = join(path, dirent.name);
    entries.set(dirent.name.toLowerCase(), fileEntry(dirent.name, full, (await stat(full)).size));
  }
  return entries;
}

async function openFiles(files: { name: string; path: string }[]): Promise<BundleEntries> {
  const entries: BundleEntries = new Map();
  for (const f of files) {
    const name = basename(f.name);
    entries.set(name.toLowerCase(), fileEntry(name, f.path, (await stat(f.path)).size));
  }
  return entries;
}

/** A zip entry that cannot be inflated (a damaged or truncated archive). */
export class DamagedArchive extends Error {}

const ZIP_SIGNATURES = ['504b0304', '504b0506'];

async function looksLikeZip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && ZIP_SIGNATURES.includes(head.toString('hex'));
  } finally {
    await handle.close();
  }
}

/** Entries may sit at the root or inside one folder (a zipped export folder); macOS resource forks are skipped. */
function entryName(fullName: string): string | null {
  const name = fullName.split('/').pop() ?? '';
  return name === '' || fullName.startsWith('__MACOSX/') || name.startsWith('._') ? null : name;
}

/** Streams the archive past fflate's Unzip, starting only the entries `pick` wants. */
async function* streamZip(path: string, pick: (fullName: string) => boolean): AsyncGenerator<Uint8Array> {
  const ready: Uint8Array[] = [];
  const state: { failure: Error | null; finished: boolean } = { failure: null, finished: false };
  const unzip = new Unzip((file) => {
    if (!pick(file.name)) return;
    file.ondata = (error, chunk, final) => {
      if (error) state.failure = error;
      else if (chunk.length > 0) ready.push(chunk);
      if (final) state.finished = true;
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  const stream = createReadStream(path, { highWaterMark: CHUNK });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      try {
        unzip.push(chunk);
      } catch (error) {
        state.failure ??= error instanceof Error ? error : new Error(String(error));
      }
      if (state.failure !== null) throw new DamagedArchive(state.failure.message);
      while (ready.length > 0) yield ready.shift() as Uint8Array;
      if (state.finished) return;
    }
    unzip.push(new Uint8Array(0), true);
    while (ready.length > 0) yield ready.shift() as Uint8Array;
  } finally {
    stream.destroy();
  }
}

/** Lists a zip's CSV entries from their headers, inflating nothing. */
async function openZip(path: string): Promise<BundleEntries> {
  const listed: { fullName: string; name: string; size: number }[] = [];
  const unzip = new Unzip((file) => {
    const name = entryName(file.name);
    if (name !== null) listed.push({ fullName: file.name, name, size: file.originalSize ?? 0 });
  });
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) unzip.push(chunk);
  unzip.push(new Uint8Array(0), true);

  const entries: BundleEntries = new Map();
  for (const e of listed) {
    const key = e.name.toLowerCase();
    if (entries.has(key)) continue;
    entries.set(key, { name: e.name, size: e.size, open: () => streamZip(path, (fullName) => fullName === e.fullName) });
  }
  return entries;
}

/** Opens the source, or says why it cannot be read. */
export async function openBundle(source: RosterSource): Promise<{ entries: BundleEntries; problem: RosterProblem | null }> {
  const empty: BundleEntries = new Map();
  const path = source.kind === 'files' ? '' : source.path;
  try {
    switch (source.kind) {
      case 'directory':
        return { entries: await openDirectory(source.path), problem: null };
      case 'files':
        return { entries: await openFiles(source.files), problem: null };
      case 'zip': {
        try {
          if (!(await looksLikeZip(source.path))) throw new Error('not a zip');
          return { entries: await openZip(source.path), problem: null };
        } catch (error) {
          if (isNodeError(error)) throw error;
          return {
            entries: empty,
            problem: archiveProblem(source.path, `${basename(source.path)} is not a zip file that can be opened; export the roster again as a .zip.`),
          };
        }
      }
    }
  } catch (error) {
    // A missing or unreadable path is the admin's to fix; anything else is ours and propagates.
    if (isNodeError(error) && (error.code === 'ENOENT' || error.code === 'EACCES' || error.code === 'ENOTDIR' || error.code === 'EISDIR')) {
      const shown = path === '' ? 'A roster file' : basename(path);
      return { entries: empty, problem: archiveProblem(path, `${shown} could not be read (${error.code}).`) };
    }
    throw error;
  }
}
