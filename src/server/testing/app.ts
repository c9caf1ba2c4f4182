import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type AppDeps, type BuiltApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { adjustableClock, type Clock } from '../platform/clock.js';
import type { Database } from '../platform/db/client.js';
import { generateDemoData, type DemoSummary } from '../demo/index.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { TEST_PASSWORD } from './factories.js';

export interface TestApp extends BuiltApp {
  db: Database;
  database: TestDatabase;
  clock: Clock;
  config: Config;
  demo: DemoSummary | null;
  /** Base URL when started with `listen: true` (browser tests). */
  url: string;
  close(): Promise<void>;
}

/**
 * A real server on a database of its own: the same buildApp as production, a test clock that
 * starts where the test says (frozen unless moved), optionally the demo data and a listening port.
 */
export async function startTestApp(
  opts: {
    now?: string;
    demo?: boolean;
    listen?: boolean;
    env?: Record<string, string>;
    permissionTables?: AppDeps['permissionTables'];
    extraRoutes?: AppDeps['extraRoutes'];
    /** Reuse a database instead of creating one (several apps on one database). */
    database?: TestDatabase;
  } = {},
): Promise<TestApp> {
  const database = opts.database ?? (await createTestDatabase());
  const ownsDatabase = !opts.database;
  const clock = adjustableClock(opts.now ?? '2026-09-07T08:00:00Z', 'frozen');
  // Uploaded files and staged imports of this app only, removed when it closes.
  const dataDir = await mkdtemp(join(tmpdir(), 'continuum-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: database.url,
    WEB_DIST: 'dist/web',
    // Tests sign in many times from one address; the limiter has its own test.
    LOGIN_RATE_PER_MINUTE: '100000',
    // Media between the SFU and test browsers or werift peers on this machine.
    MEDIA_ADDRESSES: '127.0.0.1',
    MEDIA_ONLY_ADDRESSES: '127.0.0.1',
    ...opts.env,
  });
  const demo = opts.demo ? await generateDemoData(database.db.system, clock.now()) : null;
  const built = await buildApp({
    config,
    db: database.db,
    clock,
    permissionTables: opts.permissionTables,
    extraRoutes: opts.extraRoutes,
  });
  let url = '';
  if (opts.listen) {
    await built.app.listen({ host: '127.0.0.1', port: 0 });
    const addr = built.app.server.address() as { port: number };
    url = `http://127.0.0.1:${addr.port}`;
  } else {
    await built.app.ready();
  }
  return {
    ...built,
    db: database.db,
    database,
    clock,
    config,
    demo,
    url,
    async close() {
      await built.app.close();
      if (ownsDatabase) await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

/** Signs in over HTTP and returns the cookie and CSRF header to send with later requests. */
export async function signIn(t: Pick<TestApp, 'app'>, email: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${email} failed: ${res.statusCode} ${res.body}`);
  const raw = res.cookies.find((c) => c.name === 'continuum_session');
  if (!raw) throw new Error('no session cookie');
  const cookie = `continuum_session=${raw.value}`;
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}
