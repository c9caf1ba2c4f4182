import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/database.js';
import { makeOrganisation, makePerson, type TestOrg, type TestPerson } from '../../testing/factories.js';
import { exeBytes, jpegBytes, pdfBytes, pngBytes, streamOfJpeg, streamThatBreaks } from './sample-files.js';
import { blobs } from './schema.js';
import { createBlobStore, type BlobStore, type StagedBlob } from './store.js';

const MB = 1024 * 1024;
const AT = new Date('2026-09-07T09:00:00Z');
const PHOTOS_OR_PDF = ['image/', 'application/pdf'] as const;

let t: TestDatabase;
let org: TestOrg;
let other: TestOrg;
let learner: TestPerson;
let root: string;
let store: BlobStore;

beforeAll(async () => {
  t = await createTestDatabase();
  org = await makeOrganisation(t.db.system);
  other = await makeOrganisation(t.db.system);
  learner = await makePerson(t.db.system, org, { roles: ['learner'] });
  root = await mkdtemp(join(tmpdir(), 'continuum-blobs-'));
  store = createBlobStore({ root });
});

afterAll(async () => {
  await t?.drop();
  if (root) await rm(root, { recursive: true, force: true });
});

const stageBytes = (bytes: Buffer, fileName: string, accept: readonly string[] = PHOTOS_OR_PDF, maxBytes = 5 * MB) =>
  store.stage(Readable.from([bytes]), { fileName, maxBytes, accept });

const recordIn = (organisationId: string, staged: StagedBlob) =>
  t.db.withTenant(organisationId, (tx) => store.record(tx, organisationId, staged, learner.id, AT));

/** Every file in the store but the sweep's own bookkeeping. */
async function storedFiles(): Promise<string[]> {
  const all = await readdir(root, { recursive: true, withFileTypes: true });
  return all.filter((d) => d.isFile() && !d.parentPath.endsWith('.pending') && d.name !== '.sweep-probe').map((d) => join(d.parentPath, d.name));
}

const stagingFiles = () => readdir(join(root, '.staging'));
const rowCount = async () => (await t.db.system.select().from(blobs)).length;

async function readBack(organisationId: string, id: string): Promise<{ bytes: Buffer; contentType: string; fileName: string } | null> {
  return t.db.withTenant(organisationId, async (tx) => {
    const blob = await store.open(tx, organisationId, id);
    if (!blob) return null;
    const chunks: Buffer[] = [];
    for await (const c of blob.stream) chunks.push(c as Buffer);
    return { bytes: Buffer.concat(chunks), contentType: blob.contentType, fileName: blob.fileName };
  });
}

describe('blob store: staging and recording', () => {
  it.each([
    ['a JPEG', () => jpegBytes(), 'image/jpeg'],
    ['a PNG', () => pngBytes(4, 3), 'image/png'],
    ['a PDF', () => pdfBytes(), 'application/pdf'],
  ])('R-WORK-5 keeps %s byte for byte, typed by its bytes even when its name says .txt', async (_what, make, type) => {
    const bytes = await make();
    const staged = await stageBytes(bytes, 'C:\\fakepath\\homework.txt');
    expect(staged).toMatchObject({ contentType: type, byteSize: bytes.length, fileName: 'homework.txt' });
    const id = await recordIn(org.id, staged);

    const back = await readBack(org.id, id);
    expect(back?.contentType).toBe(type);
    expect(back?.fileName).toBe('homework.txt');
    expect(back?.bytes.equals(bytes)).toBe(true);
    const [row] = await t.db.system.select().from(blobs).where(eq(blobs.id, id));
    expect(row).toMatchObject({ organisationId: org.id, uploadedBy: learner.id, byteSize: bytes.length, createdAt: AT });
    expect(row?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await stagingFiles()).toEqual([]);
  });

  it('keeps the staged bytes on disk until they are recorded or discarded', async () => {
    const staged = await stageBytes(pngBytes(), 'a.png');
    expect((await readFile(staged.path)).equals(pngBytes())).toBe(true);
    await store.discard(staged);
    expect(await stagingFiles()).toEqual([]);
  });

  it('R-WORK-3 recognises plain text and WebVTT captions, which have no magic numbers', async () => {
    const notes = await stageBytes(Buffer.from('Café notes — page 1\n'), 'notes.pdf', ['text/plain']);
    expect(notes.contentType).toBe('text/plain');
    const captions = await stageBytes(Buffer.from('WEBVTT\n\n00:00.000 --> 00:02.000\nHello\n'), 'captions.txt', ['text/vtt']);
    expect(captions.contentType).toBe('text/vtt');
    await Promise.all([store.discard(notes), store.discard(captions)]);
    expect(await stagingFiles()).toEqual([]);
  });

  it('does not show another organisation’s file, nor one that does not exist', async () => {
    const id = await recordIn(org.id, await stageBytes(pngBytes(), 'a.png'));
    expect(await readBack(other.id, id)).toBeNull();
    expect(await readBack(org.id, '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await readBack(org.id, 'not-an-id')).toBeNull();
  });

  it('reads a byte range for seeking', async () => {
    const bytes = pngBytes(10, 10);
    const id = await recordIn(org.id, await stageBytes(bytes, 'a.png'));
    const slice = await t.db.withTenant(org.id, async (tx) => {
      const blob = await store.open(tx, org.id, id);
      const chunks: Buffer[] = [];
      for await (const c of blob!.slice(8, 23)) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    });
    expect(slice.equals(bytes.subarray(8, 24))).toBe(true);
  });
});

describe('blob store: refusals leave nothing behind', () => {
  it.each([
    ['a Windows program', () => exeBytes(), 'a Windows program'],
    ['a zip archive', () => Buffer.from(zipSync({ 'a.txt': new Uint8Array([1, 2, 3]) })), 'a zip archive'],
    ['binary noise', () => Buffer.from([0xde, 0xad, 0x00, 0xbe, 0xef]), 'a kind of file we do not recognise'],
  ])('R-WORK-3 refuses %s named .jpg (415) and says what it is and what is accepted', async (_what, make, said) => {
    const before = await rowCount();
    const refused = stageBytes(make(), 'photo.jpg');
    await expect(refused).rejects.toMatchObject({ code: 'files.type_not_allowed', status: 415 });
    await expect(refused).rejects.toThrow(`“photo.jpg” is ${said}, which cannot be uploaded here. You can upload a photo or picture (JPEG, PNG, HEIC…) or a PDF.`);
    expect(await stagingFiles()).toEqual([]);
    expect(await rowCount()).toBe(before);
  });

  it('R-WORK-5 refuses a file over the limit (413), stops reading at the limit and keeps nothing', async () => {
    const before = await rowCount();
    const source = streamOfJpeg(20 * MB);
    const refused = store.stage(source, { fileName: 'big.jpg', maxBytes: 2 * MB, accept: ['image/'] });
    await expect(refused).rejects.toMatchObject({ code: 'files.too_large', status: 413, message: '“big.jpg” is larger than 2 MB, the most you can upload here.' });
    expect(source.destroyed).toBe(true);
    expect(source.bytesRead()).toBeLessThan(3 * MB);
    expect(await stagingFiles()).toEqual([]);
    expect(await rowCount()).toBe(before);
  });

  it('R-WORK-5 treats a part its parser cut short at its own limit as too large', async () => {
    const cut = Object.assign(Readable.from([jpegBytes()]), { truncated: true });
    await expect(store.stage(cut, { fileName: 'cut.jpg', maxBytes: MB, accept: ['image/'] })).rejects.toMatchObject({ code: 'files.too_large' });
    expect(await stagingFiles()).toEqual([]);
  });

  it('R-WORK-5 keeps nothing of an upload whose connection drops halfway (400)', async () => {
    const before = await rowCount();
    const refused = store.stage(streamThatBreaks(jpegBytes()), { fileName: 'photo.jpg', maxBytes: MB, accept: ['image/'] });
    await expect(refused).rejects.toMatchObject({ code: 'files.interrupted', status: 400 });
    expect(await stagingFiles()).toEqual([]);
    expect(await rowCount()).toBe(before);
  });

  it('refuses an empty file (400)', async () => {
    await expect(store.stage(Readable.from([]), { fileName: 'empty.pdf', maxBytes: MB, accept: ['application/pdf'] })).rejects.toMatchObject({
      code: 'files.empty',
      status: 400,
    });
    expect(await stagingFiles()).toEqual([]);
  });
});

describe('blob store: sweeping what no row needs', () => {
  const hoursAgo = (h: number) => new Date(AT.getTime() - h * 3_600_000); // any instant well before the probe

  it('R-WORK-5 deletes the file of a record whose transaction rolled back, and keeps committed ones', async () => {
    const kept = await recordIn(org.id, await stageBytes(pngBytes(), 'kept.png'));
    let movedTo = '';
    await expect(
      t.db.withTenant(org.id, async (tx) => {
        const id = await store.record(tx, org.id, await stageBytes(jpegBytes(), 'lost.jpg'), learner.id, AT);
        movedTo = (await storedFiles()).find((f) => f.endsWith(id)) ?? '';
        throw new Error('the caller’s next insert failed');
      }),
    ).rejects.toThrow('next insert failed');
    expect(movedTo).not.toBe('');

    // A fresh orphan may still belong to a transaction in flight: the default sweep leaves it.
    await store.sweep(t.db);
    expect(await storedFiles()).toContain(movedTo);

    const result = await store.sweep(t.db, { minAgeMs: 0 });
    expect(result.orphans).toBe(1);
    const files = await storedFiles();
    expect(files).not.toContain(movedTo);
    expect(files.some((f) => f.endsWith(kept))).toBe(true);
    expect(await readdir(join(root, '.pending'))).toEqual([]);
    expect((await readBack(org.id, kept))?.bytes.equals(pngBytes())).toBe(true);
  });

  it('goes by the age of the file on disk, an hour by default', async () => {
    await expect(
      t.db.withTenant(org.id, async (tx) => {
        await store.record(tx, org.id, await stageBytes(jpegBytes(), 'old.jpg'), learner.id, AT);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow();
    const [marker] = await readdir(join(root, '.pending'));
    await utimes(join(root, '.pending', marker!), hoursAgo(2), hoursAgo(2));
    const leftover = join(root, '.staging', 'crashed.part');
    await writeFile(leftover, 'half an upload');
    await utimes(leftover, hoursAgo(2), hoursAgo(2));

    expect(await store.sweep(t.db)).toEqual({ staged: 1, orphans: 1 });
    expect(await stagingFiles()).toEqual([]);
  });

  it('removes a file once its row’s removal is committed, and keeps it when that rolls back', async () => {
    const id = await recordIn(org.id, await stageBytes(await pdfBytes('keep me'), 'work.pdf'));
    await expect(
      t.db.withTenant(org.id, async (tx) => {
        expect(await store.remove(tx, org.id, id)).toBe(true);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow();
    await store.sweep(t.db, { minAgeMs: 0 });
    expect(await readBack(org.id, id)).not.toBeNull();

    expect(await t.db.withTenant(org.id, (tx) => store.remove(tx, org.id, id))).toBe(true);
    expect(await t.db.withTenant(other.id, (tx) => store.remove(tx, other.id, id))).toBe(false);
    expect(await store.sweep(t.db, { minAgeMs: 0 })).toMatchObject({ orphans: 1 });
    expect((await storedFiles()).some((f) => f.endsWith(id))).toBe(false);
    expect(await readBack(org.id, id)).toBeNull();
  });

  it('says a file is missing when its row outlives its bytes', async () => {
    const id = await recordIn(org.id, await stageBytes(pngBytes(), 'gone.png'));
    await rm((await storedFiles()).find((f) => f.endsWith(id))!);
    await expect(readBack(org.id, id)).rejects.toMatchObject({ code: 'files.missing', status: 500 });
  });
});

describe('blob store: memory', () => {
  it('R-WORK-5 stages 20 parallel 5 MB uploads without holding them in memory', async () => {
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const staged = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.stage(streamOfJpeg(5 * MB), { fileName: `photo-${i}.jpg`, maxBytes: 25 * MB, accept: ['image/'] })),
    );
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(staged.every((s) => s.byteSize === 5 * MB)).toBe(true);
    const grewMb = (peak - baseline) / MB;
    console.log(`[blob store] 20 × 5 MB staged in parallel: peak RSS ${(peak / MB).toFixed(0)} MB, grew ${grewMb.toFixed(1)} MB over ${(baseline / MB).toFixed(0)} MB`);
    // 100 MB went through; held in memory it would have grown by at least that much.
    expect(grewMb).toBeLessThan(60);
    await Promise.all(staged.map((s) => store.discard(s)));
    expect(await stagingFiles()).toEqual([]);
  });

  it('R-WORK-5 reads only as many uploads at once as it was given slots; the rest wait their turn', async () => {
    const narrow = createBlobStore({ root, concurrentUploads: 2 });
    let running = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        narrow.admit(async () => {
          most = Math.max(most, ++running);
          await new Promise((r) => setTimeout(r, 10));
          order.push(i);
          running--;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(order).toHaveLength(6);
  });
});
