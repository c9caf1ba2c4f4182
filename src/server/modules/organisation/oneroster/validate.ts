import { csvFileName, type Manifest, type RosterFileName } from './manifest.js';
import { quoted, where, type RosterProblem } from './problems.js';
import type { RosterRecords } from './compact.js';
import type { RecordStatus } from './records.js';

export type { RosterRecords } from './compact.js';

/**
 * A reference this bundle cannot settle: its target file is delta (a change set) or absent, so the
 * record may already be in the database. The caller looks each one up before applying.
 */
export interface ExternalReference {
  file: string;
  line: number;
  field: string;
  target: RosterFileName;
  sourcedId: string;
}

/** The sourcedIds seen in one file. */
export interface IdSet {
  has(id: string): boolean;
}

/** What the reader saw beyond the valid records; lets references to a faulty row count as found. */
export interface RosterReadFacts {
  /** Every sourcedId present in each file, valid rows or not. */
  ids: Partial<Record<RosterFileName, IdSet>>;
  /** Files whose header was unusable: references into them are not checked. */
  unreadable: ReadonlySet<RosterFileName>;
}

interface Reference {
  file: RosterFileName;
  line: number;
  field: string;
  status: RecordStatus | null;
  target: RosterFileName;
  ids: readonly string[];
}

function one(id: string | null): string[] {
  return id === null ? [] : [id];
}

/** Every reference between rostering files, as the 1.2 binding defines them. */
function* references(r: RosterRecords): Generator<Reference> {
  for (const o of r.orgs) {
    yield { file: 'orgs', line: o.line, field: 'parentSourcedId', status: o.status, target: 'orgs', ids: one(o.parentSourcedId) };
  }
  for (const s of r.academicSessions) {
    yield { file: 'academicSessions', line: s.line, field: 'parentSourcedId', status: s.status, target: 'academicSessions', ids: one(s.parentSourcedId) };
  }
  for (const c of r.courses) {
    yield { file: 'courses', line: c.line, field: 'schoolYearSourcedId', status: c.status, target: 'academicSessions', ids: one(c.schoolYearSourcedId) };
    yield { file: 'courses', line: c.line, field: 'orgSourcedId', status: c.status, target: 'orgs', ids: [c.orgSourcedId] };
  }
  for (const c of r.classes) {
    yield { file: 'classes', line: c.line, field: 'courseSourcedId', status: c.status, target: 'courses', ids: [c.courseSourcedId] };
    yield { file: 'classes', line: c.line, field: 'schoolSourcedId', status: c.status, target: 'orgs', ids: [c.schoolSourcedId] };
    yield { file: 'classes', line: c.line, field: 'termSourcedIds', status: c.status, target: 'academicSessions', ids: c.termSourcedIds };
  }
  for (const u of r.users) {
    yield { file: 'users', line: u.line, field: 'agentSourcedIds', status: u.status, target: 'users', ids: u.agentSourcedIds };
    yield { file: 'users', line: u.line, field: 'primaryOrgSourcedId', status: u.status, target: 'orgs', ids: one(u.primaryOrgSourcedId) };
  }
  for (const x of r.roles) {
    yield { file: 'roles', line: x.line, field: 'userSourcedId', status: x.status, target: 'users', ids: [x.userSourcedId] };
    yield { file: 'roles', line: x.line, field: 'orgSourcedId', status: x.status, target: 'orgs', ids: [x.orgSourcedId] };
    yield { file: 'roles', line: x.line, field: 'userProfileSourcedId', status: x.status, target: 'userProfiles', ids: one(x.userProfileSourcedId) };
  }
  for (const p of r.userProfiles) {
    yield { file: 'userProfiles', line: p.line, field: 'userSourcedId', status: p.status, target: 'users', ids: [p.userSourcedId] };
  }
  for (const e of r.enrollments) {
    yield { file: 'enrollments', line: e.line, field: 'userSourcedId', status: e.status, target: 'users', ids: [e.userSourcedId] };
    yield { file: 'enrollments', line: e.line, field: 'classSourcedId', status: e.status, target: 'classes', ids: [e.classSourcedId] };
    yield { file: 'enrollments', line: e.line, field: 'schoolSourcedId', status: e.status, target: 'orgs', ids: [e.schoolSourcedId] };
  }
  for (const d of r.demographics) {
    // A demographics record shares its user's sourcedId.
    yield { file: 'demographics', line: d.line, field: 'sourcedId', status: d.status, target: 'users', ids: [d.sourcedId] };
  }
}

const REFERENCE_TARGETS = ['orgs', 'academicSessions', 'courses', 'classes', 'users', 'userProfiles'] as const satisfies readonly RosterFileName[];

function recordsOf(r: RosterRecords, file: RosterFileName): readonly { sourcedId: string; status: RecordStatus | null }[] {
  return r[file];
}

function dateRange(
  problems: RosterProblem[],
  file: RosterFileName,
  line: number,
  start: { field: string; value: string | null },
  end: { field: string; value: string | null },
): void {
  // ISO dates compare as strings.
  if (start.value === null || end.value === null || end.value >= start.value) return;
  const name = csvFileName(file);
  problems.push({
    file: name,
    line,
    field: end.field,
    code: 'organisation.roster.bad_date_range',
    message: `${where(name, line)}: ${end.field} ${quoted(end.value)} is before ${start.field} ${quoted(start.value)}.`,
  });
}

/**
 * R-ORG-3: checks a bundle as a whole: references between files, and dates that end before
 * they start. A reference into a bulk file must be found in it (bulk is the whole picture); one
 * into a delta or absent file is listed in `externalReferences` for the caller to check.
 * Pure: reads only its arguments.
 */
export function validateRoster(
  manifest: Manifest,
  records: RosterRecords,
  facts?: RosterReadFacts,
): { problems: RosterProblem[]; externalReferences: ExternalReference[] } {
  const problems: RosterProblem[] = [];
  const externalReferences: ExternalReference[] = [];

  // Only files that references point into (nothing points at roles or enrollments, the largest).
  const statusById = new Map<RosterFileName, Map<string, RecordStatus | null>>();
  for (const name of REFERENCE_TARGETS) {
    statusById.set(name, new Map(recordsOf(records, name).map((x) => [x.sourcedId, x.status])));
  }

  for (const ref of references(records)) {
    if (facts?.unreadable.has(ref.target)) continue;
    const targets = statusById.get(ref.target);
    const mode = manifest.files[ref.target];
    const file = csvFileName(ref.file);
    for (const id of ref.ids) {
      if (targets?.has(id)) {
        if (ref.status !== 'tobedeleted' && targets.get(id) === 'tobedeleted') {
          problems.push({
            file,
            line: ref.line,
            field: ref.field,
            code: 'organisation.roster.deleted_reference',
            message: `${where(file, ref.line)}: ${ref.field} ${quoted(id)} is marked tobedeleted in ${csvFileName(ref.target)}, but this record still uses it.`,
          });
        }
        continue;
      }
      if (facts?.ids[ref.target]?.has(id)) continue; // present, but its own row has a problem already
      if (mode === 'bulk') {
        problems.push({
          file,
          line: ref.line,
          field: ref.field,
          code: 'organisation.roster.unknown_reference',
          message: `${where(file, ref.line)}: ${ref.field} ${quoted(id)} is not in ${csvFileName(ref.target)}.`,
        });
      } else {
        externalReferences.push({ file, line: ref.line, field: ref.field, target: ref.target, sourcedId: id });
      }
    }
  }

  for (const s of records.academicSessions) {
    dateRange(problems, 'academicSessions', s.line, { field: 'startDate', value: s.startDate }, { field: 'endDate', value: s.endDate });
  }
  for (const x of records.roles) {
    dateRange(problems, 'roles', x.line, { field: 'beginDate', value: x.beginDate }, { field: 'endDate', value: x.endDate });
  }
  for (const e of records.enrollments) {
    dateRange(problems, 'enrollments', e.line, { field: 'beginDate', value: e.beginDate }, { field: 'endDate', value: e.endDate });
  }

  return { problems, externalReferences };
}
