// `npm run import:oneroster -- <zip or folder> [--organisation <id or name>] [--apply]` (R-ORG-3):
// reads a OneRoster 1.2 CSV export, prints what it would add, change and end, and with --apply
// applies it in one transaction. Without --apply nothing is written to the roster. Problems are
// printed as file:line:field and the command exits 1. The database is the one `npm start` uses:
// DATABASE_URL when set, otherwise the embedded PostgreSQL in the data directory.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { RosterImport, RosterProgress } from '../src/shared/roster-import.js';
import { PERMISSION_TABLES } from '../src/server/app.js';
import { ConfigError, loadConfig, type Config } from '../src/server/config.js';
import { createRosterImportService } from '../src/server/modules/organisation/index.js';
import { Permissions } from '../src/server/platform/authz.js';
import { adjustableClock, systemClock } from '../src/server/platform/clock.js';
import { AppError } from '../src/server/platform/errors.js';
import { connectDatabase } from '../src/server/platform/db/connect.js';

const out = (line = '') => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);
const number = (n: number) => n.toLocaleString('en-GB');

class UsageError extends Error {}

function usage(): string {
  return 'Usage: npm run import:oneroster -- <zip or folder> [--organisation <id or name>] [--apply]';
}

/** The embedded database belongs to a running server when its postmaster is alive: do not start a second. */
function embeddedInUse(config: Config): number | null {
  if (config.databaseUrl) return null;
  const pidFile = path.join(config.dataDir, 'postgres', 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

function progressLine(p: RosterProgress): string {
  if (p.phase === 'comparing') return `Comparing ${number(p.rows)} rows with Continuum's records…`;
  const share = p.totalBytes > 0 ? ` (${Math.floor((100 * p.bytesRead) / p.totalBytes)}%)` : '';
  return `Reading ${p.file ?? ''}: ${number(p.rows)} rows${share}`;
}

function printReport(result: RosterImport): void {
  const report = result.report;
  if (report === null) return;
  out(`Files: ${report.files.map((f) => `${f.name} (${f.mode})`).join(', ')}`);
  if (report.source.systemName) out(`From: ${report.source.systemName}`);
  out();
  for (const k of report.kinds) {
    out(`${k.label}: ${number(k.added)} to add, ${number(k.changed)} to change, ${number(k.ended)} to end (${number(k.unchanged)} unchanged)`);
    for (const [action, list] of [['add', k.examples.added], ['change', k.examples.changed], ['end', k.examples.ended]] as const) {
      for (const e of list.slice(0, 3)) {
        const changes = e.changes?.map((c) => (c.from === null && c.to === null ? c.field : `${c.field}: ${c.from ?? '(blank)'} → ${c.to ?? '(blank)'}`)).join('; ');
        out(`    ${action}: ${e.label}${changes ? ` (${changes})` : ''}`);
      }
    }
  }
  for (const note of report.notes) out(`Note: ${note}`);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { organisation: { type: 'string' }, apply: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    out(usage());
    return 0;
  }
  const source = positionals[0];
  if (positionals.length !== 1 || source === undefined) throw new UsageError(usage());
  const where = path.resolve(source);
  if (!existsSync(where)) throw new UsageError(`${source} does not exist. Give the zip the MIS exported, or the folder of its CSV files.`);

  const config = loadConfig();
  const pid = embeddedInUse(config);
  if (pid !== null) {
    throw new UsageError(`Continuum's embedded database is in use by a running server (postgres pid ${pid}). Stop the server first, set DATABASE_URL, or import from the app's "Import from your MIS" page.`);
  }
  const database = await connectDatabase(config, err);
  try {
    const orgs = (await database.db.systemPool.query<{ id: string; name: string }>('select id, name from organisations order by name')).rows;
    const wanted = values.organisation?.trim();
    const matches = wanted === undefined ? orgs : orgs.filter((o) => o.id === wanted || o.name.toLowerCase() === wanted.toLowerCase());
    if (matches.length !== 1) {
      const known = orgs.map((o) => `  ${o.id}  ${o.name}`).join('\n') || '  (none yet)';
      throw new UsageError(
        `${wanted === undefined ? 'There is more than one organisation' : `No single organisation matches "${wanted}"`}; choose one with --organisation <id or name>:\n${known}`,
      );
    }
    const org = matches[0]!;
    const clock = config.clock ? adjustableClock(config.clock.start, config.clock.mode) : systemClock;
    const imports = createRosterImportService({
      db: database.db,
      clock,
      permissions: new Permissions(PERMISSION_TABLES),
      dataDir: config.dataDir,
      uploadLimitBytes: config.rosterUploadLimitBytes,
      logError: (e, message) => err(`${message}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
    });

    err(`Importing ${where} into ${org.name}…`);
    let lastFile: string | null = null;
    const preview = await imports.previewPath(org.id, where, {
      onProgress: (p) => {
        // One line per file (and every 50,000 rows) keeps a log readable when not on a terminal.
        if (process.stderr.isTTY) process.stderr.write(`\r${progressLine(p)}\u001b[K`);
        else if (p.file !== lastFile || p.rows % 50_000 === 0) err(progressLine(p));
        lastFile = p.file;
      },
    });
    if (process.stderr.isTTY) process.stderr.write('\n');

    if (preview.status !== 'previewed') {
      if (preview.message) err(preview.message);
      err(`${number(preview.problemCount)} ${preview.problemCount === 1 ? 'problem' : 'problems'}; nothing was written:`);
      for (const p of preview.problems) err(`${[p.file, p.line, p.field].filter((x) => x !== null && x !== '').join(':')}  ${p.message}`);
      return 1;
    }
    printReport(preview);
    if (!values.apply) {
      out();
      out(`Nothing has been written. Run again with --apply to apply these changes (import ${preview.id}).`);
      return 0;
    }
    const applied = await imports.applyAsCommand(org.id, preview.id);
    out();
    out(`Applied at ${applied.appliedAt} (import ${applied.id}).`);
    return 0;
  } finally {
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError || e instanceof ConfigError) {
      err(e.message);
      process.exit(2);
    }
    if (e instanceof AppError) {
      err(e.message);
      process.exit(1);
    }
    err(`The import failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);
