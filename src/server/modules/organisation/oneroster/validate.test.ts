import { describe, expect, it } from 'vitest';
import { MANIFEST_FILE_NAMES, type FileMode, type Manifest, type ManifestFileName } from './manifest.js';
import type { ClassRecord, EnrollmentRecord } from './compact.js';
import { validateRoster, type RosterRecords } from './validate.js';

function manifest(files: Partial<Record<ManifestFileName, FileMode>>): Manifest {
  const all = Object.fromEntries(MANIFEST_FILE_NAMES.map((n) => [n, 'absent'])) as Record<ManifestFileName, FileMode>;
  return { manifestVersion: '1.0', oneRosterVersion: '1.2', files: { ...all, ...files }, source: { systemName: null, systemCode: null } };
}

function empty(): RosterRecords {
  return { orgs: [], academicSessions: [], courses: [], classes: [], users: [], roles: [], userProfiles: [], enrollments: [], demographics: [] };
}

function enrollment(over: Partial<EnrollmentRecord>): EnrollmentRecord {
  return {
    line: 2, sourcedId: 'e1', status: 'active', classSourcedId: 'c1', schoolSourcedId: 's1',
    userSourcedId: 'u1', role: 'student', primary: false, beginDate: null, endDate: null, ...over,
  };
}

function rosterClass(over: Partial<ClassRecord>): ClassRecord {
  return {
    line: 2, sourcedId: 'c1', status: 'active', title: '7A/Ma', grades: ['07'],
    courseSourcedId: 'k1', classType: 'scheduled', schoolSourcedId: 's1', termSourcedIds: ['t1'],
    subjects: [], ...over,
  };
}

describe('validateRoster', () => {
  it('R-ORG-3 leaves references into delta or absent files for the database to settle', () => {
    const records = { ...empty(), enrollments: [enrollment({})] };
    const { problems, externalReferences } = validateRoster(manifest({ enrollments: 'delta', classes: 'delta' }), records);

    expect(problems).toEqual([]);
    expect(externalReferences).toEqual([
      { file: 'enrollments.csv', line: 2, field: 'userSourcedId', target: 'users', sourcedId: 'u1' },
      { file: 'enrollments.csv', line: 2, field: 'classSourcedId', target: 'classes', sourcedId: 'c1' },
      { file: 'enrollments.csv', line: 2, field: 'schoolSourcedId', target: 'orgs', sourcedId: 's1' },
    ]);
  });

  it('R-ORG-3 refuses a reference a bulk file should hold but does not', () => {
    const records = { ...empty(), enrollments: [enrollment({ status: null })] };
    const { problems } = validateRoster(manifest({ enrollments: 'bulk', classes: 'bulk', users: 'delta', orgs: 'delta' }), records);

    expect(problems).toEqual([
      {
        file: 'enrollments.csv',
        line: 2,
        field: 'classSourcedId',
        code: 'organisation.roster.unknown_reference',
        message: 'enrollments.csv line 2: classSourcedId "c1" is not in classes.csv.',
      },
    ]);
  });

  it('R-ORG-3 refuses an active enrollment in a class the same delta deletes', () => {
    const records = { ...empty(), classes: [rosterClass({ status: 'tobedeleted' })], enrollments: [enrollment({})] };
    const { problems } = validateRoster(manifest({ enrollments: 'delta', classes: 'delta' }), records);

    expect(problems).toEqual([
      {
        file: 'enrollments.csv',
        line: 2,
        field: 'classSourcedId',
        code: 'organisation.roster.deleted_reference',
        message: 'enrollments.csv line 2: classSourcedId "c1" is marked tobedeleted in classes.csv, but this record still uses it.',
      },
    ]);
  });

  it('R-ORG-3 lets a withdrawn enrollment point at a deleted class', () => {
    const records = { ...empty(), classes: [rosterClass({ status: 'tobedeleted' })], enrollments: [enrollment({ status: 'tobedeleted' })] };

    expect(validateRoster(manifest({ enrollments: 'delta', classes: 'delta' }), records).problems).toEqual([]);
  });

  it('R-ORG-3 refuses an enrollment that ends before it begins', () => {
    const records = { ...empty(), enrollments: [enrollment({ beginDate: '2026-09-03', endDate: '2026-07-21' })] };
    const { problems } = validateRoster(manifest({ enrollments: 'delta' }), records);

    expect(problems).toEqual([
      {
        file: 'enrollments.csv',
        line: 2,
        field: 'endDate',
        code: 'organisation.roster.bad_date_range',
        message: 'enrollments.csv line 2: endDate "2026-07-21" is before beginDate "2026-09-03".',
      },
    ]);
  });

  it('R-ORG-3 does not repeat a problem for references into a file whose header was unusable', () => {
    const records = { ...empty(), enrollments: [enrollment({ status: null })] };
    const facts = { ids: {}, unreadable: new Set(['classes', 'users', 'orgs'] as const) };

    expect(validateRoster(manifest({ enrollments: 'bulk', classes: 'bulk', users: 'bulk', orgs: 'bulk' }), records, facts).problems).toEqual([]);
  });
});
