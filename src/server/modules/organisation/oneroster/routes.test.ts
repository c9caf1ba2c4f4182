import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RosterImport } from '../../../../shared/roster-import.js';
import { signIn, startTestApp, type Session, type TestApp } from '../../../testing/app.js';
import { makeOrganisation, makePerson, type TestOrg } from '../../../testing/factories.js';
import { buildRosterBundle } from '../../../testing/oneroster-bundle.js';

/** R-ORG-3 over HTTP: upload a zip or the CSV files, poll, apply, discard; admins only, their own organisation only. */

let t: TestApp;
let root: string;
let org: TestOrg;
let admin: Session;
let teacher: Session;
let otherAdmin: Session;
let zip: Buffer;
let directory: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'continuum-roster-routes-'));
  t = await startTestApp({ env: { DATA_DIR: join(root, 'data'), ROSTER_UPLOAD_LIMIT_BYTES: String(256 * 1024) } });
  const db = t.db.system;
  org = await makeOrganisation(db, { sites: 0 });
  const other = await makeOrganisation(db, { sites: 1 });
  admin = await signIn(t, (await makePerson(db, org, { roles: ['admin'], site: null })).email);
  teacher = await signIn(t, (await makePerson(db, org, { roles: ['teacher'], site: null })).email);
  otherAdmin = await signIn(t, (await makePerson(db, other, { roles: ['admin'], site: null })).email);
  zip = await readFile((await buildRosterBundle({ dir: join(root, 'zip'), format: 'zip', learners: 30 })).path);
  directory = (await buildRosterBundle({ dir: join(root, 'dir'), format: 'directory', learners: 30, files: { demographics: 'absent' } })).path;
});
afterAll(async () => {
  await t.close();
  await rm(root, { recursive: true, force: true });
});

function uploadZip(session: Session, body: Buffer = zip, type = 'application/zip') {
  return t.app.inject({ method: 'POST', url: '/api/roster-imports', headers: { ...session.headers, 'content-type': type }, payload: body });
}

async function uploadFiles(session: Session, names: string[]) {
  const form = new FormData();
  for (const name of names) form.append('files', new Blob([await readFile(join(directory, name))], { type: 'text/csv' }), name);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return t.app.inject({
    method: 'POST',
    url: '/api/roster-imports',
    headers: { ...session.headers, 'content-type': request.headers.get('content-type') ?? '' },
    payload: Buffer.from(await request.arrayBuffer()),
  });
}

/** Polls the import as the page does until it has been read. */
async function settled(session: Session, id: string): Promise<RosterImport> {
  for (let i = 0; i < 200; i++) {
    const res = await t.app.inject({ method: 'GET', url: `/api/roster-imports/${id}`, headers: session.headers });
    const body = res.json() as RosterImport;
    if (body.status !== 'reading') return body;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('import still reading');
}

describe('roster import over HTTP', () => {
  let previewed: RosterImport;

  it('R-ORG-3 an admin uploads a zip and sees it read, then previewed', async () => {
    const res = await uploadZip(admin);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'reading', report: null, can: { apply: false, discard: true } });
    previewed = await settled(admin, res.json().id);
    expect(previewed).toMatchObject({ status: 'previewed', problems: [], progress: null, can: { apply: true, discard: true } });
    expect(previewed.report?.kinds.find((k) => k.kind === 'people')?.added).toBeGreaterThan(60);
    expect(previewed.startedBy?.displayName).toBe('Sam Tester');
  });

  it('R-ORG-3 lists recent imports, newest first', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/roster-imports', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().imports[0]).toMatchObject({ id: previewed.id, status: 'previewed', totals: { changed: 0, ended: 0 } });
  });

  it('R-ORG-3 applies the preview', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/roster-imports/${previewed.id}/apply`, headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'applied', can: { apply: false, discard: false } });
    const again = await t.app.inject({ method: 'POST', url: `/api/roster-imports/${previewed.id}/apply`, headers: admin.headers });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('organisation.roster.not_previewed');
  });

  it('R-ORG-3 takes the CSV files one by one as a form upload, without the optional ones', async () => {
    const names = (await readdir(directory)).filter((n) => n.endsWith('.csv'));
    const res = await uploadFiles(admin, names);
    expect(res.statusCode).toBe(202);
    const result = await settled(admin, res.json().id);
    expect(result.status).toBe('previewed');
    // The same school again, without demographics: nothing to add, change or end.
    expect(result.report?.kinds.every((k) => k.added + k.changed + k.ended === 0)).toBe(true);
    const discarded = await t.app.inject({ method: 'POST', url: `/api/roster-imports/${result.id}/discard`, headers: admin.headers });
    expect(discarded.json()).toMatchObject({ status: 'discarded' });
  });

  it('R-ORG-3 shows a broken file’s problems by file, line and field', async () => {
    const res = await uploadFiles(admin, ['manifest.csv', 'orgs.csv']);
    const result = await settled(admin, res.json().id);
    expect(result.status).toBe('failed');
    expect(result.problems.map((p) => p.file)).toEqual(expect.arrayContaining(['academicSessions.csv', 'users.csv']));
    expect(result.problems[0]).toMatchObject({ line: null, field: null, code: 'organisation.roster.missing_file' });
  });

  it('refuses what is not a roster upload, saying what to send', async () => {
    const text = await t.app.inject({ method: 'POST', url: '/api/roster-imports', headers: { ...admin.headers, 'content-type': 'application/json' }, payload: { roster: true } });
    expect(text.statusCode).toBe(400);
    expect(text.json().error).toMatchObject({ code: 'organisation.roster.bad_upload', message: expect.stringContaining('Upload the zip your MIS exported') });
    const sheet = await t.app.inject({ method: 'POST', url: '/api/roster-imports', headers: { ...admin.headers, 'content-type': 'text/csv' }, payload: 'a,b' });
    expect(sheet.statusCode).toBe(415);
    const form = new FormData();
    form.append('files', new Blob(['x']), '../../etc/passwd');
    const request = new Request('http://localhost/', { method: 'POST', body: form });
    const traversal = await t.app.inject({ method: 'POST', url: '/api/roster-imports', headers: { ...admin.headers, 'content-type': request.headers.get('content-type') ?? '' }, payload: Buffer.from(await request.arrayBuffer()) });
    expect(traversal.statusCode).toBe(400);
    expect(traversal.json().error.message).toMatch(/^passwd is not a CSV file\./);
    const badId = await t.app.inject({ method: 'GET', url: '/api/roster-imports/not-a-uuid', headers: admin.headers });
    expect(badId.statusCode).toBe(400);
  });

  it('refuses an upload over the size limit with 413, keeping nothing', async () => {
    const big = Buffer.concat([zip, Buffer.alloc(300 * 1024)]);
    const res = await uploadZip(admin, big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('organisation.roster.too_large');
    expect(await readdir(join(root, 'data', 'roster-imports', org.id))).toEqual([]);
  });

  it('refuses a teacher every roster import route (403)', async () => {
    expect((await uploadZip(teacher)).statusCode).toBe(403);
    for (const [method, url] of [
      ['GET', '/api/roster-imports'],
      ['GET', `/api/roster-imports/${previewed.id}`],
      ['POST', `/api/roster-imports/${previewed.id}/apply`],
      ['POST', `/api/roster-imports/${previewed.id}/discard`],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: teacher.headers });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('hides one organisation’s imports from another’s admin (404)', async () => {
    for (const [method, url] of [
      ['GET', `/api/roster-imports/${previewed.id}`],
      ['POST', `/api/roster-imports/${previewed.id}/apply`],
      ['POST', `/api/roster-imports/${previewed.id}/discard`],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: otherAdmin.headers });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const list = await t.app.inject({ method: 'GET', url: '/api/roster-imports', headers: otherAdmin.headers });
    expect(list.json()).toEqual({ imports: [] });
  });
});
