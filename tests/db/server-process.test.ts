import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestApp, type TestApp } from '../../src/server/testing/app.js';
import { createTestDatabase, type TestDatabase } from '../../src/server/testing/database.js';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe('graceful shutdown', () => {
  let t: TestApp;
  let release: () => void = () => undefined;
  beforeAll(async () => {
    t = await startTestApp({
      listen: true,
      extraRoutes: (app) => {
        app.get('/api/slow', { config: { permission: 'public' }, schema: { response: { 200: z.object({ done: z.boolean() }) } } }, async () => {
          await new Promise<void>((r) => (release = r));
          return { done: true };
        });
      },
    });
  });
  afterAll(() => t.database.drop());

  it('finishes a request in flight, and refuses new work while stopping', async () => {
    // Ready, with its live media (the embedded SFU) up.
    expect(await (await fetch(`${t.url}/readyz`)).json()).toEqual({ status: 'ready', media: 'up' });
    const inFlight = fetch(`${t.url}/api/slow`);
    await new Promise((r) => setTimeout(r, 100));
    t.beginShutdown();
    expect((await fetch(`${t.url}/readyz`)).status).toBe(503);
    const closing = t.app.close();
    setTimeout(() => release(), 200);
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    await closing;
    await expect(fetch(`${t.url}/healthz`)).rejects.toThrow();
  });
});

describe('the server process', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('starts on the configured database, loads the demo once, says how to sign in, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, DATABASE_URL: database.url, PORT: String(port), HOST: '127.0.0.1', DEMO_DATA: 'true', LOG_LEVEL: 'warn', NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    // The banner arrives in several writes: wait for its last line, not its first.
    for (let i = 0; i < 300 && !out.includes('Press Ctrl-C to stop.'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain(`Continuum is ready at http://127.0.0.1:${port}`);
    expect(out).toContain('learner@oakfield.example');
    expect(out).toContain('Continuum#2026');
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'senior@oakfield.example', password: 'Continuum#2026' }),
    });
    expect(login.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('Stopped cleanly.');
  }, 60_000);
});
