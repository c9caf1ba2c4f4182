import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../../testing/app.js';
import { makeFamily, makeOrganisation, makePerson, TEST_PASSWORD, type TestOrg } from '../../testing/factories.js';

let t: TestApp;
let org: TestOrg;

beforeAll(async () => {
  t = await startTestApp();
  org = await makeOrganisation(t.db.system, { sites: 2 });
});
afterAll(() => t.close());

const login = (email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

describe('sign-in', () => {
  it('signs a person in and answers who they are, with their roles by name', async () => {
    const teacher = await makePerson(t.db.system, org, { roles: ['teacher', 'dsl'], givenName: 'Priya', familyName: 'Shah' });
    const res = await login(teacher.email.toUpperCase(), TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'continuum_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `continuum_session=${cookie.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.displayName).toBe('Priya Shah');
    expect(me.json().roles.map((r: { role: string }) => r.role).sort()).toEqual(['dsl', 'teacher']);
  });

  it('refuses a wrong password with a code and no hint which part was wrong', async () => {
    const p = await makePerson(t.db.system, org, { roles: ['learner'] });
    const wrong = await login(p.email, 'Wrong-pass-1!');
    const unknown = await login('nobody@test.example', 'Wrong-pass-1!');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('auth.invalid_credentials');
    expect(unknown.json().error).toMatchObject({ code: 'auth.invalid_credentials', message: wrong.json().error.message });
  });

  it('locks an account for the configured minutes after repeated failures, then lets it in again', async () => {
    const p = await makePerson(t.db.system, org, { roles: ['learner'] });
    for (let i = 0; i < 4; i++) expect((await login(p.email, 'Wrong-pass-1!')).statusCode).toBe(401);
    const fifth = await login(p.email, 'Wrong-pass-1!');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('auth.locked');
    expect(fifth.json().error.message).toMatch(/try again after \d\d:\d\d on \d+ \w+/);
    // Even the right password is refused while locked.
    expect((await login(p.email, TEST_PASSWORD)).statusCode).toBe(423);
    t.clock.advance(15 * 60_000 + 1000);
    expect((await login(p.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses malformed sign-in bodies with field details', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'not-an-email' } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('request.invalid');
    expect(body.error.details.map((d: { path: string[] }) => d.path.join('.'))).toEqual(
      expect.arrayContaining(['body.email', 'body.password']),
    );
  });

  it('refuses a sign-in posted from another site (login CSRF)', async () => {
    const p = await makePerson(t.db.system, org, { roles: ['learner'] });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example', host: 'localhost' },
      payload: { email: p.email, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.csrf');
  });
});

describe('sessions', () => {
  it('refuses a state-changing request without the CSRF token', async () => {
    const p = await makePerson(t.db.system, org, { roles: ['teacher'] });
    const s = await signIn(t, p.email);
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.csrf');
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers });
    expect(ok.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: s.cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('auth.session_expired');
  });

  it('signs out everywhere: every device of that person is signed out, nobody else', async () => {
    const p = await makePerson(t.db.system, org, { roles: ['teacher'] });
    const other = await makePerson(t.db.system, org, { roles: ['teacher'] });
    const phone = await signIn(t, p.email);
    const laptop = await signIn(t, p.email);
    const colleague = await signIn(t, other.email);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout-everywhere', headers: laptop.headers })).statusCode).toBe(204);
    for (const s of [phone, laptop]) {
      expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: s.cookie } })).statusCode).toBe(401);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: colleague.cookie } })).statusCode).toBe(200);
  });

  it('ends a session when its time runs out', async () => {
    const p = await makePerson(t.db.system, org, { roles: ['learner'] });
    const s = await signIn(t, p.email);
    t.clock.advance(12 * 3600_000 + 1000);
    const res = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.session_expired');
  });

  it('asks an anonymous caller to sign in', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.required');
  });
});

describe('changing a password (R-DATA-5)', () => {
  it('R-DATA-5 names what a weak new password is missing', async () => {
    const p = await makePerson(t.db.system, org, { roles: ['learner'] });
    const s = await signIn(t, p.email);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: s.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'lowercase' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('identity.password.too_weak');
    expect(res.json().error.message).toBe(
      'Your new password needs an upper-case letter, a digit and a special character such as ! or #.',
    );
  });

  it('refuses a wrong current password', async () => {
    const p = await makePerson(t.db.system, org, { roles: ['learner'] });
    const s = await signIn(t, p.email);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: s.headers,
      payload: { currentPassword: 'Nope-nope-1!', newPassword: 'Brand-new-2#' },
    });
    expect(res.json().error.code).toBe('identity.password.wrong_current');
  });

  it('changes the password, keeps this session and ends the others', async () => {
    const p = await makePerson(t.db.system, org, { roles: ['learner'] });
    const here = await signIn(t, p.email);
    const elsewhere = await signIn(t, p.email);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: here.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Brand-new-2#' },
    });
    expect(res.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: here.cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: elsewhere.cookie } })).statusCode).toBe(401);
    expect((await login(p.email, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(p.email, 'Brand-new-2#')).statusCode).toBe(200);
  });
});

describe('people', () => {
  it('shows a parent their child, with contact details, and audits that read', async () => {
    const { learner, guardian } = await makeFamily(t.db.system, org);
    const s = await signIn(t, guardian.email);
    const res = await t.app.inject({ method: 'GET', url: `/api/people/${learner.id}`, headers: s.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().email).toBe(learner.email);
    const audit = await t.db.systemPool.query(
      "select action, actor_id from audit_events where subject_id = $1 and action = 'identity.person.contact_read'",
      [learner.id],
    );
    expect(audit.rows).toEqual([{ action: 'identity.person.contact_read', actor_id: guardian.id }]);
  });

  it('shows a teacher a learner of their site without contact details', async () => {
    const { learner } = await makeFamily(t.db.system, org);
    const teacher = await makePerson(t.db.system, org, { roles: ['teacher'] });
    const s = await signIn(t, teacher.email);
    const res = await t.app.inject({ method: 'GET', url: `/api/people/${learner.id}`, headers: s.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().email).toBeNull();
  });

  it('hides a learner of another family from a parent (404, as if it did not exist)', async () => {
    const mine = await makeFamily(t.db.system, org);
    const theirs = await makeFamily(t.db.system, org);
    const s = await signIn(t, mine.guardian.email);
    const res = await t.app.inject({ method: 'GET', url: `/api/people/${theirs.learner.id}`, headers: s.headers });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});
