import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../testing/database.js';
import { makeOrganisation, type TestOrg } from '../../../testing/factories.js';
import { buildRosterBundle } from '../../../testing/oneroster-bundle.js';

/** R-ORG-3: `npm run import:oneroster -- <path>`, run as a real process against a real database. */

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../../../..');

let database: TestDatabase;
let root: string;
let org: TestOrg;

beforeAll(async () => {
  database = await createTestDatabase();
  root = await mkdtemp(path.join(tmpdir(), 'continuum-roster-command-'));
  org = await makeOrganisation(database.db.system, { sites: 0, name: 'Command Line Academy' });
  await makeOrganisation(database.db.system, { sites: 0, name: 'Another School' });
});
afterAll(async () => {
  await database.drop();
  await rm(root, { recursive: true, force: true });
});

function importOneRoster(args: string[]) {
  return run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'import-oneroster.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: database.url, DATA_DIR: path.join(root, 'data'), LOG_LEVEL: 'silent' },
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

async function people(): Promise<number> {
  const { rows } = await database.db.systemPool.query('select count(*)::int as n from users where organisation_id = $1', [org.id]);
  return rows[0].n as number;
}

describe('npm run import:oneroster', () => {
  it('R-ORG-3 previews without writing, applies with --apply, and reports problems as file:line:field', async () => {
    const built = await buildRosterBundle({ dir: path.join(root, 'good'), format: 'zip', learners: 15 });

    const ambiguous = await importOneRoster([built.path]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('choose one with --organisation');

    const preview = await importOneRoster([built.path, '--organisation', 'command line academy']);
    expect(preview.code).toBe(0);
    expect(preview.stderr).toMatch(/Reading users\.csv: \d+ rows/);
    expect(preview.stdout).toContain(`People: ${built.counts.users} to add, 0 to change, 0 to end`);
    expect(preview.stdout).toContain('Nothing has been written.');
    expect(await people()).toBe(0);

    const applied = await importOneRoster([built.path, '--organisation', org.id, '--apply']);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/Applied at /);
    expect(await people()).toBe(built.counts.users);

    const broken = await buildRosterBundle({ dir: path.join(root, 'broken'), format: 'directory', learners: 15, breakages: [{ kind: 'badGrade' }] });
    const refused = await importOneRoster([broken.path, '--organisation', org.id, '--apply']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`users.csv:${broken.sites[0]?.line}:grades  users.csv line ${broken.sites[0]?.line}: grades "Y7" is not a grade code`);
    expect(await people()).toBe(built.counts.users);
  }, 60_000);
});
