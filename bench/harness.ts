// Shared by the benchmarks: servers in their own processes, figures collected for one report.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { SESSION_COOKIE, hashToken } from '../src/server/platform/auth/sessions.js';
import { startEmbeddedPostgres } from '../src/server/platform/db/embedded.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The same measure of the baseline, taken in the same run. */
  baseline?: { name: string; value: number };
  /** A goal from an issue, when there is one (lower is better unless `higherIsBetter`). */
  goal?: number;
  higherIsBetter?: boolean;
}

export interface BenchResult {
  bench: string;
  figures: Figure[];
  notes?: string[];
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first 200 from the ready path. */
  readyMs: number;
  output(): string;
  stop(): Promise<void>;
}

/** Spawns `node <args>` and polls `readyPath` until it answers 200. */
export async function spawnServer(opts: {
  args: string[];
  env: Record<string, string>;
  port: number;
  readyPath: string;
  timeoutMs?: number;
}): Promise<RunningServer> {
  const started = performance.now();
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  for (const [k, v] of Object.entries(opts.env)) if (v === '') delete env[k]; // '' unsets
  const child: ChildProcess = spawn(process.execPath, opts.args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = started + (opts.timeoutMs ?? 180_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}) before it was ready:\n${out}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready after ${opts.timeoutMs ?? 180_000} ms:\n${out}`);
    }
    try {
      const res = await fetch(url + opts.readyPath);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const readyMs = performance.now() - started;
  return {
    url,
    pid: child.pid ?? 0,
    readyMs,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const force = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(force);
      }
    },
  };
}

/** Continuum's server process, as `npm start` runs it: the built server (bench/run.ts builds it first). */
export function continuumArgs(): string[] {
  return ['--enable-source-maps', path.join(ROOT, 'dist', 'server', 'main.mjs')];
}

/** Resident and peak resident memory of a process, from /proc (Linux). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

export function round(n: number, places = 1): number {
  const f = 10 ** places;
  return Math.round(n * f) / f;
}

/**
 * Continuum with the demo data on a throwaway embedded PostgreSQL; `stop` removes both.
 * `databaseUrl` lets a baseline server use the same database.
 */
export async function startContinuumWithDemo(label: string): Promise<RunningServer & { databaseUrl: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `continuum-bench-${label}-`));
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort(), persistent: false });
  const cleanUp = async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const port = await freePort();
    const databaseUrl = pg.url('postgres');
    const server = await spawnServer({
      args: continuumArgs(),
      env: { PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, DEMO_DATA: 'true', LOG_LEVEL: 'warn' },
      port,
      readyPath: '/readyz',
    });
    return {
      ...server,
      databaseUrl,
      async stop() {
        await server.stop();
        await cleanUp();
      },
    };
  } catch (e) {
    await cleanUp();
    throw e;
  }
}

/**
 * Continuum on a throwaway embedded PostgreSQL holding the trust of `npm run seed -- --size large`
 * (or a smaller one: `schools`, `learners`); `stop` removes both. `dir` is the run's temporary
 * directory (the server's DATA_DIR is `<dir>/data`, so its blobs are under `<dir>/data/blobs`).
 */
export async function startContinuumWithTrust(
  label: string,
  o: { schools: number; learners: number; env?: Record<string, string> },
): Promise<RunningServer & { databaseUrl: string; dir: string; seedSeconds: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `continuum-bench-${label}-`));
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort(), persistent: false });
  const cleanUp = async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const databaseUrl = pg.url('postgres');
    const seedStarted = performance.now();
    const seed = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'seed.ts'), '--size', 'large', '--schools', String(o.schools), '--learners', String(o.learners)], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    if (seed.status !== 0) throw new Error(`seed failed:\n${seed.stdout}\n${seed.stderr}`);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const port = await freePort();
    const server = await spawnServer({
      args: continuumArgs(),
      env: { PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'warn', ...o.env },
      port,
      readyPath: '/readyz',
    });
    return {
      ...server,
      databaseUrl,
      dir,
      seedSeconds,
      async stop() {
        await server.stop();
        await cleanUp();
      },
    };
  } catch (e) {
    await cleanUp();
    throw e;
  }
}

/**
 * Sessions for many people at once, written straight to `sessions` as sign-in would write them
 * (the large dataset's learners have no passwords, and 500 password hashes would measure the
 * hashing, not the thing under test). Returns each person's cookie and CSRF token. `at`: when
 * they signed in, for a server whose clock was started elsewhere (CLOCK_START); now by default.
 */
export async function sessionsFor(client: pg.Pool | pg.Client, organisationId: string, userIds: readonly string[], at?: Date): Promise<{ userId: string; cookie: string; csrf: string }[]> {
  const made = userIds.map((userId) => ({ userId, token: randomBytes(32).toString('base64url'), csrf: randomBytes(24).toString('base64url') }));
  await client.query(
    `insert into sessions (token_hash, organisation_id, user_id, csrf_token, created_at, last_seen_at, expires_at)
     select h, $1, u, c, s, s, s + interval '12 hours' from unnest($2::text[], $3::uuid[], $4::text[]) as t(h, u, c), coalesce($5::timestamptz, now()) as s`,
    [organisationId, made.map((m) => hashToken(m.token)), made.map((m) => m.userId), made.map((m) => m.csrf), at?.toISOString() ?? null],
  );
  return made.map((m) => ({ userId: m.userId, cookie: `${SESSION_COOKIE}=${m.token}`, csrf: m.csrf }));
}

/** The value below which `p` (0..1) of the samples lie (nearest rank). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}
