import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestApp, type TestApp } from '../../src/server/testing/app.js';
import { createTestDatabase, type TestDatabase } from '../../src/server/testing/database.js';

/** STYLE.md, Authorization: every route says who may call it, and the default is no. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('route declarations', () => {
  it('every registered route declares a permission that exists', () => {
    expect(t.routes.length).toBeGreaterThan(8);
    const undeclared = t.routes.filter((r) => r.permission === undefined).map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
    const unknown = t.routes
      .filter((r) => r.permission !== 'public' && !t.permissions.has(r.permission!))
      .map((r) => `${r.method} ${r.url} → ${r.permission}`);
    expect(unknown).toEqual([]);
  });

  it('keeps public routes to the few that must be open', () => {
    const publicApi = t.routes
      .filter((r) => r.permission === 'public' && r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(publicApi).toEqual(['GET /api/clock', 'GET /api/openapi.json', 'HEAD /api/clock', 'HEAD /api/openapi.json', 'POST /api/auth/login']);
  });

  it('shows each operation’s permission in the OpenAPI document as x-permission', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { paths: Record<string, Record<string, { 'x-permission'?: string }>> };
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ op: `${method.toUpperCase()} ${path}`, permission: op['x-permission'] })),
    );
    expect(ops.length).toBeGreaterThan(5);
    expect(ops.filter((o) => !o.permission || o.permission === 'undeclared')).toEqual([]);
    expect(ops).toContainEqual({ op: 'GET /api/audit', permission: 'audit.read' });
    expect(ops).toContainEqual({ op: 'POST /api/auth/login', permission: 'public' });
  });

  it('serves a browsable API page at /api/docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });
});

describe('the declaration check catches a planted mistake', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('refuses to start with a route that names no permission', async () => {
    await expect(
      startTestApp({
        database,
        extraRoutes: (app) => {
          app.get('/api/forgotten', { schema: { response: { 200: z.object({ secret: z.string() }) } } }, async () => ({
            secret: 'x',
          }));
        },
      }),
    ).rejects.toThrow(/GET \/api\/forgotten declares no permission/);
  });

  it('refuses to start with a route that names a permission nobody declared', async () => {
    await expect(
      startTestApp({
        database,
        extraRoutes: (app) => {
          app.get('/api/typo', { config: { permission: 'audit.raed' } }, async () => ({}));
        },
      }),
    ).rejects.toThrow(/unknown permission audit\.raed/);
  });
});
