import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RosterImport, RosterKind } from '../../../../shared/roster-import.js';
import type { Ctx } from '../../../platform/auth/actor.js';
import { Permissions } from '../../../platform/authz.js';
import { adjustableClock } from '../../../platform/clock.js';
import { AppError } from '../../../platform/errors.js';
import { PERMISSION_TABLES } from '../../../app.js';
import { createTestDatabase, type TestDatabase } from '../../../testing/database.js';
import { makeOrganisation, makePerson, type TestOrg } from '../../../testing/factories.js';
import { buildRosterBundle, type RosterBundleOptions } from '../../../testing/oneroster-bundle.js';
import { createRosterImportService, type RosterImportService } from './import-service.js';

/**
 * R-ORG-3 end to end below HTTP: OneRoster bundles written from the 1.2 CSV binding
 * (testing/oneroster-bundle.ts), uploaded, previewed, applied, on a real PostgreSQL.
 */

const ROSTER_TABLES = ['sites', 'terms', 'cohorts', 'cohort_members', 'classes', 'class_staff', 'enrolments', 'users', 'role_assignments', 'guardianships'];

let database: TestDatabase;
let root: string;
let service: RosterImportService;
const clock = adjustableClock('2026-09-07T08:00:00Z', 'frozen');
let n = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  root = await mkdtemp(join(tmpdir(), 'continuum-roster-import-'));
  service = createRosterImportService({
    db: database.db,
    clock,
    permissions: new Permissions(PERMISSION_TABLES),
    dataDir: join(root, 'data'),
    uploadLimitBytes: 50 * 1024 * 1024,
  });
});
afterAll(async () => {
  await database.drop();
  await rm(root, { recursive: true, force: true });
});

async function school(): Promise<{ org: TestOrg; ctx: Ctx; adminEmail: string }> {
  const org = await makeOrganisation(database.db.system, { sites: 0 });
  const admin = await makePerson(database.db.system, org, { roles: ['admin'], site: null, email: `admin-${org.id.slice(0, 8)}@test.example` });
  const ctx: Ctx = {
    actor: { userId: admin.id, organisationId: org.id, roles: [{ role: 'admin', siteId: null }], sessionKey: 'test', csrfToken: 'test' },
    meta: { requestId: 'r-test', ip: null, userAgent: null },
  };
  return { org, ctx, adminEmail: admin.email };
}

function bundle(options: Omit<RosterBundleOptions, 'dir' | 'format'> & { format?: 'zip' | 'directory' } = {}) {
  n += 1;
  return buildRosterBundle({ dir: join(root, `bundle-${n}`), format: 'zip', ...options });
}

/** Every row of the roster tables with its xmin: any write at all, even of the same values, changes it. */
async function snapshot(organisationId: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of ROSTER_TABLES) {
    const { rows } = await database.db.systemPool.query(
      `select count(*)::int as n, md5(coalesce(string_agg(t.xmin::text || ':' || t::text, '|' order by t::text), '')) as h from ${table} t where organisation_id = $1`,
      [organisationId],
    );
    out[table] = `${rows[0].n}:${rows[0].h}`;
  }
  return out;
}

async function upload(ctx: Ctx, path: string): Promise<RosterImport> {
  const started = await service.upload(ctx, { kind: 'zip', stream: createReadStream(path) });
  // Reading goes on in the background; a small export may be read before upload() answers.
  expect(['reading', 'previewed', 'failed']).toContain(started.status);
  await service.whenRead(started.id);
  return service.get(ctx, started.id);
}

function counts(result: RosterImport): Partial<Record<RosterKind, [number, number, number]>> {
  return Object.fromEntries((result.report?.kinds ?? []).map((k) => [k.kind, [k.added, k.changed, k.ended]]));
}

const nothing = (result: RosterImport) => (result.report?.kinds ?? []).every((k) => k.added + k.changed + k.ended === 0);

async function count(sqlText: string, params: unknown[]): Promise<number> {
  const { rows } = await database.db.systemPool.query(sqlText, params);
  return Number(rows[0].n);
}

describe('importing a OneRoster bulk export', () => {
  let org: TestOrg;
  let ctx: Ctx;
  let path: string;
  let built: Awaited<ReturnType<typeof bundle>>;

  beforeAll(async () => {
    ({ org, ctx } = await school());
    built = await bundle({ learners: 60 });
    path = built.path;
  });

  it('R-ORG-3 previews what it will add, writing nothing until applied', async () => {
    const before = await snapshot(org.id);
    const preview = await upload(ctx, path);

    expect(preview.status).toBe('previewed');
    expect(preview.problems).toEqual([]);
    expect(counts(preview)).toMatchObject({
      sites: [1, 0, 0],
      terms: [3, 0, 0],
      yearGroups: [7, 0, 0],
      classes: [built.counts.classes, 0, 0],
      people: [built.counts.users, 0, 0],
      roles: [built.counts.roles, 0, 0],
      classStaff: [built.counts.classes, 0, 0],
      enrolments: [built.counts.enrollments - built.counts.classes, 0, 0],
      yearGroupPlaces: [60, 0, 0],
    });
    expect(preview.report?.kinds.find((k) => k.kind === 'people')?.examples.added.length).toBe(10);
    expect(preview.rows).toBeGreaterThan(built.counts.enrollments);
    expect(await snapshot(org.id)).toEqual(before);
  });

  it('R-ORG-3 applies the preview: sites, terms, classes, people, roles, parents and enrolments', async () => {
    const [latest] = (await service.list(ctx)).imports;
    const applied = await service.apply(ctx, latest!.id);

    expect(applied).toMatchObject({ status: 'applied', appliedAt: '2026-09-07T08:00:00.000Z', can: { apply: false, discard: false } });
    expect(await count('select count(*) as n from users where organisation_id = $1 and sourced_id is not null', [org.id])).toBe(built.counts.users);
    expect(await count('select count(*) as n from classes where organisation_id = $1 and sourced_id is not null', [org.id])).toBe(built.counts.classes);
    expect(await count("select count(*) as n from role_assignments r join sites s on s.organisation_id = r.organisation_id and s.id = r.site_id where r.organisation_id = $1 and r.role = 'learner' and s.sourced_id = $2", [org.id, built.ids.firstSchool])).toBe(60);
    expect(await count('select count(*) as n from guardianships where organisation_id = $1', [org.id])).toBeGreaterThanOrEqual(60);
    expect(await count("select count(*) as n from terms where organisation_id = $1 and name = 'Spring 2026' and start_date = '2026-01-05'", [org.id])).toBe(1);
    const firstClass = await database.db.systemPool.query(
      `select c.name, c.subject, c.kind, k.name as year from classes c join cohorts k on k.organisation_id = c.organisation_id and k.id = c.cohort_id where c.organisation_id = $1 and c.sourced_id = $2`,
      [org.id, built.ids.firstClass],
    );
    expect(firstClass.rows[0]).toEqual({ name: '7A/Ma', subject: 'Mathematics', kind: 'scheduled', year: 'Year 7' });
    const audit = await database.db.systemPool.query(`select actor_id, details from audit_events where organisation_id = $1 and action = 'organisation.roster.applied'`, [org.id]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].actor_id).toBe(ctx.actor.userId);
    expect(await readdir(join(root, 'data', 'roster-imports', org.id))).toEqual([]);
  });

  it('R-ORG-3 re-importing the same files finds nothing to change and writes nothing', async () => {
    const before = await snapshot(org.id);
    const again = await upload(ctx, path);

    expect(again.status).toBe('previewed');
    expect(nothing(again)).toBe(true);
    await service.apply(ctx, again.id);
    expect(await snapshot(org.id)).toEqual(before);
  });

  it('R-ORG-3 a changed file changes only what changed', async () => {
    const directory = await bundle({ learners: 60, format: 'directory' });
    const users = join(directory.path, 'users.csv');
    const text = await readFile(users, 'utf8');
    const line = text.split('\r\n').find((l) => l.startsWith(`${built.ids.firstLearner},`))!;
    // userIds holds a quoted comma, so familyName is the ninth comma-separated piece.
    const fields = line.split(',');
    await writeFile(users, text.replace(line, [...fields.slice(0, 8), 'Featherstonehaugh', ...fields.slice(9)].join(',')));
    const before = await snapshot(org.id);

    const started = await service.upload(ctx, { kind: 'files', files: (await readdir(directory.path)).map((name) => ({ filename: name, stream: createReadStream(join(directory.path, name)) })) });
    await service.whenRead(started.id);
    const preview = await service.get(ctx, started.id);
    expect(preview.status).toBe('previewed');
    expect(counts(preview).people).toEqual([0, 1, 0]);
    expect((preview.report?.kinds ?? []).filter((k) => k.added + k.changed + k.ended > 0).map((k) => k.kind)).toEqual(['people']);
    expect(preview.report?.kinds.find((k) => k.kind === 'people')?.examples.changed).toEqual([
      { key: built.ids.firstLearner, label: expect.stringContaining('Featherstonehaugh'), changes: [{ field: 'familyName', from: fields[8], to: 'Featherstonehaugh' }] },
    ]);

    await service.apply(ctx, started.id);
    const after = await snapshot(org.id);
    const changed = ROSTER_TABLES.filter((t) => after[t] !== before[t]);
    expect(changed).toEqual(['users']);
    expect(await count("select count(*) as n from users where organisation_id = $1 and family_name = 'Featherstonehaugh'", [org.id])).toBe(1);
  });

  it('R-ORG-3 a learner left out of a bulk export leaves, and their enrolments end today', async () => {
    const directory = await bundle({ learners: 60, format: 'directory' });
    const gone = built.ids.firstLearner;
    // The MIS no longer lists them as their parents' child…
    const usersPath = join(directory.path, 'users.csv');
    const users = (await readFile(usersPath, 'utf8')).split('\r\n');
    await writeFile(usersPath, users.map((l) => (l.startsWith('usr-guardian-') ? l.replace(new RegExp(`${gone},?`, 'g'), '') : l)).join('\r\n'));
    // …and has no row, role, enrollment or demographics for them.
    for (const file of ['users.csv', 'roles.csv', 'enrollments.csv', 'demographics.csv']) {
      const p = join(directory.path, file);
      const kept = (await readFile(p, 'utf8')).split('\r\n').filter((l) => !l.includes(`,${gone},`) && !l.startsWith(`${gone},`));
      await writeFile(p, kept.join('\r\n'));
    }

    const started = await service.upload(ctx, { kind: 'files', files: (await readdir(directory.path)).map((name) => ({ filename: name, stream: createReadStream(join(directory.path, name)) })) });
    await service.whenRead(started.id);
    const preview = await service.get(ctx, started.id);
    expect(preview.problems).toEqual([]);
    expect(counts(preview)).toMatchObject({ people: [0, 0, 1], enrolments: [0, 0, 9] });
    await service.apply(ctx, started.id);

    const left = await database.db.systemPool.query(`select left_at from users where organisation_id = $1 and sourced_id = $2`, [org.id, gone]);
    expect(left.rows[0].left_at).toEqual(new Date('2026-09-07T08:00:00Z'));
    expect(await count(`select count(*) as n from enrolments e join users u on u.organisation_id = e.organisation_id and u.id = e.learner_id where e.organisation_id = $1 and u.sourced_id = $2 and e.end_date = '2026-09-07'`, [org.id, gone])).toBe(9);
    // The record stays: a learner who left is kept, not deleted.
    expect(await count(`select count(*) as n from role_assignments r join users u on u.organisation_id = r.organisation_id and u.id = r.user_id where r.organisation_id = $1 and u.sourced_id = $2`, [org.id, gone])).toBe(1);
  });
});

describe('importing a OneRoster delta export', () => {
  it('R-ORG-3 ends the learners a delta marks tobedeleted and leaves everyone else alone', async () => {
    const { org, ctx } = await school();
    const first = await upload(ctx, (await bundle({ learners: 30 })).path);
    await service.apply(ctx, first.id);
    const delta = await bundle({ learners: 30, mode: 'delta', withdrawn: 2, files: { orgs: 'absent', academicSessions: 'absent', courses: 'absent', classes: 'absent', userProfiles: 'absent' } });

    const preview = await upload(ctx, delta.path);
    expect(preview.problems).toEqual([]);
    expect(counts(preview)).toMatchObject({ people: [0, 0, 2], enrolments: [0, 0, 18], yearGroupPlaces: [0, 0, 0] });
    // Their roles and links stay with their record: a learner who leaves is kept, not deleted.
    expect(counts(preview).roles ?? [0, 0, 0]).toEqual([0, 0, 0]);
    expect(counts(preview).classes).toBeUndefined();
    await service.apply(ctx, preview.id);
    expect(await count('select count(*) as n from users where organisation_id = $1 and left_at is not null', [org.id])).toBe(2);
  });

  it('R-ORG-3 refuses a delta that names a class neither the export nor Continuum has, writing nothing', async () => {
    const { org, ctx } = await school();
    const delta = await bundle({ learners: 10, mode: 'delta', files: { classes: 'absent', courses: 'absent' } });
    const before = await snapshot(org.id);

    const result = await upload(ctx, delta.path);
    expect(result.status).toBe('failed');
    expect(result.problems[0]).toMatchObject({ file: 'enrollments.csv', line: 2, field: 'classSourcedId', code: 'organisation.roster.unknown_reference' });
    expect(result.problems[0]?.message).toMatch(/^enrollments\.csv line 2: classSourcedId "cls-01-07-ma-1" is not in classes\.csv \(not in this export\) and Continuum has no record/);
    expect(await snapshot(org.id)).toEqual(before);
  });
});

describe('optional files', () => {
  it('R-ORG-3 imports an export without demographics and user profiles', async () => {
    const { org, ctx } = await school();
    const result = await upload(ctx, (await bundle({ learners: 20, files: { demographics: 'absent', userProfiles: 'absent' } })).path);
    expect(result.status).toBe('previewed');
    expect(result.report?.files.map((f) => f.name)).not.toContain('demographics.csv');
    await service.apply(ctx, result.id);
    expect(await count('select count(*) as n from users where organisation_id = $1 and sourced_id is not null and birth_date is null', [org.id])).toBeGreaterThan(20);
  });
});

describe('broken exports', () => {
  const cases: [string, RosterBundleOptions['breakages'], { file: string; code: string }][] = [
    ['malformed CSV', [{ kind: 'malformedRow' }], { file: 'users.csv', code: 'organisation.roster.malformed_row' }],
    ['a missing required column', [{ kind: 'missingColumn', file: 'classes', column: 'classType' }], { file: 'classes.csv', code: 'organisation.roster.missing_column' }],
    ['an unknown reference', [{ kind: 'unknownClass' }], { file: 'enrollments.csv', code: 'organisation.roster.unknown_reference' }],
    ['a duplicate id', [{ kind: 'duplicateUserId' }], { file: 'users.csv', code: 'organisation.roster.duplicate_id' }],
    ['a term ending before it starts', [{ kind: 'endBeforeStart' }], { file: 'academicSessions.csv', code: 'organisation.roster.bad_date_range' }],
    ['a date not on the calendar', [{ kind: 'impossibleDate' }], { file: 'academicSessions.csv', code: 'organisation.roster.bad_date' }],
  ];
  for (const [name, breakages, where] of cases) {
    it(`R-ORG-3 reports ${name} row by row and writes nothing`, async () => {
      const { org, ctx } = await school();
      const built = await bundle({ learners: 20, breakages });
      const before = await snapshot(org.id);

      const result = await upload(ctx, built.path);
      expect(result.status).toBe('failed');
      expect(result.can).toEqual({ apply: false, discard: true });
      expect(result.problems).toEqual([expect.objectContaining({ ...where, line: built.sites[0]?.line ?? null })]);
      expect(result.problemCount).toBe(1);
      expect(await snapshot(org.id)).toEqual(before);
      await expect(service.apply(ctx, result.id)).rejects.toMatchObject({ code: 'organisation.roster.not_previewed' });
    });
  }
});

describe('applying', () => {
  it('R-ORG-3 applies in one transaction: a failure part way writes nothing', async () => {
    const { org, ctx } = await school();
    const preview = await upload(ctx, (await bundle({ learners: 20 })).path);
    const before = await snapshot(org.id);
    // Enrolments are written near the end, after sites, classes, people and roles.
    await database.db.systemPool.query(`create function refuse_enrolment() returns trigger language plpgsql as $$ begin raise exception 'disk full'; end $$`);
    await database.db.systemPool.query(`create trigger refuse_enrolment before insert on enrolments for each statement execute function refuse_enrolment()`);
    try {
      await expect(service.apply(ctx, preview.id)).rejects.toThrow(/disk full/);
    } finally {
      await database.db.systemPool.query('drop trigger refuse_enrolment on enrolments; drop function refuse_enrolment()');
    }
    expect(await snapshot(org.id)).toEqual(before);
    expect((await service.get(ctx, preview.id)).status).toBe('previewed');

    const applied = await service.apply(ctx, preview.id);
    expect(applied.status).toBe('applied');
  });

  it('R-ORG-3 refuses to apply a preview the records have moved on from, and shows the new one', async () => {
    const { org, ctx } = await school();
    const built = await bundle({ learners: 20 });
    await service.apply(ctx, (await upload(ctx, built.path)).id);
    const preview = await upload(ctx, built.path);
    expect(nothing(preview)).toBe(true);
    // Meanwhile someone renames a class by hand.
    await database.db.systemPool.query(`update classes set name = 'Renamed' where organisation_id = $1 and sourced_id = $2`, [org.id, built.ids.firstClass]);
    const before = await snapshot(org.id);

    const refused = await service.apply(ctx, preview.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'organisation.roster.preview_outdated', status: 409 });
    expect(await snapshot(org.id)).toEqual(before);
    const fresh = await service.get(ctx, preview.id);
    expect(counts(fresh).classes).toEqual([0, 1, 0]);

    await service.apply(ctx, preview.id);
    expect(await count(`select count(*) as n from classes where organisation_id = $1 and name = 'Renamed'`, [org.id])).toBe(0);
  });

  it('R-ORG-3 discards an import: its files go and it can no longer be applied', async () => {
    const { org, ctx } = await school();
    const preview = await upload(ctx, (await bundle({ learners: 5 })).path);
    expect(await readdir(join(root, 'data', 'roster-imports', org.id))).toEqual([preview.id]);

    const discarded = await service.discard(ctx, preview.id);
    expect(discarded).toMatchObject({ status: 'discarded', can: { apply: false, discard: false } });
    expect(await readdir(join(root, 'data', 'roster-imports', org.id))).toEqual([]);
    await expect(service.apply(ctx, preview.id)).rejects.toMatchObject({ code: 'organisation.roster.not_previewed' });
  });
});

describe('people already in Continuum', () => {
  it('R-ORG-3 matches someone added by hand by their e-mail, and never takes an administrator’s role away', async () => {
    const { org, ctx } = await school();
    const built = await bundle({ learners: 10 });
    // The data manager was given an account before the first import; the MIS calls them a site administrator.
    const manager = await makePerson(database.db.system, org, { roles: ['admin', 'dsl'], site: null, email: 'data.manager1@northfield.sch.uk' });

    const preview = await upload(ctx, built.path);
    const people = preview.report?.kinds.find((k) => k.kind === 'people');
    expect(people?.added).toBe(built.counts.users - 1);
    expect(people?.changed).toBe(1);
    expect(people?.examples.changed[0]?.changes).toEqual(expect.arrayContaining([{ field: 'sourcedId', from: null, to: 'usr-staff-01-dm' }]));
    await service.apply(ctx, preview.id);
    const roles = await database.db.systemPool.query(`select role from role_assignments where organisation_id = $1 and user_id = $2 order by role`, [org.id, manager.id]);
    // The MIS's siteAdministrator role is added at the school; their own admin and DSL roles stay.
    expect(roles.rows.map((r) => r.role)).toEqual(['admin', 'admin', 'dsl']);
    // The admin who ran the import is not in the MIS export and keeps their role.
    expect(await count(`select count(*) as n from role_assignments where organisation_id = $1 and user_id = $2 and role = 'admin'`, [org.id, ctx.actor.userId])).toBe(1);
  });

  it('R-ORG-3 refuses an export that gives a learner an address someone else in Continuum already has', async () => {
    const { org, ctx, adminEmail } = await school();
    const built = await bundle({ learners: 3, format: 'directory' });
    await service.apply(ctx, (await upload(ctx, (await bundle({ learners: 3 })).path)).id);
    const users = join(built.path, 'users.csv');
    const text = await readFile(users, 'utf8');
    await writeFile(users, text.replace(/,[a-z.0-9]+@students\.northfield\.sch\.uk,/, `,${adminEmail},`));
    const before = await snapshot(org.id);

    const started = await service.upload(ctx, { kind: 'files', files: (await readdir(built.path)).map((name) => ({ filename: name, stream: createReadStream(join(built.path, name)) })) });
    await service.whenRead(started.id);
    const result = await service.get(ctx, started.id);
    expect(result.status).toBe('failed');
    expect(result.problems).toEqual([expect.objectContaining({ file: 'users.csv', field: 'email', code: 'organisation.roster.email_taken' })]);
    expect(await snapshot(org.id)).toEqual(before);
  });
});
