import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { unzipSync } from 'fflate';
import type { RosterProblem } from './problems.js';

/**
 * R-ORG-3: where a bundle's CSV files come from. A zip is read once (it is compressed, so small)
 * and inflated one entry at a time; a directory's files are streamed from disk.
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

function* slices(bytes: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += CHUNK) yield bytes.subarray(at, at + CHUNK);
}

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

/**
 * Lists a zip's CSV entries without inflating them. Entries may sit at the root or inside one
 * folder (as a zipped export folder does); macOS resource forks are skipped.
 */
function openZip(bytes: Uint8Array): BundleEntries {
  const listed: { fullName: string; name: string; size: number }[] = [];
  unzipSync(bytes, {
    filter: (info) => {
      const name = info.name.split('/').pop() ?? '';
      if (name !== '' && !info.name.startsWith('__MACOSX/') && !name.startsWith('._')) {
        listed.push({ fullName: info.name, name, size: info.originalSize });
      }
      return false;
    },
  });
  const entries: BundleEntries = new Map();
  for (const e of listed) {
    const key = e.name.toLowerCase();
    if (entries.has(key)) continue;
    entries.set(key, {
      name: e.name,
      size: e.size,
      open: () => {
        const inflated = unzipSync(bytes, { filter: (info) => info.name === e.fullName })[e.fullName];
        return (async function* () {
          if (inflated !== undefined) yield* slices(inflated);
        })();
      },
    });
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
        const bytes = await readFile(source.path);
        try {
          return { entries: openZip(bytes), problem: null };
        } catch {
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
