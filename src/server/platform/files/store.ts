import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database, TenantTx } from '../db/client.js';
import { AppError } from '../errors.js';
import { BlobMissing, FileEmpty, FileTooLarge, FileTypeNotAllowed, UploadInterrupted } from './errors.js';
import { blobs } from './schema.js';
import { describeAccepted, describeKind, isAccepted, sniffFile, textProbe } from './sniff.js';
import pLimit from 'p-limit';

/**
 * The blob store (DESIGN.md, Files; R-WORK-3, R-WORK-5): uploads are streamed to a local
 * directory, never held whole in memory, typed by their bytes, and recorded in `blobs` in the
 * caller's transaction.
 *
 * Layout under `root`:
 *   .staging/<random>.part   bytes being received, or received and not yet recorded
 *   .pending/<org>.<blob>    a file whose fate hangs on a transaction (recorded or removed)
 *   <org>/<xx>/<blob>        the stored bytes; `xx` is the blob id's first two characters
 *
 * Files are keyed by blob id, not by content hash: removing one (retention, an erasure
 * request) is then a plain delete with no count of who else shares the bytes, a rolled-back
 * record can never take away bytes a committed row uses, and each organisation's files sit
 * under one folder of their own. The sha256 is kept on the row for integrity checks.
 */

export interface StagedBlob {
  /** The name the uploader's device gave, without any folder part; for downloads only. */
  readonly fileName: string;
  /** What the bytes are (sniffed). */
  readonly contentType: string;
  readonly byteSize: number;
  readonly sha256: string;
  /** Where the staged bytes are; only the store reads it. */
  readonly path: string;
}

export interface StageOptions {
  fileName: string;
  maxBytes: number;
  /** Exact types (`application/pdf`) or families ending in '/' (`image/`). */
  accept: readonly string[];
}

export interface OpenedBlob {
  id: string;
  contentType: string;
  byteSize: number;
  fileName: string;
  sha256: string;
  createdAt: Date;
  /** All the bytes (opened when first read). */
  readonly stream: Readable;
  /** Bytes `start` to `end` inclusive, for a Range request. */
  slice(start: number, end: number): Readable;
}

export interface SweepResult {
  /** Staged files left behind (a crash, a caller that never recorded or discarded them). */
  staged: number;
  /** Stored files with no row: their transaction rolled back, or their row was removed. */
  orphans: number;
}

export interface BlobStore {
  readonly root: string;
  /**
   * Runs one upload's reading and staging when a slot is free. Uploads waiting for a slot are not
   * read at all (their bytes wait in the kernel, not in this process), so a burst of hundreds at
   * a deadline costs the memory of `concurrentUploads` streams, not of hundreds.
   */
  admit<T>(upload: () => Promise<T>): Promise<T>;
  stage(source: Readable, opts: StageOptions): Promise<StagedBlob>;
  record(tx: TenantTx, organisationId: string, staged: StagedBlob, uploadedBy: string, at: Date): Promise<string>;
  discard(staged: StagedBlob): Promise<void>;
  open(tx: TenantTx, organisationId: string, blobId: string): Promise<OpenedBlob | null>;
  remove(tx: TenantTx, organisationId: string, blobId: string): Promise<boolean>;
  sweep(db: Database, opts?: { minAgeMs?: number }): Promise<SweepResult>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOUR_MS = 60 * 60 * 1000;

/** The device's name for the file, without folders (old browsers send `C:\fakepath\…`) or control characters. */
function cleanFileName(name: string): string {
  const base = basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return base.slice(0, 255) || 'file';
}

/** @fastify/multipart's own size limit (set just above ours, so ours normally trips first). */
function isSizeLimitError(e: unknown): boolean {
  return (e as { code?: string })?.code === 'FST_REQ_FILE_TOO_LARGE';
}

export function createBlobStore(opts: { root: string; concurrentUploads?: number }): BlobStore {
  const root = resolve(opts.root);
  const admit = pLimit(opts.concurrentUploads ?? 16);
  const stagingDir = join(root, '.staging');
  const pendingDir = join(root, '.pending');
  let ready: Promise<unknown> | undefined;
  const ensureDirs = () => (ready ??= Promise.all([mkdir(stagingDir, { recursive: true }), mkdir(pendingDir, { recursive: true })]));

  const keyOf = (organisationId: string, blobId: string) => `${organisationId}/${blobId.slice(0, 2)}/${blobId}`;
  const pathOf = (key: string) => {
    const path = resolve(root, key);
    if (!path.startsWith(root + sep)) throw new Error(`storage key outside the store: ${key}`);
    return path;
  };
  const markerOf = (organisationId: string, blobId: string) => join(pendingDir, `${organisationId}.${blobId}`);
  const checkIds = (...ids: string[]) => {
    for (const id of ids) if (!UUID.test(id)) throw new Error(`not a uuid: ${id}`);
  };

  async function stage(source: Readable, o: StageOptions): Promise<StagedBlob> {
    const fileName = cleanFileName(o.fileName);
    await ensureDirs();
    const path = join(stagingDir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    const text = textProbe();
    let byteSize = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        byteSize += chunk.length;
        // Stop at the limit: failing here ends the pipeline and stops reading the source.
        if (byteSize > o.maxBytes) return done(FileTooLarge(fileName, o.maxBytes));
        hash.update(chunk);
        text.push(chunk);
        done(null, chunk);
      },
    });
    const sink = createWriteStream(path, { flags: 'wx', flush: true });
    let sinkError: unknown;
    sink.once('error', (e) => (sinkError = e));
    try {
      try {
        await pipeline(source, meter, sink);
      } catch (e) {
        if (sinkError) throw sinkError; // the disk, not the upload: a server fault
        if (e instanceof AppError) throw e;
        if (isSizeLimitError(e)) throw FileTooLarge(fileName, o.maxBytes);
        throw UploadInterrupted();
      }
      // A multipart parser that hit its own size limit ends the part early and says so.
      if ((source as { truncated?: boolean }).truncated) throw FileTooLarge(fileName, o.maxBytes);
      if (byteSize === 0) throw FileEmpty(fileName);
      const kind = await sniffFile(path, text);
      if (!kind || !isAccepted(kind.mime, o.accept)) throw FileTypeNotAllowed(fileName, describeKind(kind), describeAccepted(o.accept));
      return { fileName, contentType: kind.mime, byteSize, sha256: hash.digest('hex'), path };
    } catch (e) {
      await rm(path, { force: true });
      throw e;
    }
  }

  async function record(tx: TenantTx, organisationId: string, staged: StagedBlob, uploadedBy: string, at: Date): Promise<string> {
    const id = randomUUID();
    checkIds(organisationId);
    const storageKey = keyOf(organisationId, id);
    const target = pathOf(storageKey);
    // The marker first: if the transaction rolls back (or the process dies) after the move,
    // sweep() finds the marker, sees no row and deletes the file.
    await writeFile(markerOf(organisationId, id), '');
    await mkdir(dirname(target), { recursive: true });
    await rename(staged.path, target);
    await tx.insert(blobs).values({
      organisationId,
      id,
      storageKey,
      contentType: staged.contentType,
      byteSize: staged.byteSize,
      sha256: staged.sha256,
      fileName: staged.fileName,
      uploadedBy,
      createdAt: at,
    });
    return id;
  }

  async function discard(staged: StagedBlob): Promise<void> {
    await rm(staged.path, { force: true });
  }

  async function open(tx: TenantTx, organisationId: string, blobId: string): Promise<OpenedBlob | null> {
    if (!UUID.test(blobId)) return null;
    const [row] = await tx
      .select()
      .from(blobs)
      .where(and(eq(blobs.organisationId, organisationId), eq(blobs.id, blobId)));
    if (!row) return null;
    const path = pathOf(row.storageKey);
    try {
      await stat(path);
    } catch (e) {
      if ((e as { code?: string }).code === 'ENOENT') throw BlobMissing();
      throw e;
    }
    let whole: Readable | undefined;
    return {
      id: row.id,
      contentType: row.contentType,
      byteSize: row.byteSize,
      fileName: row.fileName,
      sha256: row.sha256,
      createdAt: row.createdAt,
      get stream() {
        return (whole ??= createReadStream(path));
      },
      slice: (start, end) => createReadStream(path, { start, end }),
    };
  }

  async function remove(tx: TenantTx, organisationId: string, blobId: string): Promise<boolean> {
    if (!UUID.test(blobId)) return false;
    checkIds(organisationId);
    const gone = await tx
      .delete(blobs)
      .where(and(eq(blobs.organisationId, organisationId), eq(blobs.id, blobId)))
      .returning({ id: blobs.id });
    if (gone.length === 0) return false;
    // The bytes go at the next sweep once the deletion is committed (a rollback keeps them).
    await ensureDirs();
    await writeFile(markerOf(organisationId, blobId), '');
    return true;
  }

  /**
   * Deletes what no row needs: staged files and marked files older than `minAgeMs` (an hour by
   * default, far longer than any transaction) whose row does not exist. Ages are measured
   * against the file system's own clock (a probe file's time), the same clock that stamped the
   * files, so a demo clock or a skewed network drive cannot make it delete a file in use.
   * Run it from a job every hour or so; safe on several instances at once.
   */
  async function sweep(db: Database, o: { minAgeMs?: number } = {}): Promise<SweepResult> {
    const minAgeMs = o.minAgeMs ?? HOUR_MS;
    await ensureDirs();
    const probe = join(root, '.sweep-probe');
    await writeFile(probe, '');
    const now = (await stat(probe)).mtimeMs;
    const isOld = async (path: string) => {
      try {
        return now - (await stat(path)).mtimeMs >= minAgeMs;
      } catch {
        return false; // gone meanwhile
      }
    };

    let staged = 0;
    for (const name of await readdir(stagingDir)) {
      const path = join(stagingDir, name);
      if (await isOld(path)) {
        await rm(path, { force: true });
        staged++;
      }
    }

    const byOrganisation = new Map<string, string[]>();
    for (const name of await readdir(pendingDir)) {
      const [organisationId, blobId] = name.split('.');
      if (!organisationId || !blobId || !UUID.test(organisationId) || !UUID.test(blobId)) continue;
      if (!(await isOld(join(pendingDir, name)))) continue;
      byOrganisation.set(organisationId, [...(byOrganisation.get(organisationId) ?? []), blobId]);
    }
    let orphans = 0;
    for (const [organisationId, ids] of byOrganisation) {
      const rows = await db.withTenant(organisationId, (tx) =>
        tx
          .select({ id: blobs.id })
          .from(blobs)
          .where(and(eq(blobs.organisationId, organisationId), inArray(blobs.id, ids))),
      );
      const kept = new Set(rows.map((r) => r.id));
      for (const id of ids) {
        if (!kept.has(id)) {
          const path = pathOf(keyOf(organisationId, id));
          const existed = await stat(path).then(
            () => true,
            () => false,
          );
          await rm(path, { force: true });
          if (existed) orphans++;
        }
        await rm(markerOf(organisationId, id), { force: true });
      }
    }
    return { staged, orphans };
  }

  return { root, admit: (upload) => admit(upload), stage, record, discard, open, remove, sweep };
}
