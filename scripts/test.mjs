// `npm test`: every suite. Unit and embedded-PostgreSQL suites always run; the external-PostgreSQL
// suite runs when TEST_EXTERNAL_DATABASE_URL is set and the browser suite when Chromium is
// installed. On a developer machine a missing one is skipped and said so; in CI (CI=true) a
// suite that would skip fails the run instead. TEST_SUITES=unit,db-embedded runs only those.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, ensureInstalled, ensureWebBuilt, run } from './prepare.mjs';

const say = (m) => process.stdout.write(`${m}\n`);
const ci = process.env.CI === 'true' || process.env.CI === '1';
ensureInstalled(say);

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const all = ['unit', 'db-embedded', 'db-external', 'e2e'];
const wanted = process.env.TEST_SUITES ? process.env.TEST_SUITES.split(',').map((s) => s.trim()) : all;
const unknown = wanted.filter((s) => !all.includes(s));
if (unknown.length) {
  say(`Unknown suite(s): ${unknown.join(', ')}. Known: ${all.join(', ')}.`);
  process.exit(2);
}
const skipped = [];
const suites = wanted.filter((s) => {
  if (s === 'db-external' && !process.env.TEST_EXTERNAL_DATABASE_URL) {
    skipped.push(`db-external: TEST_EXTERNAL_DATABASE_URL is not set (an external PostgreSQL admin URL; .ci/run sets one up)`);
    return false;
  }
  if (s === 'e2e' && !existsSync(chromium)) {
    skipped.push(`e2e: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`);
    return false;
  }
  return true;
});

say('Type-checking…');
run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']);
if (existsSync(path.join(ROOT, 'tsconfig.web.json'))) {
  run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.web.json']);
}
say('Linting…');
run(process.execPath, [path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--max-warnings=0', '.']);
if (suites.includes('e2e')) ensureWebBuilt(say);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'continuum-vitest-'));
const report = path.join(tmp, 'report.json');
say(`Running suites: ${suites.join(', ')}`);
const r = spawnSync(
  process.execPath,
  [
    path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
    'run',
    ...suites.flatMap((s) => ['--project', s]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ],
  { cwd: ROOT, stdio: 'inherit', env: { ...process.env, CHROMIUM_PATH: chromium } },
);

let passed = 0;
let failed = 0;
let pending = 0;
if (existsSync(report)) {
  const j = JSON.parse(readFileSync(report, 'utf8'));
  passed = j.numPassedTests;
  failed = j.numFailedTests;
  pending = j.numPendingTests + (j.numTodoTests ?? 0);
  // A file that failed to load counts as a failure even when it reported no test.
  failed += j.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
}
rmSync(tmp, { recursive: true, force: true });

say('');
for (const s of skipped) say(`SKIPPED suite ${s}`);
let code = r.status === 0 && failed === 0 ? 0 : 1;
if (skipped.length && ci) {
  say('CI=true: a suite that would skip is a failure.');
  code = 1;
}
if (passed === 0 && failed === 0) {
  say('No test ran.');
  code = 1;
}
say(`${passed} passed, ${failed} failed, ${pending + skipped.length} skipped`);
process.exit(code);
