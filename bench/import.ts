// R-ORG-3: import of a 20,000-learner OneRoster bundle (a trust of 17 schools: ~300,000 rows) into a
// fresh embedded PostgreSQL: preview (read, check, compare) and apply (one transaction), then the
// same files again (nothing to change). Each run happens in a child process of its own, which
// reports its own time and peak RSS, so the figures are the importer's and not this harness's.
// Baseline, same run, same files: a child that only parses them with csv-parse (no checks, no
// database), the floor any CSV importer pays.
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'csv-parse';
import type { BenchResult } from './harness.js';

const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 20_000);

interface ChildFigures {
  seconds: Record<string, number>;
  peakRssMb: number;
  rows: number;
  detail?: string;
}

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

/** The child: one run, figures as JSON on stdout. */
async function child(mode: string, source: string, organisationId: string): Promise<ChildFigures> {
  if (mode === 'csv-parse') {
    const started = performance.now();
    let rows = 0;
    for (const name of (await readdir(source)).sort()) {
      for await (const record of createReadStream(path.join(source, name)).pipe(parse({ bom: true }))) {
        void record;
        rows += 1;
      }
    }
    return { seconds: { total: (performance.now() - started) / 1000 }, peakRssMb: peakRssMb(), rows };
  }
  const { openDatabase } = await import('../src/server/platform/db/client.js');
  const { createRosterImportService } = await import('../src/server/modules/organisation/index.js');
  const { Permissions } = await import('../src/server/platform/authz.js');
  const { PERMISSION_TABLES } = await import('../src/server/app.js');
  const { systemClock } = await import('../src/server/platform/clock.js');
  const db = openDatabase(process.env.DATABASE_URL ?? '');
  try {
    const imports = createRosterImportService({ db, clock: systemClock, permissions: new Permissions(PERMISSION_TABLES), dataDir: os.tmpdir(), uploadLimitBytes: 2 ** 31 });
    const started = performance.now();
    const preview = await imports.previewPath(organisationId, source);
    const previewed = performance.now();
    if (preview.status !== 'previewed') throw new Error(`the import failed: ${JSON.stringify(preview.problems.slice(0, 3))} ${preview.message ?? ''}`);
    await imports.applyAsCommand(organisationId, preview.id);
    const applied = performance.now();
    const totals = (preview.report?.kinds ?? []).reduce((t, k) => ({ added: t.added + k.added, changed: t.changed + k.changed, ended: t.ended + k.ended }), { added: 0, changed: 0, ended: 0 });
    return {
      seconds: { preview: (previewed - started) / 1000, apply: (applied - previewed) / 1000, total: (applied - started) / 1000 },
      peakRssMb: peakRssMb(),
      rows: preview.rows,
      detail: `${totals.added} added, ${totals.changed} changed, ${totals.ended} ended`,
    };
  } finally {
    await db.close();
  }
}

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function inChild(mode: string, source: string, organisationId: string, databaseUrl: string): Promise<ChildFigures> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', mode, source, organisationId], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ChildFigures;
}

export async function benchImport(): Promise<BenchResult> {
  // Loaded here, not at the top, so the child processes carry only what they use.
  const { freePort, round } = await import('./harness.js');
  const { buildRosterBundle } = await import('../src/server/testing/oneroster-bundle.js');
  const { startEmbeddedPostgres } = await import('../src/server/platform/db/embedded.js');
  const { openDatabase } = await import('../src/server/platform/db/client.js');
  const { migrateDatabase } = await import('../src/server/platform/db/migrate.js');
  const { insertOrganisation } = await import('../src/server/modules/organisation/index.js');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'continuum-bench-import-'));
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort(), persistent: false });
  try {
    const built = Date.now();
    const zip = await buildRosterBundle({ dir: path.join(dir, 'zip'), format: 'zip', learners: LEARNERS });
    const folder = await buildRosterBundle({ dir: path.join(dir, 'folder'), format: 'directory', learners: LEARNERS });
    const buildSeconds = (Date.now() - built) / 1000;
    const databaseUrl = pg.url('postgres');
    const db = openDatabase(databaseUrl);
    let organisationId: string;
    try {
      await migrateDatabase(db);
      organisationId = (await insertOrganisation(db.system, { name: 'Northfield Learning Trust', kind: 'trust', now: new Date(), sites: [] })).id;
    } finally {
      await db.close();
    }

    const floor = await inChild('csv-parse', folder.path, organisationId, databaseUrl);
    const first = await inChild('import', zip.path, organisationId, databaseUrl);
    const again = await inChild('import', zip.path, organisationId, databaseUrl);
    const baseline = (value: number) => ({ name: 'csv-parse of the same files, no checks', value });
    return {
      bench: 'import',
      figures: [
        { name: `import ${LEARNERS.toLocaleString('en-GB')} learners into an empty trust: preview (read, check, compare)`, value: round(first.seconds.preview ?? 0, 2), unit: 's' },
        { name: 'import: apply in one transaction', value: round(first.seconds.apply ?? 0, 2), unit: 's' },
        { name: 'import: preview and apply', value: round(first.seconds.total ?? 0, 2), unit: 's', baseline: baseline(round(floor.seconds.total ?? 0, 2)) },
        { name: 'import: peak RSS of the importing process', value: round(first.peakRssMb), unit: 'MB', baseline: baseline(round(floor.peakRssMb)) },
        { name: 're-import of the same files (nothing to change): preview and apply', value: round(again.seconds.total ?? 0, 2), unit: 's', baseline: baseline(round(floor.seconds.total ?? 0, 2)) },
        { name: 're-import: peak RSS', value: round(again.peakRssMb), unit: 'MB', baseline: baseline(round(floor.peakRssMb)) },
      ],
      notes: [
        `${first.rows.toLocaleString('en-GB')} rows (${floor.rows.toLocaleString('en-GB')} with headers); first import ${first.detail}; re-import ${again.detail}.`,
        `Bundle written by testing/oneroster-bundle.ts in ${round(buildSeconds, 1)} s (zip for the import, the same files as a folder for csv-parse); embedded PostgreSQL 18 with fsync on.`,
        'Each figure from its own child process (node --import tsx), so the peak includes Node and tsx (about 90 MB).',
      ],
    };
  } finally {
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

const [, entry, flag, mode, source, organisationId] = process.argv;
if (flag === '--child' && entry !== undefined && path.resolve(entry) === fileURLToPath(import.meta.url)) {
  child(mode ?? '', source ?? '', organisationId ?? '').then(
    (figures) => {
      process.stdout.write(`${JSON.stringify(figures)}\n`);
      process.exit(0);
    },
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
