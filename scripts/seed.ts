// `npm run seed [-- --size small|large]`: loads demo data into the database `npm start` uses
// (DATABASE_URL when set, otherwise the embedded PostgreSQL in the data directory).
//   small (default): the demo school and training provider, when the database is empty.
//   large: a trust of 20 schools and 20,000 learners with their carers, staff, classes and
//          timetables, for benchmarks. Built once; if it is there already, nothing is written.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/server/config.js';
import { DEMO_PASSWORD, loadDemoDataIfEmpty } from '../src/server/demo/index.js';
import { TRUST_NAME, generateTrust } from '../src/server/demo/trust.js';
import type { Db } from '../src/server/platform/db/client.js';
import { adjustableClock, systemClock } from '../src/server/platform/clock.js';
import { connectDatabase } from '../src/server/platform/db/connect.js';

const say = (m: string) => process.stdout.write(`${m}\n`);
const { values } = parseArgs({
  options: { size: { type: 'string', default: 'small' }, schools: { type: 'string' }, learners: { type: 'string' } },
  allowPositionals: false,
});
if (values.size !== 'small' && values.size !== 'large') {
  process.stderr.write('Usage: npm run seed -- [--size small|large] [--schools N --learners N]\n');
  process.exit(2);
}

const config = loadConfig();
if (!config.databaseUrl) {
  const pidFile = path.join(config.dataDir, 'postgres', 'postmaster.pid');
  const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : 0;
  let alive = false;
  try {
    alive = pid > 0 && process.kill(pid, 0);
  } catch {
    alive = false;
  }
  if (alive) {
    process.stderr.write(`The embedded database is in use by a running server (postgres pid ${pid}). Stop it first, or set DATABASE_URL.\n`);
    process.exit(1);
  }
}

const started = performance.now();
const database = await connectDatabase(config, say);
const clock = config.clock ? adjustableClock(config.clock.start, config.clock.mode) : systemClock;
try {
  if (values.size === 'small') {
    const loaded = await loadDemoDataIfEmpty(database.db, clock);
    say(loaded ? 'Loaded the demo school and training provider.' : 'The database already has organisations; the demo was not loaded again.');
  } else {
    const schools = Number(values.schools ?? 20);
    const learners = Number(values.learners ?? 20_000);
    const outcome = await database.db.system.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(727003)`);
      const existing = await tx.execute(sql`select id from organisations where name = ${TRUST_NAME}`);
      if (existing.rows.length > 0) return null;
      return generateTrust(tx as unknown as Db, clock.now(), {
        schools,
        learners,
        password: DEMO_PASSWORD,
        onProgress: (table, rows) => say(`  ${table}: ${rows.toLocaleString('en-GB')} rows`),
      });
    });
    if (!outcome) {
      say(`${TRUST_NAME} is already in this database; nothing was written.`);
    } else {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      say(`Built ${TRUST_NAME}: ${schools} schools, ${learners.toLocaleString('en-GB')} learners, ${outcome.people.toLocaleString('en-GB')} people, ${outcome.rows.toLocaleString('en-GB')} rows in ${seconds} s.`);
      for (const l of outcome.logins) say(`  ${l.role}: ${l.email} (password ${DEMO_PASSWORD})`);
      say('  Learners and carers have e-mail addresses but no passwords: they are for benchmarks, not sign-in.');
    }
  }
} finally {
  await database.stop();
}
say(`Took ${((performance.now() - started) / 1000).toFixed(1)} s; peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB.`);
