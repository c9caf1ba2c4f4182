import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, invalidRequest } from '../errors.js';
import { FieldTooLong, NotAnUpload, TooManyFiles, UploadInterrupted, FileTooLarge } from './errors.js';
import type { BlobStore, OpenedBlob, StagedBlob } from './store.js';

/**
 * Uploads and downloads over HTTP (R-WORK-3, R-WORK-5): a multipart form's files are staged
 * one after another straight from the socket to the store; blobs go back out as streams with
 * single-range support so a video can be played and sought in the page.
 */

/**
 * Makes `request.parts()` available to the routes of the plugin it is called in (once; the
 * limits that matter are given per call to readUploads). Also closes the connection after a
 * refused upload whose body was not read to the end, so the rest of it is not read for nothing.
 */
export async function registerUploads(app: FastifyInstance): Promise<void> {
  if (app.hasRequestDecorator('parts')) return;
  await app.register(multipart, { limits: { parts: 200 } });
  app.addHook('onSend', async (req, reply) => {
    if (req.isMultipart() && !req.raw.complete) reply.header('connection', 'close');
  });
}

export interface UploadLimits {
  /** The most bytes one file may have. */
  maxBytes: number;
  /** Types allowed for every file, or for each form field by its name (a file in any other field is refused). */
  accept: readonly string[] | Readonly<Record<string, readonly string[]>>;
  maxFiles: number;
  /** The longest text field, in bytes (1 MB unless given). */
  maxFieldBytes?: number;
  /** The most text fields (50 unless given). */
  maxFields?: number;
}

export interface UploadedFile extends StagedBlob {
  /** The form field the file came in. */
  field: string;
}

export interface Uploads {
  fields: Record<string, string>;
  files: UploadedFile[];
}

/** Turns the multipart parser's own failures into ours. */
function uploadError(e: unknown, limits: UploadLimits, fileName: string): unknown {
  if (e instanceof AppError) return e;
  const code: string = (e as { code?: string }).code ?? '';
  switch (code) {
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return NotAnUpload();
    case 'FST_FILES_LIMIT':
      return TooManyFiles(limits.maxFiles);
    case 'FST_REQ_FILE_TOO_LARGE':
      return FileTooLarge(fileName, limits.maxBytes);
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return invalidRequest([], 'The form has more parts than expected.');
    case 'FST_PROTO_VIOLATION':
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return invalidRequest([], 'The form could not be read.');
    case 'FST_MP_PREMATURE_CLOSE':
      return UploadInterrupted();
  }
  // busboy: "Unexpected end of form", "Part terminated early", "Malformed part header"…
  if (e instanceof Error && /unexpected end|terminated early|malformed/i.test(e.message)) return UploadInterrupted();
  return e;
}

/**
 * Reads a multipart form: text fields into `fields`, each file staged in turn in `store` (type
 * sniffed, size limited). If anything fails, every file staged so far is discarded, so a
 * refused or broken upload leaves nothing behind. The caller records the files in its
 * transaction and discards them if that transaction fails.
 */
export async function readUploads(request: FastifyRequest, store: BlobStore, limits: UploadLimits): Promise<Uploads> {
  if (typeof request.parts !== 'function') throw new Error('readUploads needs registerUploads(app) in the route’s plugin');
  if (!request.isMultipart()) throw NotAnUpload();
  return store.admit(() => readForm(request, store, limits));
}

async function readForm(request: FastifyRequest, store: BlobStore, limits: UploadLimits): Promise<Uploads> {
  const maxFieldBytes = limits.maxFieldBytes ?? 1024 * 1024;
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  let current = 'file';
  try {
    const parts = request.parts({
      // One byte over our own limit, so the store's count (with its clearer message) trips first.
      limits: { fileSize: limits.maxBytes + 1, files: limits.maxFiles + 1, fields: limits.maxFields ?? 50, fieldSize: maxFieldBytes },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.valueTruncated) throw FieldTooLong(part.fieldname);
        if (Object.hasOwn(fields, part.fieldname)) throw invalidRequest([{ path: [part.fieldname], code: 'duplicate', message: 'was sent twice' }]);
        fields[part.fieldname] = typeof part.value === 'string' ? part.value : JSON.stringify(part.value);
        continue;
      }
      // A form's file input left empty still sends a part, with no name and no bytes.
      if (!part.filename) {
        part.file.resume();
        continue;
      }
      current = part.filename;
      if (files.length >= limits.maxFiles) throw TooManyFiles(limits.maxFiles);
      const accept = Array.isArray(limits.accept) ? limits.accept : (limits.accept as Record<string, readonly string[]>)[part.fieldname];
      if (!accept) throw invalidRequest([{ path: [part.fieldname], code: 'unexpected_file', message: 'does not take a file' }]);
      const staged = await store.stage(part.file, { fileName: part.filename, maxBytes: limits.maxBytes, accept });
      files.push({ ...staged, field: part.fieldname });
    }
  } catch (e) {
    await Promise.all(files.map((f) => store.discard(f)));
    throw uploadError(e, limits, current);
  }
  return { fields, files };
}

/** `inline; filename="essay.pdf"; filename*=UTF-8''…`: an ASCII name for old clients, the real one for the rest. */
function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** One `bytes=` range within `size`: `{start, end}` inclusive, 'unsatisfiable', or null to send it all. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m) return null; // absent, malformed or several ranges: the whole file is a valid answer
  const [, from = '', to = ''] = m;
  if (from === '' && to === '') return null;
  let start: number;
  let end: number;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(from);
    end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
    if (to !== '' && Number(to) < start) return null;
  }
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

/** Types a browser may show in the page; anything else is always a download. */
const INLINE = /^(image\/(jpeg|png|gif|webp|heic|heif)|video\/|audio\/|application\/pdf$|text\/(plain|vtt)$)/;

/**
 * Streams a blob: its sniffed type (never sniffed again by the browser), its length, a safe file
 * name, private caching keyed by its hash, and one byte range when asked (206), which browsers
 * need to seek in a video or audio file played in the page.
 */
export function sendBlob(reply: FastifyReply, blob: OpenedBlob, opts: { download?: boolean } = {}): FastifyReply {
  const { request } = reply;
  const etag = `"${blob.sha256}"`;
  const text = blob.contentType.startsWith('text/');
  reply.headers({
    'content-type': text ? `${blob.contentType}; charset=utf-8` : blob.contentType,
    'content-disposition': contentDisposition(opts.download || !INLINE.test(blob.contentType) ? 'attachment' : 'inline', blob.fileName),
    'x-content-type-options': 'nosniff',
    // The bytes under an id never change; who may see them can, so only the person's own browser keeps them.
    'cache-control': 'private, max-age=3600',
    etag,
    'accept-ranges': 'bytes',
  });
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
    return reply.code(304).send();
  }
  const ifRange = request.headers['if-range'];
  const range = ifRange && ifRange !== etag ? null : parseRange(request.headers.range, blob.byteSize);
  if (range === 'unsatisfiable') {
    reply.removeHeader('content-disposition').removeHeader('content-type');
    return reply.code(416).header('content-range', `bytes */${blob.byteSize}`).send();
  }
  if (range) {
    return reply
      .code(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${blob.byteSize}`)
      .header('content-length', range.end - range.start + 1)
      .send(blob.slice(range.start, range.end));
  }
  return reply.code(200).header('content-length', blob.byteSize).send(blob.stream);
}
