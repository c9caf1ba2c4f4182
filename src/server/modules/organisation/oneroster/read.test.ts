import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRosterBundle, type RosterBundleOptions } from '../../../testing/oneroster-bundle.js';
import { readRoster, type RosterProgress } from './read.js';

let root: string;
let n = 0;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'continuum-oneroster-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A fresh bundle in its own folder under the test's temporary directory. */
function build(options: Omit<RosterBundleOptions, 'dir'>) {
  n += 1;
  return buildRosterBundle({ dir: join(root, `bundle-${n}`), ...options });
}

describe.each(['directory', 'zip'] as const)('readRoster from a %s', (format) => {
  it('R-ORG-3 reads a complete bulk export of a trust and its school with nothing to fix', async () => {
    const built = await build({ format, learners: 70 });
    const { bundle, problems } = await readRoster(built.source);

    expect(problems).toEqual([]);
    expect(bundle).not.toBeNull();
    if (bundle === null) return;
    expect(bundle.manifest.oneRosterVersion).toBe('1.2');
    expect(bundle.manifest.files.users).toBe('bulk');
    expect(bundle.manifest.files.lineItems).toBe('absent');
    expect(bundle.manifest.source).toEqual({ systemName: 'Northfield MIS', systemCode: 'northfield-mis' });
    expect(bundle.orgs).toHaveLength(built.counts.orgs);
    expect(bundle.academicSessions).toHaveLength(4);
    expect(bundle.courses).toHaveLength(built.counts.courses);
    expect(bundle.classes).toHaveLength(built.counts.classes);
    expect(bundle.users).toHaveLength(built.counts.users);
    expect(bundle.roles).toHaveLength(built.counts.roles);
    expect(bundle.userProfiles).toHaveLength(built.counts.userProfiles);
    expect(bundle.enrollments).toHaveLength(built.counts.enrollments);
    expect(bundle.demographics).toHaveLength(70);
    expect(bundle.externalReferences).toEqual([]);

    const learner = bundle.users.find((u) => u.sourcedId === built.ids.firstLearner);
    expect(learner).toMatchObject({ status: null, enabledUser: true, grades: ['07'], primaryOrgSourcedId: built.ids.firstSchool });
    // Only what the import uses is kept: identifiers, passwords and phone numbers are checked, then dropped.
    for (const dropped of ['userIds', 'password', 'phone', 'dateLastModified']) expect(learner).not.toHaveProperty(dropped);
    expect(learner?.agentSourcedIds.length).toBeGreaterThan(0);
    const parent = bundle.users.find((u) => u.sourcedId === learner?.agentSourcedIds[0]);
    expect(parent?.agentSourcedIds).toContain(built.ids.firstLearner);
    expect(bundle.roles.find((r) => r.userSourcedId === parent?.sourcedId)?.role).toBe('parent');

    const spring = bundle.academicSessions.find((s) => s.sourcedId === built.ids.springTerm);
    expect(spring).toMatchObject({ line: 4, type: 'term', startDate: '2026-01-05', endDate: '2026-03-27', parentSourcedId: 'as-2025-26', schoolYear: '2026' });
    const dt = bundle.courses.find((c) => c.title === 'Year 7 Design, Engineering and Technology');
    expect(dt?.subjects).toEqual(['Design and Technology']);
    const firstClass = bundle.classes.find((c) => c.sourcedId === built.ids.firstClass);
    expect(firstClass).toMatchObject({ line: 2, classType: 'scheduled', grades: ['07'], termSourcedIds: ['as-2025-26-autumn', 'as-2025-26-spring', 'as-2025-26-summer'] });
    expect(bundle.enrollments.filter((e) => e.classSourcedId === built.ids.firstClass && e.role === 'teacher')).toEqual([
      expect.objectContaining({ primary: true }),
    ]);
  });

  it('R-ORG-3 accepts an export without demographics and user profiles when the manifest marks them absent', async () => {
    const built = await build({ format, files: { demographics: 'absent', userProfiles: 'absent' } });
    const { bundle, problems } = await readRoster(built.source);

    expect(problems).toEqual([]);
    expect(bundle?.manifest.files.demographics).toBe('absent');
    expect(bundle?.demographics).toEqual([]);
    expect(bundle?.userProfiles).toEqual([]);
    expect(bundle?.users).toHaveLength(built.counts.users);
  });

  it('R-ORG-3 reads a delta export and lists the classes and schools it leaves to the database', async () => {
    const built = await build({
      format,
      mode: 'delta',
      withdrawn: 2,
      files: { orgs: 'absent', academicSessions: 'absent', courses: 'absent', classes: 'absent', userProfiles: 'absent' },
    });
    const { bundle, problems } = await readRoster(built.source);

    expect(problems).toEqual([]);
    if (bundle === null) throw new Error('expected a bundle');
    expect(bundle.manifest.files.users).toBe('delta');
    expect(bundle.users.every((u) => u.status === 'active' || u.status === 'tobedeleted')).toBe(true);
    expect(bundle.users.filter((u) => u.status === 'tobedeleted').map((u) => u.sourcedId)).toHaveLength(2);
    expect(bundle.enrollments.some((e) => e.status === 'tobedeleted')).toBe(true);

    const refs = bundle.externalReferences;
    const classRefs = refs.filter((r) => r.target === 'classes');
    expect(classRefs).toHaveLength(built.counts.enrollments);
    expect(classRefs[0]).toEqual({ file: 'enrollments.csv', line: 2, field: 'classSourcedId', target: 'classes', sourcedId: built.ids.firstClass });
    expect(new Set(refs.filter((r) => r.target === 'orgs').map((r) => r.sourcedId))).toEqual(new Set([built.ids.firstSchool]));
    // Users are in this delta, so links to them are settled here, not left to the database.
    expect(refs.some((r) => r.target === 'users')).toBe(false);
  });

  it('R-ORG-3 points at the users.csv line whose row has an unquoted comma', async () => {
    const built = await build({ format, breakages: [{ kind: 'malformedRow' }] });
    const site = built.sites[0];
    const { bundle, problems } = await readRoster(built.source);

    expect(bundle).toBeNull();
    expect(problems).toEqual([
      expect.objectContaining({ file: 'users.csv', line: site?.line, field: null, code: 'organisation.roster.malformed_row' }),
    ]);
    expect(problems[0]?.message).toBe(`users.csv line ${site?.line}: this row has 23 fields but the header has 22; a value containing a comma must be in double quotes.`);
  });

  it('R-ORG-3 names the column missing from the header rather than failing every row', async () => {
    const built = await build({ format, breakages: [{ kind: 'missingColumn', file: 'enrollments', column: 'role' }] });
    const { bundle, problems } = await readRoster(built.source);

    expect(bundle).toBeNull();
    expect(problems).toEqual([
      {
        file: 'enrollments.csv',
        line: 1,
        field: 'role',
        code: 'organisation.roster.missing_column',
        message: 'enrollments.csv line 1: the header has no role column, which OneRoster 1.2 requires in enrollments.csv.',
      },
    ]);
  });

  it('R-ORG-3 reports an enrollment in a class the export does not contain', async () => {
    const built = await build({ format, breakages: [{ kind: 'unknownClass' }] });
    const site = built.sites[0];
    const { bundle, problems } = await readRoster(built.source);

    expect(bundle).toBeNull();
    expect(problems).toEqual([
      {
        file: 'enrollments.csv',
        line: site?.line,
        field: 'classSourcedId',
        code: 'organisation.roster.unknown_reference',
        message: `enrollments.csv line ${site?.line}: classSourcedId "cls-not-in-export" is not in classes.csv.`,
      },
    ]);
  });

  it('R-ORG-3 reports a learner exported twice, naming both lines', async () => {
    const built = await build({ format, breakages: [{ kind: 'duplicateUserId' }] });
    const site = built.sites[0];
    const { bundle, problems } = await readRoster(built.source);

    expect(bundle).toBeNull();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'users.csv', line: site?.line, field: 'sourcedId', code: 'organisation.roster.duplicate_id' });
    expect(problems[0]?.message).toMatch(new RegExp(`^users\\.csv line ${site?.line}: sourcedId "${built.ids.firstLearner}" is already used on line \\d+;`));
  });

  it('R-ORG-3 reports a term that ends before it starts', async () => {
    const built = await build({ format, breakages: [{ kind: 'endBeforeStart' }] });
    const { bundle, problems } = await readRoster(built.source);

    expect(bundle).toBeNull();
    expect(problems).toEqual([
      {
        file: 'academicSessions.csv',
        line: 4,
        field: 'endDate',
        code: 'organisation.roster.bad_date_range',
        message: 'academicSessions.csv line 4: endDate "2025-03-27" is before startDate "2026-01-05".',
      },
    ]);
  });

  it('R-ORG-3 reports a date that is not on the calendar (31 June)', async () => {
    const built = await build({ format, breakages: [{ kind: 'impossibleDate' }] });
    const { bundle, problems } = await readRoster(built.source);

    expect(bundle).toBeNull();
    expect(problems).toEqual([
      {
        file: 'academicSessions.csv',
        line: 5,
        field: 'endDate',
        code: 'organisation.roster.bad_date',
        message: 'academicSessions.csv line 5: endDate "2026-06-31" is not a day on the calendar.',
      },
    ]);
  });

  it('R-ORG-3 says a learner\'s "Y7" is not a grade code and suggests 07', async () => {
    const built = await build({ format, breakages: [{ kind: 'badGrade' }] });
    const site = built.sites[0];
    const { problems } = await readRoster(built.source);

    expect(problems).toEqual([
      {
        file: 'users.csv',
        line: site?.line,
        field: 'grades',
        code: 'organisation.roster.bad_value',
        message: `users.csv line ${site?.line}: grades "Y7" is not a grade code; use 2-digit codes such as 07.`,
      },
    ]);
  });

  it('R-ORG-3 reports a file the manifest lists but the export left out', async () => {
    const built = await build({ format, breakages: [{ kind: 'manifestNamesMissingFile', file: 'classes' }] });
    const { bundle, problems } = await readRoster(built.source);

    expect(bundle).toBeNull();
    expect(problems).toEqual([
      {
        file: 'classes.csv',
        line: null,
        field: null,
        code: 'organisation.roster.missing_file',
        message: 'classes.csv is not in the bundle, but manifest.csv lists file.classes as bulk; add the file or mark it absent.',
      },
    ]);
  });

  it('R-ORG-3 refuses a OneRoster 1.1 export before reading any file', async () => {
    const built = await build({ format, breakages: [{ kind: 'oneRosterVersion', version: '1.1' }] });
    const { bundle, problems } = await readRoster(built.source);

    expect(bundle).toBeNull();
    expect(problems).toEqual([
      {
        file: 'manifest.csv',
        line: 3,
        field: 'oneroster.version',
        code: 'organisation.roster.bad_manifest',
        message: 'manifest.csv line 3: oneroster.version "1.1" is not 1.2; export OneRoster 1.2 from the MIS.',
      },
    ]);
  });

  it('R-ORG-3 says a spreadsheet saved as users.csv is not CSV', async () => {
    const built = await build({ format, breakages: [{ kind: 'notCsv', file: 'users' }] });
    const { bundle, problems } = await readRoster(built.source);

    expect(bundle).toBeNull();
    expect(problems).toEqual([
      {
        file: 'users.csv',
        line: null,
        field: null,
        code: 'organisation.roster.not_csv',
        message: 'users.csv is not a CSV text file (it holds binary data); export it from the MIS as CSV (UTF-8).',
      },
    ]);
  });

  it('R-ORG-3 reports every fault in one pass, not just the first', async () => {
    const built = await build({
      format,
      breakages: [{ kind: 'badGrade' }, { kind: 'unknownClass' }, { kind: 'endBeforeStart' }, { kind: 'duplicateUserId' }],
    });
    const { problems } = await readRoster(built.source);

    expect(problems.map((p) => p.code).sort()).toEqual([
      'organisation.roster.bad_date_range',
      'organisation.roster.bad_value',
      'organisation.roster.duplicate_id',
      'organisation.roster.unknown_reference',
    ]);
  });
});

describe('readRoster', () => {
  it('R-ORG-3 reports progress through each file with the rows read rising', async () => {
    const built = await build({ format: 'zip', learners: 400 });
    const seen: RosterProgress[] = [];
    const { problems } = await readRoster(built.source, { onProgress: (p) => seen.push(p) });

    expect(problems).toEqual([]);
    const enrollments = seen.filter((p) => p.file === 'enrollments.csv');
    expect(enrollments.length).toBeGreaterThan(2);
    enrollments.slice(1).forEach((p, i) => expect(p.rows).toBeGreaterThan(enrollments[i]?.rows ?? Infinity));
    expect(enrollments.at(-1)?.rows).toBe(built.counts.enrollments);
    seen.slice(1).forEach((p, i) => expect(p.bytesRead).toBeGreaterThanOrEqual(seen[i]?.bytesRead ?? Infinity));
    const last = seen.at(-1);
    expect(last?.bytesRead).toBe(last?.totalBytes);
  });

  it('R-ORG-3 ignores a file the manifest marks absent, even a broken one', async () => {
    const built = await build({ format: 'directory', files: { demographics: 'absent' } });
    await writeFile(join(built.path, 'demographics.csv'), 'this is not,a roster\n"unclosed');
    const { bundle, problems } = await readRoster(built.source);

    expect(problems).toEqual([]);
    expect(bundle?.demographics).toEqual([]);
  });

  it('R-ORG-3 requires status and dateLastModified in a delta file, and stops listing after 500 problems', async () => {
    const built = await build({ format: 'directory', learners: 300 });
    const manifest = join(built.path, 'manifest.csv');
    await writeFile(manifest, (await readFile(manifest, 'utf8')).replace('file.users,bulk', 'file.users,delta'));
    const { bundle, problems } = await readRoster(built.source);

    expect(bundle).toBeNull();
    expect(built.counts.users * 2).toBeGreaterThan(500);
    expect(problems).toHaveLength(501);
    expect(problems[0]).toEqual({
      file: 'users.csv',
      line: 2,
      field: 'status',
      code: 'organisation.roster.missing_value',
      message: 'users.csv line 2: status is blank; in a delta file every record needs status active or tobedeleted.',
    });
    expect(problems[500]).toEqual({
      file: '',
      line: null,
      field: null,
      code: 'organisation.roster.too_many_problems',
      message: `and ${built.counts.users * 2 - 500} more problems not listed; fix these and import again to see them.`,
    });
  });

  it('R-ORG-3 flags a misspelt optional column instead of silently dropping guardian links', async () => {
    const built = await build({ format: 'directory' });
    const users = join(built.path, 'users.csv');
    await writeFile(users, (await readFile(users, 'utf8')).replace(',agentSourcedIds,', ',agentSourceIds,'));
    const { bundle, problems } = await readRoster(built.source);

    expect(bundle).toBeNull();
    expect(problems).toEqual([
      {
        file: 'users.csv',
        line: 1,
        field: 'agentSourceIds',
        code: 'organisation.roster.unknown_column',
        message: 'users.csv line 1: agentSourceIds is not a OneRoster 1.2 column of users.csv; did you mean agentSourcedIds? Extra columns must start with metadata.',
      },
    ]);
  });

  it('R-ORG-3 accepts metadata. extension columns and the resourceSourcedIds some exporters add', async () => {
    const built = await build({ format: 'directory', learners: 5 });
    const users = join(built.path, 'users.csv');
    const text = (await readFile(users, 'utf8'))
      .split('\r\n')
      .map((line, i) => (line === '' ? line : i === 0 ? `${line},resourceSourcedIds,metadata.uk.fsm` : `${line},,true`))
      .join('\r\n');
    await writeFile(users, text);
    const { bundle, problems } = await readRoster(built.source);

    expect(problems).toEqual([]);
    expect(bundle?.users).toHaveLength(built.counts.users);
  });

  it('R-ORG-3 reads files handed over one by one, as from an upload form', async () => {
    const built = await build({ format: 'directory', files: { demographics: 'absent', userProfiles: 'absent' } });
    const names = ['manifest.csv', 'orgs.csv', 'academicSessions.csv', 'courses.csv', 'classes.csv', 'users.csv', 'roles.csv', 'enrollments.csv'];
    const { bundle, problems } = await readRoster({ kind: 'files', files: names.map((name) => ({ name, path: join(built.path, name) })) });

    expect(problems).toEqual([]);
    expect(bundle?.users).toHaveLength(built.counts.users);
  });

  it('R-ORG-3 says when manifest.csv is missing from the export', async () => {
    const built = await build({ format: 'directory' });
    await rm(join(built.path, 'manifest.csv'));
    const { bundle, problems } = await readRoster(built.source);

    expect(bundle).toBeNull();
    expect(problems).toEqual([
      {
        file: 'manifest.csv',
        line: null,
        field: null,
        code: 'organisation.roster.missing_file',
        message: 'manifest.csv is not in the bundle; a OneRoster export always includes it.',
      },
    ]);
  });

  it('R-ORG-3 says when the upload is not a zip at all', async () => {
    const path = join(root, 'not-a-zip.zip');
    await writeFile(path, 'sourcedId,status\n');
    const { bundle, problems } = await readRoster({ kind: 'zip', path });

    expect(bundle).toBeNull();
    expect(problems).toEqual([
      expect.objectContaining({ file: 'not-a-zip.zip', line: null, code: 'organisation.roster.bad_archive' }),
    ]);
  });

  it('R-ORG-3 does not blame enrollments for a learner whose own row is faulty', async () => {
    const built = await build({ format: 'directory', breakages: [{ kind: 'malformedRow' }, { kind: 'badGrade' }] });
    const { problems } = await readRoster(built.source);

    // One problem for the malformed row; the learner's enrollments, role and demographics still resolve.
    expect(problems.map((p) => p.code)).toEqual(['organisation.roster.malformed_row']);
  });
});
