import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type Session, type TestApp } from '../../testing/app.js';
import { makeFamily, makeOrganisation, makePerson, type TestOrg, type TestPerson } from '../../testing/factories.js';

let t: TestApp;
let org: TestOrg;
let admin: Session;
let family: { learner: TestPerson; guardian: TestPerson };
let secondCarer: TestPerson;
let employer: TestPerson;

beforeAll(async () => {
  t = await startTestApp({ now: '2026-11-23T10:00:00Z' });
  const db = t.db.system;
  org = await makeOrganisation(db);
  admin = await signIn(t, (await makePerson(db, org, { roles: ['admin'], site: null })).email);
  family = await makeFamily(db, org);
  secondCarer = await makePerson(db, org, { roles: ['guardian'], givenName: 'Grace', familyName: 'Hopper' });
  employer = await makePerson(db, org, { roles: ['employer'], site: null });
});
afterAll(() => t.close());

const call = (s: Session, method: 'GET' | 'PUT', url: string, payload?: object) => t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });

describe('linking parents, carers and employers (R-ORG-1)', () => {
  it('R-ORG-1 an admin adds a second carer, who then sees the child on their own home', async () => {
    const res = await call(admin, 'PUT', `/api/learners/${family.learner.id}/guardians`, { guardianIds: [family.guardian.id, secondCarer.id] });
    expect(res.statusCode).toBe(200);
    expect(res.json().guardians.map((g: { id: string }) => g.id).sort()).toEqual([family.guardian.id, secondCarer.id].sort());
    const me = (await call(await signIn(t, secondCarer.email), 'GET', '/api/me')).json();
    expect(me.children.map((c: { id: string }) => c.id)).toEqual([family.learner.id]);
  });

  it('R-ORG-1 removing a carer ends what they can see of the child at once', async () => {
    await call(admin, 'PUT', `/api/learners/${family.learner.id}/guardians`, { guardianIds: [family.guardian.id] });
    const carer = await signIn(t, secondCarer.email);
    expect((await call(carer, 'GET', `/api/people/${family.learner.id}`)).statusCode).toBe(404);
    const { rows } = await t.db.systemPool.query(`select details from audit_events where action = 'identity.guardians.changed' and subject_id = $1 order by at, id`, [family.learner.id]);
    expect(rows.at(-1).details).toEqual({ before: expect.arrayContaining([secondCarer.id]), after: [family.guardian.id] });
  });

  it('R-ORG-1 refuses to make a teacher a carer or a carer an employer, by position, and changes nothing', async () => {
    const teacher = await makePerson(t.db.system, org, { roles: ['teacher'] });
    const res = await call(admin, 'PUT', `/api/learners/${family.learner.id}/guardians`, { guardianIds: [family.guardian.id, teacher.id] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: ['guardianIds', 1], code: 'identity.links.not_guardian' })]);
    const wrong = await call(admin, 'PUT', `/api/learners/${family.learner.id}/employers`, { employerIds: [family.guardian.id] });
    expect(wrong.statusCode).toBe(400);
    const links = (await call(admin, 'GET', `/api/learners/${family.learner.id}/links`)).json();
    expect(links.guardians.map((g: { id: string }) => g.id)).toEqual([family.guardian.id]);
    expect(links.employers).toEqual([]);
  });

  it('R-ORG-1 links an apprentice to an employer; only a learner can be linked', async () => {
    const res = await call(admin, 'PUT', `/api/learners/${family.learner.id}/employers`, { employerIds: [employer.id] });
    expect(res.json().employers).toEqual([expect.objectContaining({ id: employer.id })]);
    expect((await call(admin, 'GET', `/api/learners/${employer.id}/links`)).statusCode).toBe(404);
  });

  it('R-ORG-1 a parent cannot change who the carers are', async () => {
    const parent = await signIn(t, family.guardian.email);
    expect((await call(parent, 'PUT', `/api/learners/${family.learner.id}/guardians`, { guardianIds: [] })).statusCode).toBe(403);
  });
});
