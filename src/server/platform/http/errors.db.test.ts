import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { adjustableClock } from '../clock.js';
import { openDatabase } from '../db/client.js';
import { signIn, startTestApp, type TestApp } from '../../testing/app.js';
import { makeOrganisation, makePerson } from '../../testing/factories.js';

let t: TestApp;
let session: { headers: Record<string, string> };

beforeAll(async () => {
  t = await startTestApp({
    env: { BODY_LIMIT_BYTES: '2048' },
    extraRoutes: (app) => {
      app.get('/api/broken', { config: { permission: 'identity.me' } }, async () => {
        throw new Error('secret internal detail at /srv/app.ts:42');
      });
      app.get('/api/bad-response', {
        config: { permission: 'identity.me' },
        schema: { response: { 200: z.object({ n: z.number() }) } },
        handler: async () => ({ n: 'not a number' }) as unknown as { n: number },
      });
    },
  });
  const org = await makeOrganisation(t.db.system);
  const p = await makePerson(t.db.system, org, { roles: ['teacher'] });
  session = await signIn(t, p.email);
});
afterAll(() => t.close());

function expectErrorShape(body: unknown, code: string) {
  expect(body).toMatchObject({ error: { code, message: expect.any(String), requestId: expect.stringMatching(/^r-/) } });
}

describe('one error shape for bad input and failure', () => {
  it('malformed JSON → 400 request.malformed_json', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@b.example", "password": ',
    });
    expect(res.statusCode).toBe(400);
    expectErrorShape(res.json(), 'request.malformed_json');
  });

  it('wrong types → 400 request.invalid with a detail per field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 42, password: ['x'] } });
    expect(res.statusCode).toBe(400);
    expectErrorShape(res.json(), 'request.invalid');
    expect(res.json().error.details).toHaveLength(2);
  });

  it('a body that is not JSON → 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a&password=b',
    });
    expect(res.statusCode).toBe(415);
    expectErrorShape(res.json(), 'request.unsupported_media_type');
  });

  it('an oversize body → 413 request.too_large, before any work is done', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'a@b.example', password: 'x'.repeat(5000) },
    });
    expect(res.statusCode).toBe(413);
    expectErrorShape(res.json(), 'request.too_large');
  });

  it('an unknown API route → 404 not_found', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nowhere?x=1' });
    expect(res.statusCode).toBe(404);
    expectErrorShape(res.json(), 'not_found');
    expect(res.json().error.message).toBe('There is no GET /api/nowhere here.');
  });

  it('a crash → 500 with a reference and no stack or internal detail', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/broken', headers: session.headers });
    expect(res.statusCode).toBe(500);
    expectErrorShape(res.json(), 'internal');
    expect(res.body).not.toMatch(/secret|srv|\.ts|at /);
    expect(res.json().error.message).toContain(res.json().error.requestId);
  });

  it('a response that breaks its own schema is not sent', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/bad-response', headers: session.headers });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('not a number');
  });

  it('sign-in attempts from one address are rate limited', async () => {
    const limited = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '3' } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'x@y.example', password: 'Wrong-1!' } });
        codes.push(r.statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('when the database is down', () => {
  it('answers 503 service.database_unavailable, and /readyz says not ready while /healthz is up', async () => {
    // A pool pointing at a port where nothing listens.
    const db = openDatabase('postgres://postgres:x@127.0.0.1:1/continuum', { max: 1 });
    const { app } = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: 'postgres://postgres:x@127.0.0.1:1/continuum' }),
      db,
      clock: adjustableClock('2026-09-07T08:00:00Z'),
    });
    await app.ready();
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'a@b.example', password: 'Abcdef1!' } });
      expect(login.statusCode).toBe(503);
      expectErrorShape(login.json(), 'service.database_unavailable');
      const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: 'continuum_session=abc' } });
      expect(me.statusCode).toBe(503);
      expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await db.close();
    }
  });
});
