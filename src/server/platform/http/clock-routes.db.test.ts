import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { systemClock } from '../clock.js';
import { signIn, startTestApp, type TestApp } from '../../testing/app.js';
import { makeOrganisation, makePerson, type TestOrg } from '../../testing/factories.js';

let t: TestApp;
let org: TestOrg;
beforeAll(async () => {
  t = await startTestApp({ now: '2026-10-24T23:30:00Z' });
  org = await makeOrganisation(t.db.system);
});
afterAll(() => t.close());

describe('demo and test clock', () => {
  it('an administrator moves a demo server’s clock forward, and every rule sees the new time', async () => {
    const admin = await makePerson(t.db.system, org, { roles: ['admin'], site: null });
    const s = await signIn(t, admin.email);
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: s.headers });
    expect(me.json().can.setClock).toBe(true);
    const res = await t.app.inject({ method: 'POST', url: '/api/clock/advance', headers: s.headers, payload: { minutes: 180 } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ now: '2026-10-25T02:30:00.000Z', adjustable: true });
    expect((await t.app.inject({ method: 'GET', url: '/api/clock' })).json().now).toBe('2026-10-25T02:30:00.000Z');
  });

  it('refuses anyone else (403) and nonsense amounts (400)', async () => {
    const teacher = await makePerson(t.db.system, org, { roles: ['teacher'] });
    const s = await signIn(t, teacher.email);
    const res = await t.app.inject({ method: 'POST', url: '/api/clock/advance', headers: s.headers, payload: { minutes: 5 } });
    expect(res.statusCode).toBe(403);
    const admin = await makePerson(t.db.system, org, { roles: ['admin'], site: null });
    const a = await signIn(t, admin.email);
    const bad = await t.app.inject({ method: 'POST', url: '/api/clock/advance', headers: a.headers, payload: { minutes: -5 } });
    expect(bad.statusCode).toBe(400);
  });

  it('cannot move a server that runs on real time', async () => {
    const { app } = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: t.database.url }),
      db: t.db,
      clock: systemClock,
    });
    await app.ready();
    try {
      const admin = await makePerson(t.db.system, org, { roles: ['admin'], site: null });
      const s = await signIn({ app }, admin.email);
      expect((await app.inject({ method: 'GET', url: '/api/me', headers: s.headers })).json().can.setClock).toBe(false);
      const res = await app.inject({ method: 'POST', url: '/api/clock/advance', headers: s.headers, payload: { minutes: 5 } });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('clock.not_adjustable');
    } finally {
      await app.close();
    }
  });
});
