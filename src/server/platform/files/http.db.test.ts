import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/database.js';
import { makeOrganisation, makePerson, type TestOrg, type TestPerson } from '../../testing/factories.js';
import { NotFound } from '../errors.js';
import { registerErrorHandling } from '../http/errors.js';
import type { App } from '../http/types.js';
import { parseRange, readUploads, registerUploads, sendBlob } from './http.js';
import { exeBytes, jpegBytes, pdfBytes, pngBytes } from './sample-files.js';
import { blobs } from './schema.js';
import { createBlobStore, type BlobStore } from './store.js';

const KB = 1024;
const AT = new Date('2026-09-07T09:00:00Z');

let t: TestDatabase;
let org: TestOrg;
let learner: TestPerson;
let root: string;
let store: BlobStore;
let app: App;
let base: string;
/** Settles when the upload handler has finished with a request, whatever became of its response. */
let handled: Promise<void> = Promise.resolve();
let lastFailure: unknown;

beforeAll(async () => {
  t = await createTestDatabase();
  org = await makeOrganisation(t.db.system);
  learner = await makePerson(t.db.system, org, { roles: ['learner'] });
  root = await mkdtemp(join(tmpdir(), 'continuum-blobs-http-'));
  store = createBlobStore({ root });

  app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>() as App;
  registerErrorHandling(app);
  await app.register(async (scope) => {
    await registerUploads(scope);
    scope.post('/work', async (req) => {
      let done!: () => void;
      handled = new Promise((r) => (done = r));
      try {
        const { fields, files } = await readUploads(req, store, {
          maxBytes: 64 * KB,
          accept: { file: ['image/', 'application/pdf'], captions: ['text/vtt'] },
          maxFiles: 3,
        });
        const ids = await t.db.withTenant(org.id, async (tx) => {
          const out: string[] = [];
          for (const f of files) out.push(await store.record(tx, org.id, f, learner.id, AT));
          return out;
        });
        return { fields, files: files.map((f, i) => ({ id: ids[i], field: f.field, type: f.contentType, name: f.fileName })) };
      } catch (e) {
        lastFailure = e;
        throw e;
      } finally {
        done();
      }
    });
    scope.get<{ Params: { id: string }; Querystring: { download?: string } }>('/blobs/:id', async (req, reply) => {
      const blob = await t.db.withTenant(org.id, (tx) => store.open(tx, org.id, req.params.id));
      if (!blob) throw NotFound();
      return sendBlob(reply, blob, { download: req.query.download === '1' });
    });
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await app?.close();
  await t?.drop();
  if (root) await rm(root, { recursive: true, force: true });
});

const file = (bytes: Buffer, type = 'application/octet-stream') => new Blob([new Uint8Array(bytes)], { type });
const upload = (form: FormData) => fetch(`${base}/work`, { method: 'POST', body: form });
const stagingFiles = () => readdir(join(root, '.staging'));
const rowCount = async () => (await t.db.system.select().from(blobs)).length;

interface Uploaded {
  fields: Record<string, string>;
  files: { id: string; field: string; type: string; name: string }[];
}

describe('uploads over HTTP', () => {
  it('R-WORK-5 stages each file of a form in turn and gives its fields', async () => {
    const form = new FormData();
    form.append('note', 'My homework, page 1');
    form.append('file', file(jpegBytes(), 'text/plain'), 'page1.txt');
    form.append('file', file(await pdfBytes()), 'page2.pdf');
    form.append('captions', file(Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n')), 'talk.vtt');
    form.append('file', new Blob([]), ''); // an empty file input
    const res = await upload(form);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Uploaded;
    expect(body.fields).toEqual({ note: 'My homework, page 1' });
    expect(body.files.map((f) => [f.field, f.type, f.name])).toEqual([
      ['file', 'image/jpeg', 'page1.txt'],
      ['file', 'application/pdf', 'page2.pdf'],
      ['captions', 'text/vtt', 'talk.vtt'],
    ]);
    expect(await stagingFiles()).toEqual([]);
  });

  it('R-WORK-3 refuses a program named .jpg (415) and discards the files staged before it', async () => {
    const before = await rowCount();
    const form = new FormData();
    form.append('file', file(pngBytes()), 'fine.png');
    form.append('file', file(exeBytes(), 'image/jpeg'), 'photo.jpg');
    const res = await upload(form);
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: { code: 'files.type_not_allowed', message: expect.stringContaining('“photo.jpg” is a Windows program') } });
    expect(await stagingFiles()).toEqual([]);
    expect(await rowCount()).toBe(before);
  });

  it('R-WORK-3 refuses a file in a field that takes other kinds, and a field that takes none', async () => {
    const wrongKind = new FormData();
    wrongKind.append('captions', file(pngBytes()), 'captions.vtt');
    expect((await upload(wrongKind)).status).toBe(415);
    const noFiles = new FormData();
    noFiles.append('avatar', file(pngBytes()), 'me.png');
    const res = await upload(noFiles);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'request.invalid', details: [{ path: ['avatar'], code: 'unexpected_file' }] } });
    expect(await stagingFiles()).toEqual([]);
  });

  it('R-WORK-5 refuses a file over the limit (413) and keeps nothing', async () => {
    const before = await rowCount();
    const big = Buffer.concat([jpegBytes(), Buffer.alloc(2 * 1024 * KB, 1)]);
    const form = new FormData();
    form.append('file', file(big), 'big.jpg');
    const res = await upload(form);
    expect(res.status).toBe(413);
    expect(res.headers.get('connection')).toBe('close'); // the rest of the body is not read for nothing
    expect(await res.json()).toMatchObject({ error: { code: 'files.too_large', message: '“big.jpg” is larger than 0.1 MB, the most you can upload here.' } });
    await handled;
    expect(await stagingFiles()).toEqual([]);
    expect(await rowCount()).toBe(before);
  });

  it('refuses more files than allowed, an empty file and a body that is not a form', async () => {
    const many = new FormData();
    for (let i = 0; i < 4; i++) many.append('file', file(pngBytes()), `p${i}.png`);
    expect(await (await upload(many)).json()).toMatchObject({ error: { code: 'files.too_many' } });
    const empty = new FormData();
    empty.append('file', new Blob([]), 'empty.pdf');
    expect(await (await upload(empty)).json()).toMatchObject({ error: { code: 'files.empty' } });
    const json = await fetch(`${base}/work`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
    expect(await stagingFiles()).toEqual([]);
  });

  it('R-WORK-5 keeps nothing of an upload whose connection drops halfway', async () => {
    const before = await rowCount();
    const boundary = 'xxBOUNDARYxx';
    const req = httpRequest(`${base}/work`, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    req.on('error', () => undefined);
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
    req.write(jpegBytes().subarray(0, 100));
    await new Promise((r) => setTimeout(r, 100));
    req.destroy();
    await handled;
    expect(lastFailure).toMatchObject({ code: 'files.interrupted' });
    expect(await stagingFiles()).toEqual([]);
    expect(await rowCount()).toBe(before);
  });
});

describe('downloads over HTTP', () => {
  async function stored(bytes: Buffer, name: string): Promise<string> {
    const form = new FormData();
    form.append('file', file(bytes), name);
    const body = (await (await upload(form)).json()) as Uploaded;
    return body.files[0]!.id;
  }

  it('R-WORK-3 sends the bytes with their sniffed type, a safe name, nosniff and private caching', async () => {
    const bytes = await pdfBytes('Élodie’s work');
    const id = await stored(bytes, 'Élodie’s work (final).pdf');
    const res = await fetch(`${base}/blobs/${id}`);
    expect(res.status).toBe(200);
    const headers = ['content-type', 'content-length', 'content-disposition', 'x-content-type-options', 'cache-control', 'accept-ranges'];
    expect(Object.fromEntries(headers.map((h) => [h, res.headers.get(h)]))).toEqual({
      'content-type': 'application/pdf',
      'content-length': String(bytes.length),
      'content-disposition': `inline; filename="_lodie_s work (final).pdf"; filename*=UTF-8''%C3%89lodie%E2%80%99s%20work%20%28final%29.pdf`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=3600',
      'accept-ranges': 'bytes',
    });
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);

    const download = await fetch(`${base}/blobs/${id}?download=1`);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; /);
    await download.arrayBuffer();
    const again = await fetch(`${base}/blobs/${id}`, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('R-WORK-3 answers a byte range with 206 so a video can be sought, and 416 past the end', async () => {
    const bytes = Buffer.concat([jpegBytes(), Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251))]);
    const id = await stored(bytes, 'clip.jpg');
    const part = await fetch(`${base}/blobs/${id}`, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${bytes.length}`);
    expect(part.headers.get('content-length')).toBe('100');
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);

    const tail = await fetch(`${base}/blobs/${id}`, { headers: { range: 'bytes=-10' } });
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(-10))).toBe(true);

    const past = await fetch(`${base}/blobs/${id}`, { headers: { range: `bytes=${bytes.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${bytes.length}`);

    const stale = await fetch(`${base}/blobs/${id}`, { headers: { range: 'bytes=0-9', 'if-range': '"another"' } });
    expect(stale.status).toBe(200);
    await stale.arrayBuffer();
  });

  it('answers 404 for a file that is not there', async () => {
    expect((await fetch(`${base}/blobs/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });
});

describe('range headers', () => {
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=500-', { start: 500, end: 999 }],
    ['bytes=900-5000', { start: 900, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=1000-', 'unsatisfiable'],
    ['bytes=-0', 'unsatisfiable'],
    ['bytes=0-9,20-29', null],
    ['bytes=9-0', null],
    ['items=0-9', null],
    [undefined, null],
  ])('reads %s of 1000 bytes as %o', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
});
