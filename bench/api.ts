// Throughput and tail latency of an authenticated read, GET /api/me (session, roles, organisation,
// children, under row-level security), against the floor: bare Fastify doing one indexed query
// for the same session on the same database (bench/baseline-server.ts), in the same run.
import path from 'node:path';
import autocannon from 'autocannon';
import { DEMO_PASSWORD } from '../src/server/demo/index.js';
import { ROOT, freePort, memoryOf, round, spawnServer, startContinuumWithDemo, type BenchResult } from './harness.js';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);

async function load(url: string, cookie: string) {
  const probe = await fetch(url, { headers: { cookie } });
  if (probe.status !== 200) throw new Error(`${url} answered ${probe.status}: ${await probe.text()}`);
  // A short warm-up so JIT and pools are settled, then the measured run.
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers: { cookie } });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers: { cookie } });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx and ${r.errors} errors`);
  return { rps: r.requests.average, p99: r.latency.p99 };
}

export async function benchApi(): Promise<BenchResult> {
  const server = await startContinuumWithDemo('api');
  try {
    const login = await fetch(server.url + '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email: 'parent@oakfield.example', password: DEMO_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
    const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';

    const basePort = await freePort();
    const baseline = await spawnServer({
      args: ['--import', 'tsx', path.join(ROOT, 'bench', 'baseline-server.ts')],
      env: { PORT: String(basePort), DATABASE_URL: server.databaseUrl },
      port: basePort,
      readyPath: '/ready',
    });
    try {
      const base = await load(baseline.url + '/me', cookie);
      const ours = await load(server.url + '/api/me', cookie);
      const mem = memoryOf(server.pid);
      return {
        bench: 'api',
        figures: [
          { name: `GET /api/me throughput (${CONNECTIONS} connections)`, value: round(ours.rps, 0), unit: 'req/s', higherIsBetter: true, baseline: { name: 'bare Fastify, one indexed query', value: round(base.rps, 0) } },
          { name: 'GET /api/me p99 latency', value: ours.p99, unit: 'ms', baseline: { name: 'bare Fastify, one indexed query', value: base.p99 } },
          { name: 'server peak RSS under load', value: round(mem.peakMb), unit: 'MB' },
        ],
        notes: [`autocannon, ${DURATION_S} s after a 2 s warm-up; server logs at warn; both servers on one embedded PostgreSQL.`],
      };
    } finally {
      await baseline.stop();
    }
  } finally {
    await server.stop();
  }
}
