import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../../testing/app.js';
import { makeFamily, makeOrganisation, makePerson, type TestOrg } from '../../testing/factories.js';

let t: TestApp;
let org: TestOrg;

beforeAll(async () => {
  t = await startTestApp();
  org = await makeOrganisation(t.db.system);
});
afterAll(() => t.close());

describe('audit log viewer', () => {
  it('shows the DPO who did what to which record, newest first, filterable by person and record', async () => {
    const dpo = await makePerson(t.db.system, org, { roles: ['dpo'], site: null });
    const { learner, guardian } = await makeFamily(t.db.system, org);
    const parent = await signIn(t, guardian.email);
    await t.app.inject({ method: 'GET', url: `/api/people/${learner.id}`, headers: parent.headers });

    const s = await signIn(t, dpo.email);
    const byPerson = await t.app.inject({ method: 'GET', url: `/api/audit?actorId=${guardian.id}`, headers: s.headers });
    expect(byPerson.statusCode).toBe(200);
    const actions = byPerson.json().entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['identity.person.contact_read', 'identity.session.created']);
    const first = byPerson.json().entries[0];
    expect(first).toMatchObject({ actor: { id: guardian.id, displayName: 'Sam Tester' }, subjectId: learner.id, subjectType: 'user' });
    expect(first.requestId).toMatch(/^r-/);
    expect(first.ip).toBeTruthy();

    const byRecord = await t.app.inject({ method: 'GET', url: `/api/audit?subjectId=${learner.id}`, headers: s.headers });
    expect(byRecord.json().entries.map((e: { action: string }) => e.action)).toEqual(['identity.person.contact_read']);
  });

  it('pages through older entries with a cursor', async () => {
    const leader = await makePerson(t.db.system, org, { roles: ['senior_leader'], site: null });
    const s = await signIn(t, leader.email);
    const page1 = await t.app.inject({ method: 'GET', url: '/api/audit?limit=2', headers: s.headers });
    expect(page1.json().entries).toHaveLength(2);
    const cursor = page1.json().nextCursor;
    expect(cursor).toBeTruthy();
    const page2 = await t.app.inject({ method: 'GET', url: `/api/audit?limit=2&before=${cursor}`, headers: s.headers });
    const ids1 = page1.json().entries.map((e: { id: string }) => Number(e.id));
    const ids2 = page2.json().entries.map((e: { id: string }) => Number(e.id));
    expect(Math.max(...ids2)).toBeLessThan(Math.min(...ids1));
  });

  it('records that the log itself was read, and by whom', async () => {
    const dpo = await makePerson(t.db.system, org, { roles: ['dpo'], site: null });
    const s = await signIn(t, dpo.email);
    await t.app.inject({ method: 'GET', url: `/api/audit?subjectId=someone`, headers: s.headers });
    const res = await t.app.inject({ method: 'GET', url: `/api/audit?actorId=${dpo.id}&action=privacy.`, headers: s.headers });
    expect(res.json().entries[0]).toMatchObject({ action: 'privacy.audit.read', details: { filters: { subjectId: 'someone' } } });
  });

  it.each(['teacher', 'dsl', 'learner', 'guardian', 'admin'] as const)('refuses a %s (403)', async (role) => {
    const p = await makePerson(t.db.system, org, { roles: [role] });
    const s = await signIn(t, p.email);
    const res = await t.app.inject({ method: 'GET', url: '/api/audit', headers: s.headers });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.forbidden');
  });

  it('refuses bad filters with field details', async () => {
    const dpo = await makePerson(t.db.system, org, { roles: ['dpo'], site: null });
    const s = await signIn(t, dpo.email);
    const res = await t.app.inject({ method: 'GET', url: '/api/audit?actorId=nope&limit=5000', headers: s.headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string[] }) => d.path.join('.')).sort()).toEqual([
      'querystring.actorId',
      'querystring.limit',
    ]);
  });

  it('offers no way to change or remove an entry', async () => {
    const dpo = await makePerson(t.db.system, org, { roles: ['dpo'], site: null });
    const s = await signIn(t, dpo.email);
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const res = await t.app.inject({ method, url: '/api/audit', headers: s.headers, payload: {} });
      expect(res.statusCode).toBe(404);
    }
    const writes = t.routes.filter((r) => r.url.startsWith('/api/audit') && r.method !== 'GET' && r.method !== 'HEAD');
    expect(writes).toEqual([]);
  });
});
