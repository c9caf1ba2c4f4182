// The large seed (issue 4): `npm run seed -- --size large` (a trust of 20 schools, 20,000 learners)
// into a fresh embedded PostgreSQL, end to end (initdb, migrate, build, write). Baseline: the
// small demo seed the same way in the same run, which pays the same start-up and migration.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, freePort, round, type BenchResult } from './harness.js';

async function seed(size: 'small' | 'large'): Promise<{ seconds: number; peakMb: number; rows: number | null; output: string }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `continuum-bench-seed-${size}-`));
  try {
    // The embedded database in a temporary directory, whatever the caller's DATABASE_URL says.
    const { DATABASE_URL: _external, ...env } = process.env;
    const started = performance.now();
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'seed.ts'), '--size', size], {
      cwd: ROOT,
      env: { ...env, DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    const seconds = (performance.now() - started) / 1000;
    if (run.status !== 0) throw new Error(`seed --size ${size} failed:\n${run.stdout}\n${run.stderr}`);
    const peak = /peak memory (\d+) MB/.exec(run.stdout);
    const rows = /, ([\d,]+) rows in/.exec(run.stdout);
    return { seconds, peakMb: Number(peak?.[1] ?? 0), rows: rows ? Number(rows[1]!.replaceAll(',', '')) : null, output: run.stdout };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchSeed(): Promise<BenchResult> {
  const small = await seed('small');
  const large = await seed('large');
  return {
    bench: 'seed',
    figures: [
      { name: 'large seed: 20 schools, 20,000 learners (fresh embedded PostgreSQL)', value: round(large.seconds), unit: 's', baseline: { name: 'small demo seed, same way', value: round(small.seconds) }, goal: 120 },
      { name: 'large seed rows written', value: large.rows ?? 0, unit: 'rows' },
      { name: 'large seed rows per second (whole run)', value: round((large.rows ?? 0) / large.seconds, 0), unit: 'rows/s', higherIsBetter: true },
      { name: 'seeding process peak RSS (large)', value: large.peakMb, unit: 'MB', baseline: { name: 'small demo seed', value: small.peakMb } },
    ],
    notes: ['Both runs include initdb and migrations of a fresh embedded PostgreSQL; the large one writes one transaction.'],
  };
}
