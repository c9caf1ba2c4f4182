import type { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { ErrorBody } from '../../../../shared/errors.js';
import { RosterImport, RosterImportList, RosterImportParams } from '../../../../shared/roster-import.js';
import { ctxOf, type App } from '../../../platform/http/types.js';
import { UploadNotRoster, UploadTooLarge } from './errors.js';
import { createRosterImportService, type RosterImportDeps } from './import-service.js';
import type { RosterUpload } from './staging.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 415: ErrorBody };

/** Content types browsers and tools send a .zip with (Windows says x-zip-compressed). */
const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed', 'application/octet-stream'];

async function* filesOf(req: FastifyRequest): AsyncGenerator<{ filename: string; stream: Readable }> {
  for await (const part of req.parts()) {
    if (part.type === 'file') yield { filename: part.filename, stream: part.file };
  }
}

/** R-ORG-3: roster import over HTTP: upload, poll, apply, discard, list. */
export async function rosterImportRoutes(app: App, deps: RosterImportDeps): Promise<void> {
  const imports = createRosterImportService(deps);
  const { uploadLimitBytes } = deps;
  // Only the staging code reads the body, streaming it to disk; the byte limit is counted there
  // (one byte over the limit is let through here so the count, with its clearer message, trips first).
  await app.register(multipart, { limits: { fileSize: uploadLimitBytes + 1, files: 30, fields: 10, parts: 40 } });
  app.addContentTypeParser(ZIP_TYPES, (_req, payload, done) => done(null, payload));

  app.post('/api/roster-imports', {
    config: { permission: 'organisation.roster.import' },
    schema: {
      tags: ['organisation'],
      summary: 'Upload a OneRoster 1.2 CSV export (a zip as application/zip, or its CSV files as multipart/form-data); it is read and compared in the background (R-ORG-3)',
      response: { 202: RosterImport, ...errors },
    },
    handler: async (req, reply) => {
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > uploadLimitBytes) throw UploadTooLarge(uploadLimitBytes);
      const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      let upload: RosterUpload;
      if (req.isMultipart()) upload = { kind: 'files', files: filesOf(req) };
      else if (ZIP_TYPES.includes(type)) upload = { kind: 'zip', stream: req.body as Readable };
      else throw UploadNotRoster('This is not a zip file or a set of CSV files.');
      const started = await imports.upload(ctxOf(req), upload);
      return reply.code(202).send(started);
    },
  });

  app.get('/api/roster-imports', {
    config: { permission: 'organisation.roster.import' },
    schema: { tags: ['organisation'], summary: 'Recent roster imports, newest first (R-ORG-3)', response: { 200: RosterImportList, ...errors } },
    handler: (req) => imports.list(ctxOf(req)),
  });

  app.get('/api/roster-imports/:importId', {
    config: { permission: 'organisation.roster.import' },
    schema: {
      tags: ['organisation'],
      summary: 'A roster import: its progress while reading, then its report of what it will add, change and end, or its problems (R-ORG-3)',
      params: RosterImportParams,
      response: { 200: RosterImport, ...errors },
    },
    handler: (req) => imports.get(ctxOf(req), req.params.importId),
  });

  app.post('/api/roster-imports/:importId/apply', {
    config: { permission: 'organisation.roster.import' },
    schema: {
      tags: ['organisation'],
      summary: 'Apply a previewed roster import in one transaction; refused (409) if the records changed since the preview (R-ORG-3)',
      params: RosterImportParams,
      response: { 200: RosterImport, ...errors },
    },
    handler: (req) => imports.apply(ctxOf(req), req.params.importId),
  });

  app.post('/api/roster-imports/:importId/discard', {
    config: { permission: 'organisation.roster.import' },
    schema: { tags: ['organisation'], summary: 'Discard a roster import without applying it (R-ORG-3)', params: RosterImportParams, response: { 200: RosterImport, ...errors } },
    handler: (req) => imports.discard(ctxOf(req), req.params.importId),
  });
}
