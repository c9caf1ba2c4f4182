// Cold start (a fresh machine's first `npm start` minus install/build: initialise PostgreSQL,
// migrate, load the demo data, serve) and warm restart, to the first 200 from /readyz.
// Baseline: a bare Node process answering HTTP, the floor any server pays.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { continuumArgs, freePort, memoryOf, round, spawnServer, type BenchResult } from './harness.js';

export async function benchStartup(): Promise<BenchResult> {
  const port0 = await freePort();
  const floor = await spawnServer({
    args: ['-e', "require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')"],
    env: { PORT: String(port0) },
    port: port0,
    readyPath: '/',
  });
  await floor.stop();

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'continuum-bench-start-'));
  try {
    const env = async () => ({
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
      DEMO_DATA: 'true',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    });
    const coldEnv = await env();
    const cold = await spawnServer({ args: continuumArgs(), env: coldEnv, port: Number(coldEnv.PORT), readyPath: '/readyz' });
    const coldMem = memoryOf(cold.pid);
    await cold.stop();
    const warmEnv = await env();
    const warm = await spawnServer({ args: continuumArgs(), env: warmEnv, port: Number(warmEnv.PORT), readyPath: '/readyz' });
    const warmMem = memoryOf(warm.pid);
    await warm.stop();
    return {
      bench: 'startup',
      figures: [
        { name: 'cold start to /readyz (initdb, migrate, demo data)', value: round(cold.readyMs, 0), unit: 'ms', baseline: { name: 'bare node http', value: round(floor.readyMs, 0) } },
        { name: 'warm restart to /readyz', value: round(warm.readyMs, 0), unit: 'ms', baseline: { name: 'bare node http', value: round(floor.readyMs, 0) } },
        { name: 'server RSS after cold start', value: round(coldMem.rssMb), unit: 'MB' },
        { name: 'server RSS after warm start', value: round(warmMem.rssMb), unit: 'MB' },
      ],
      notes: ['The server process only; the embedded PostgreSQL runs beside it in its own processes.'],
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
