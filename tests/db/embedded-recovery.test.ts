import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../src/server/platform/db/embedded.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'continuum-recovery-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('embedded PostgreSQL after a killed server', () => {
  it('starts again when the previous Node process was killed and left PostgreSQL running', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const dataDir = path.join(dir, 'data');
    // A server process that starts the database, then dies without stopping it.
    const script = `import { startEmbeddedPostgres } from './src/server/platform/db/embedded.ts';
      await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, durable: false });
      console.log('up'); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => String(d).includes('up') && resolve());
      child.on('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));
    // The orphaned postmaster still holds the data directory.
    const orphan = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(() => process.kill(orphan, 0)).not.toThrow();

    const server = await startEmbeddedPostgres({ dataDir, port, durable: false });
    try {
      const c = new pg.Client(server.url('postgres'));
      await c.connect();
      expect((await c.query('select 1 as ok')).rows).toEqual([{ ok: 1 }]);
      await c.end();
    } finally {
      await server.stop();
    }
  }, 60_000);
});
