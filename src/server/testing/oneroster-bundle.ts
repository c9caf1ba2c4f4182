import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { zipSync } from 'fflate';

/**
 * R-ORG-3: writes OneRoster 1.2 CSV bundles like a UK MIS export, for tests and benchmarks.
 *
 * A multi-academy trust (org type district) with one secondary school per 1,200 learners; the
 * 2025/26 school year with autumn, spring and summer terms; per school, Years 7–13 with eight
 * subject courses and a tutor-group course each; classes set in groups of 30 with periods and
 * all three terms; learners (grades "07" to "13") with one or two parents or guardians linked
 * both ways by agentSourcedIds; teachers, a data manager, roles, staff user profiles,
 * enrollments (teachers primary) and learners' demographics.
 *
 * Column headers are written here from the 1.2 binding, not taken from the reader, so a reader
 * that gets a column wrong fails against them. Every breakage reports the file, line and field it
 * lands on, so a test can assert exactly where the reader points.
 */

export type BundleFile =
  | 'orgs'
  | 'academicSessions'
  | 'courses'
  | 'classes'
  | 'users'
  | 'roles'
  | 'userProfiles'
  | 'enrollments'
  | 'demographics';

type Mode = 'absent' | 'bulk' | 'delta';

export type RosterBreakage =
  /** users.csv: the first learner's familyName has an unquoted comma, so the row has one field too many. */
  | { kind: 'malformedRow' }
  /** Drops a column from a file's header and rows. */
  | { kind: 'missingColumn'; file: BundleFile; column: string }
  /** enrollments.csv: the first learner is enrolled in a class that classes.csv does not have. */
  | { kind: 'unknownClass' }
  /** users.csv: the first learner is exported twice (a second row with the same sourcedId). */
  | { kind: 'duplicateUserId' }
  /** academicSessions.csv: the spring term ends (2025-03-27) before it starts (2026-01-05). */
  | { kind: 'endBeforeStart' }
  /** academicSessions.csv: the summer term ends on 2026-06-31, which is not a day. */
  | { kind: 'impossibleDate' }
  /** users.csv: the first learner's grades is "Y7" rather than a grade code. */
  | { kind: 'badGrade' }
  /** manifest.csv lists the file as bulk (or the bundle's mode) but the file is not written. */
  | { kind: 'manifestNamesMissingFile'; file: BundleFile }
  /** manifest.csv gives another oneroster.version, e.g. "1.1". */
  | { kind: 'oneRosterVersion'; version: string }
  /** The file is written as binary (a spreadsheet saved with a .csv name). */
  | { kind: 'notCsv'; file: BundleFile };

export interface RosterBundleOptions {
  /** Parent directory the bundle is written into (the caller creates and removes it). */
  dir: string;
  format: 'directory' | 'zip';
  /** Number of learners; one school per 1,200. Default 40. */
  learners?: number;
  /** Mode of every file written. Default bulk. */
  mode?: 'bulk' | 'delta';
  /** Per-file override; 'absent' leaves the file out and marks it absent in the manifest. */
  files?: Partial<Record<BundleFile, Mode>>;
  /** Delta only: the first N learners leave (their user, role, enrollments, demographics tobedeleted). */
  withdrawn?: number;
  /** Start each file with a UTF-8 byte-order mark, as Excel does. Default true. */
  bom?: boolean;
  /** End lines with CRLF, as Windows exports do. Default true. */
  crlf?: boolean;
  breakages?: RosterBreakage[];
}

export interface BreakageSite {
  kind: RosterBreakage['kind'];
  file: string;
  line: number | null;
  field: string | null;
}

export interface BuiltRosterBundle {
  source: { kind: 'zip'; path: string } | { kind: 'directory'; path: string };
  path: string;
  manifest: Record<BundleFile, Mode>;
  counts: Record<BundleFile, number> & { learners: number; teachers: number; guardians: number; schools: number };
  /** Where each breakage landed, in the order given. */
  sites: BreakageSite[];
  /** A few ids tests refer to. */
  ids: { trust: string; firstSchool: string; firstLearner: string; firstClass: string; springTerm: string };
}

// ---------------------------------------------------------------------------------------------
// Headers, from the OneRoster 1.2 CSV binding

const HEADERS: Record<BundleFile, readonly string[]> = {
  orgs: ['sourcedId', 'status', 'dateLastModified', 'name', 'type', 'identifier', 'parentSourcedId'],
  academicSessions: ['sourcedId', 'status', 'dateLastModified', 'title', 'type', 'startDate', 'endDate', 'parentSourcedId', 'schoolYear'],
  courses: ['sourcedId', 'status', 'dateLastModified', 'schoolYearSourcedId', 'title', 'courseCode', 'grades', 'orgSourcedId', 'subjects', 'subjectCodes'],
  classes: [
    'sourcedId', 'status', 'dateLastModified', 'title', 'grades', 'courseSourcedId', 'classCode', 'classType', 'location',
    'schoolSourcedId', 'termSourcedIds', 'subjects', 'subjectCodes', 'periods',
  ],
  users: [
    'sourcedId', 'status', 'dateLastModified', 'enabledUser', 'username', 'userIds', 'givenName', 'familyName', 'middleName',
    'identifier', 'email', 'sms', 'phone', 'agentSourcedIds', 'grades', 'password', 'userMasterIdentifier',
    'preferredGivenName', 'preferredMiddleName', 'preferredFamilyName', 'primaryOrgSourcedId', 'pronouns',
  ],
  roles: ['sourcedId', 'status', 'dateLastModified', 'userSourcedId', 'roleType', 'role', 'beginDate', 'endDate', 'orgSourcedId', 'userProfileSourcedId'],
  userProfiles: [
    'sourcedId', 'status', 'dateLastModified', 'userSourcedId', 'profileType', 'vendorId', 'applicationId', 'description',
    'credentialType', 'username', 'password',
  ],
  enrollments: ['sourcedId', 'status', 'dateLastModified', 'classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role', 'primary', 'beginDate', 'endDate'],
  demographics: [
    'sourcedId', 'status', 'dateLastModified', 'birthDate', 'sex', 'americanIndianOrAlaskaNative', 'asian',
    'blackOrAfricanAmerican', 'nativeHawaiianOrOtherPacificIslander', 'white', 'demographicRaceTwoOrMoreRaces',
    'hispanicOrLatinoEthnicity', 'countryOfBirthCode', 'stateOfBirthAbbreviation', 'cityOfBirth', 'publicSchoolResidenceStatus',
  ],
};

/** The file order of manifest.csv's file.* rows (every file of the 1.2 binding). */
const MANIFEST_FILES = [
  'academicSessions', 'categories', 'classes', 'classResources', 'courses', 'courseResources', 'demographics',
  'enrollments', 'lineItemLearningObjectiveIds', 'lineItems', 'lineItemScoreScales', 'orgs', 'resources',
  'resultLearningObjectiveIds', 'results', 'resultScoreScales', 'roles', 'scoreScales', 'userProfiles',
  'userResources', 'users',
] as const;

const BUNDLE_FILES: readonly BundleFile[] = [
  'orgs', 'academicSessions', 'courses', 'classes', 'users', 'roles', 'userProfiles', 'enrollments', 'demographics',
];

// ---------------------------------------------------------------------------------------------
// School data

const GIVEN = [
  'Oliver', 'Amelia', 'Muhammad', 'Isla', 'George', 'Ava', 'Noah', 'Lily', 'Arthur', 'Freya', 'Leo', 'Ivy', 'Oscar',
  'Florence', 'Harry', 'Sophia', 'Jack', 'Grace', 'Charlie', 'Aisha', 'Theo', 'Mia', 'Alfie', 'Zara', 'Jacob', 'Poppy',
  'Freddie', 'Evie', 'Kai', 'Priya', 'Tomasz', 'Niamh', 'Rhys', 'Siobhan', 'Emeka', 'Chloe', 'Yusuf', 'Ffion',
];
const FAMILY = [
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Robinson', 'Wright', 'Thompson',
  'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Khan', 'Hughes', 'Edwards', "O'Connor", 'Nowak', 'Okafor',
  'Ahmed', 'Murphy', 'Clarke', 'Lewis', 'Singh', 'Begum', 'MacDonald', 'Campbell', 'Price', 'Morgan', 'Kaur', 'Chen',
];
const SUBJECTS = [
  { code: 'Ma', name: 'Mathematics', room: 'M' },
  { code: 'En', name: 'English', room: 'E' },
  { code: 'Sc', name: 'Science', room: 'S' },
  { code: 'Hi', name: 'History', room: 'H' },
  { code: 'Gg', name: 'Geography', room: 'G' },
  { code: 'Fr', name: 'French', room: 'L' },
  { code: 'Cp', name: 'Computing', room: 'C' },
  { code: 'Dt', name: 'Design and Technology', title: 'Design, Engineering and Technology', room: 'D' },
] as const;
const YEARS = ['07', '08', '09', '10', '11', '12', '13'] as const;
const SET_SIZE = 30;
const LEARNERS_PER_SCHOOL = 1200;
const CLASSES_PER_TEACHER = 6;

const YEAR_ID = 'as-2025-26';
const TERMS = [
  { id: 'as-2025-26-autumn', title: 'Autumn 2025', start: '2025-09-03', end: '2025-12-19' },
  { id: 'as-2025-26-spring', title: 'Spring 2026', start: '2026-01-05', end: '2026-03-27' },
  { id: 'as-2025-26-summer', title: 'Summer 2026', start: '2026-04-13', end: '2026-07-21' },
] as const;
const MODIFIED = '2026-09-01T06:00:00Z';

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

type Row = string[] | { raw: string };

interface Table {
  header: string[];
  rows: Row[];
}

function cell(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Builds all tables; returns rows by file plus where breakages landed. */
function buildTables(o: Required<Omit<RosterBundleOptions, 'dir' | 'format' | 'files' | 'breakages'>> & {
  modes: Record<BundleFile, Mode>;
  breakages: RosterBreakage[];
}) {
  const has = (kind: RosterBreakage['kind']) => o.breakages.some((b) => b.kind === kind);
  const delta = (file: BundleFile) => o.modes[file] === 'delta';
  const stamp = (file: BundleFile, deleted = false): [string, string] =>
    delta(file) ? [deleted ? 'tobedeleted' : 'active', MODIFIED] : ['', ''];
  const sites: BreakageSite[] = [];
  const tables = Object.fromEntries(BUNDLE_FILES.map((f) => [f, { header: [...HEADERS[f]], rows: [] as Row[] }])) as Record<BundleFile, Table>;
  const push = (file: BundleFile, row: Row): number => {
    tables[file].rows.push(row);
    return tables[file].rows.length + 1; // header is line 1; builder values hold no line breaks
  };

  const schools = Math.max(1, Math.ceil(o.learners / LEARNERS_PER_SCHOOL));
  const trust = 'org-trust';
  push('orgs', [trust, ...stamp('orgs'), 'Northfield Learning Trust', 'district', 'TR04417', '']);
  const schoolIds: string[] = [];
  for (let s = 0; s < schools; s++) {
    const id = `org-school-${pad(s + 1, 2)}`;
    schoolIds.push(id);
    push('orgs', [id, ...stamp('orgs'), `Northfield Academy ${s === 0 ? '' : `(${s + 1})`}`.trim(), 'school', String(137000 + s * 7), trust]);
  }

  push('academicSessions', [YEAR_ID, ...stamp('academicSessions'), '2025/26', 'schoolYear', '2025-09-01', '2026-08-31', '', '2026']);
  for (const t of TERMS) {
    let end: string = t.end;
    let line = 0;
    if (t.id === 'as-2025-26-spring' && has('endBeforeStart')) end = '2025-03-27';
    if (t.id === 'as-2025-26-summer' && has('impossibleDate')) end = '2026-06-31';
    line = push('academicSessions', [t.id, ...stamp('academicSessions'), t.title, 'term', t.start, end, YEAR_ID, '2026']);
    if (end !== t.end) {
      sites.push({ kind: end === '2026-06-31' ? 'impossibleDate' : 'endBeforeStart', file: 'academicSessions.csv', line, field: 'endDate' });
    }
  }
  const termIds = TERMS.map((t) => t.id).join(',');

  let learnerNo = 0;
  let teacherCount = 0;
  let guardianCount = 0;
  let firstClass = '';
  const learnerRows: { id: string; row: string[]; line: number }[] = [];
  const guardianRows: { row: string[]; agents: string[] }[] = [];
  const staffRows: string[][] = [];
  const withdrawn = new Set<string>();
  const roleRows: Row[] = [];
  const enrollmentRows: { row: string[]; learner: boolean; first?: boolean }[] = [];
  let enrollmentNo = 0;
  const enrol = (classId: string, school: string, user: string, role: string, primary: string, gone: boolean, first = false) => {
    enrollmentNo++;
    enrollmentRows.push({
      row: [`enr-${pad(enrollmentNo, 7)}`, ...stamp('enrollments', gone), classId, school, user, role, primary, '2025-09-03', ''],
      learner: role === 'student',
      first,
    });
  };

  for (let s = 0; s < schools; s++) {
    const school = schoolIds[s] ?? '';
    const inSchool = Math.min(LEARNERS_PER_SCHOOL, o.learners - s * LEARNERS_PER_SCHOOL);
    const perYear = YEARS.map((_, y) => Math.floor(inSchool / YEARS.length) + (y < inSchool % YEARS.length ? 1 : 0));

    // Staff: a data manager, then teachers enough for six classes each.
    const sets = perYear.map((n) => Math.ceil(n / SET_SIZE));
    const classCount = sets.reduce((a, b) => a + b, 0) * (SUBJECTS.length + 1);
    const teachers = Math.max(1, Math.ceil(classCount / CLASSES_PER_TEACHER));
    const staffIds: string[] = [];
    const manager = `usr-staff-${pad(s + 1, 2)}-dm`;
    staffRows.push(staffUser(manager, 'Data', 'Manager', `data.manager${s + 1}`, school, stamp('users')));
    roleRows.push([`rol-${manager}`, ...stamp('roles'), manager, 'primary', 'siteAdministrator', '2025-09-01', '', school, '']);
    for (let t = 0; t < teachers; t++) {
      teacherCount++;
      const id = `usr-staff-${pad(s + 1, 2)}-${pad(t + 1, 3)}`;
      staffIds.push(id);
      const given = pick(GIVEN, teacherCount * 7 + 3);
      const family = pick(FAMILY, teacherCount * 5 + 1);
      staffRows.push(staffUser(id, given, family, `${given}.${family}${teacherCount}`, school, stamp('users')));
      const profile = o.modes.userProfiles === 'absent' ? '' : `up-${id}`;
      roleRows.push([`rol-${id}`, ...stamp('roles'), id, 'primary', 'teacher', '2025-09-01', '', school, profile]);
    }

    let teacherTurn = 0;
    YEARS.forEach((grade, y) => {
      const yy = Number(grade);
      const courses = [...SUBJECTS.map((subject) => ({ ...subject, homeroom: false })), { code: 'Tu', name: 'Tutor Time', room: 'T', homeroom: true }];
      const classesBySet: string[][] = Array.from({ length: sets[y] ?? 0 }, () => []);
      for (const c of courses) {
        const courseId = `crs-${pad(s + 1, 2)}-${grade}-${c.code.toLowerCase()}`;
        push('courses', [courseId, ...stamp('courses'), YEAR_ID, `Year ${yy} ${'title' in c ? c.title : c.name}`, `${c.code.toUpperCase()}${yy}`, grade, school, c.name, '']);
        for (let set = 0; set < (sets[y] ?? 0); set++) {
          const setName = String.fromCharCode(65 + (set % 26)) + (set >= 26 ? String(Math.floor(set / 26)) : '');
          const classId = `cls-${pad(s + 1, 2)}-${grade}-${c.code.toLowerCase()}-${set + 1}`;
          if (firstClass === '') firstClass = classId;
          const title = c.homeroom ? `${yy}${setName} Tutor Group` : `${yy}${setName}/${c.code}`;
          const periods = c.homeroom ? 'Reg' : `${1 + ((set + yy) % 5)},${1 + ((set + yy + 2) % 5)}`;
          push('classes', [
            classId, ...stamp('classes'), title, grade, courseId, `${yy}${setName}/${c.code}`, c.homeroom ? 'homeroom' : 'scheduled',
            `Room ${c.room}${pad(1 + (set % 20), 2)}`, school, termIds, c.name, '', periods,
          ]);
          classesBySet[set]?.push(classId);
          const teacher = staffIds[teacherTurn++ % staffIds.length] ?? '';
          enrol(classId, school, teacher, 'teacher', 'true', false);
        }
      }

      for (let i = 0; i < (perYear[y] ?? 0); i++) {
        const n = learnerNo++;
        const id = `usr-learner-${pad(n + 1, 6)}`;
        const gone = delta('users') && n < o.withdrawn;
        if (gone) withdrawn.add(id);
        const given = pick(GIVEN, n * 3 + y);
        const family = pick(FAMILY, n * 7 + s);
        const username = `${given}.${family}${n + 1}`.toLowerCase().replace(/[^a-z0-9.]/g, '');
        const upn = `${String.fromCharCode(65 + (n % 26))}${pad(823000000000 + n, 12)}`;

        // Siblings: every tenth learner shares the previous learner's parents.
        const sibling = n % 10 === 1 && i > 0;
        const agents: string[] = [];
        if (sibling) {
          const prev = guardianRows.slice(-2).filter((g) => g.agents.includes(`usr-learner-${pad(n, 6)}`));
          for (const g of prev) {
            g.agents.push(id);
            agents.push(g.row[0] ?? '');
          }
        } else {
          const count = n % 3 === 0 ? 2 : 1;
          for (let k = 0; k < count; k++) {
            guardianCount++;
            const gid = `usr-guardian-${pad(guardianCount, 6)}`;
            const gGiven = pick(GIVEN, guardianCount * 11 + 5);
            const gFamily = k === 0 ? family : pick(FAMILY, guardianCount * 13);
            const gUser = `${gGiven}.${gFamily}.${guardianCount}`.toLowerCase().replace(/[^a-z0-9.]/g, '');
            guardianRows.push({
              row: [
                gid, ...stamp('users'), 'true', gUser, '', gGiven, gFamily, '', '', `${gUser}@example.org.uk`, '',
                `+44 7700 9${pad(guardianCount % 100000, 5)}`, '', '', '', '', '', '', '', school, '',
              ],
              agents: [id],
            });
            roleRows.push([`rol-${gid}`, ...stamp('roles'), gid, 'primary', k === 0 ? 'parent' : 'guardian', '', '', school, '']);
            agents.push(gid);
          }
        }
        const row = [
          id, ...stamp('users', gone), 'true', username, `{UPN:${upn}},{MIS:${pad(n + 1, 6)}}`, given, family, '',
          pad(n + 1, 6), `${username}@students.northfield.sch.uk`, '', '', agents.join(','), grade, '', upn,
          n % 17 === 0 ? pick(GIVEN, n + 1) : '', '', '', school, '',
        ];
        learnerRows.push({ id, row, line: 0 });
        roleRows.push([`rol-${id}`, ...stamp('roles', gone), id, 'primary', 'student', '2025-09-03', '', school, '']);

        const set = Math.floor(i / SET_SIZE);
        (classesBySet[set] ?? []).forEach((classId, c) => enrol(classId, school, id, 'student', 'false', gone, n === 0 && c === 0));

        const born = 2025 - yy - 5; // Year 7 in 2025/26 were born September 2013 to August 2014
        const month = 1 + (n % 12);
        const birthYear = month >= 9 ? born : born + 1;
        tables.demographics.rows.push([
          id, ...stamp('demographics', gone), `${birthYear}-${pad(month, 2)}-${pad(1 + (n % 28), 2)}`,
          n % 41 === 0 ? 'unspecified' : n % 2 === 0 ? 'female' : 'male', '', '', '', '', '', '', '', 'GB', '', 'Leeds', '',
        ]);
      }
    });
  }

  // users.csv: staff, learners, then guardians (whose agents are known only now).
  staffRows.forEach((r) => push('users', r));
  const firstLearner = learnerRows[0]?.id ?? '';
  const exportedTwice = learnerRows[0] === undefined ? null : [...learnerRows[0].row];
  for (const l of learnerRows) {
    if (l.id === firstLearner && has('badGrade')) l.row[14] = 'Y7';
    if (l.id === firstLearner && has('malformedRow')) {
      const raw = l.row.map(cell);
      raw[7] = `${l.row[7] ?? ''}, Jr`; // unquoted comma: one field too many
      l.line = push('users', { raw: raw.join(',') });
      sites.push({ kind: 'malformedRow', file: 'users.csv', line: l.line, field: null });
    } else {
      l.line = push('users', l.row);
    }
    if (l.id === firstLearner && has('badGrade')) sites.push({ kind: 'badGrade', file: 'users.csv', line: l.line, field: 'grades' });
  }
  if (has('duplicateUserId') && exportedTwice !== null) {
    const line = push('users', exportedTwice);
    sites.push({ kind: 'duplicateUserId', file: 'users.csv', line, field: 'sourcedId' });
  }
  for (const g of guardianRows) {
    g.row[13] = g.agents.filter((a) => !withdrawn.has(a)).join(',');
    push('users', g.row);
  }

  roleRows.forEach((r) => push('roles', r));
  if (o.modes.userProfiles !== 'absent') {
    for (const r of staffRows) {
      const id = r[0] ?? '';
      if (id.endsWith('-dm')) continue;
      push('userProfiles', [`up-${id}`, ...stamp('userProfiles'), id, 'sso', 'continuum', 'continuum-web', 'Continuum sign-in', 'saml', r[4] ?? '', '']);
    }
  }
  for (const e of enrollmentRows) {
    if (e.first && has('unknownClass')) e.row[3] = 'cls-not-in-export';
    const line = push('enrollments', e.row);
    if (e.first && has('unknownClass')) sites.push({ kind: 'unknownClass', file: 'enrollments.csv', line, field: 'classSourcedId' });
  }

  return {
    tables,
    sites,
    counts: { learners: learnerNo, teachers: teacherCount, guardians: guardianCount, schools },
    ids: { trust, firstSchool: schoolIds[0] ?? '', firstLearner, firstClass, springTerm: 'as-2025-26-spring' },
  };
}

function staffUser(id: string, given: string, family: string, name: string, school: string, stamp: [string, string]): string[] {
  const username = name.toLowerCase().replace(/[^a-z0-9.]/g, '');
  return [
    id, ...stamp, 'true', username, `{DfE:${pad(9000000 + id.length * 1000 + username.length, 7)}}`, given, family, '',
    `${given.slice(0, 1)}${family.slice(0, 2)}`.toUpperCase(), `${username}@northfield.sch.uk`, '', '', '', '', '', '', '', '', '',
    school, '',
  ];
}

function encodeTable(t: Table, eol: string, bom: boolean): Uint8Array {
  const lines = [t.header.join(','), ...t.rows.map((r) => ('raw' in r ? r.raw : r.map(cell).join(',')))];
  return new TextEncoder().encode(`${bom ? '\uFEFF' : ''}${lines.join(eol)}${eol}`);
}

function dropColumn(t: Table, column: string): void {
  const at = t.header.indexOf(column);
  if (at === -1) throw new Error(`No column ${column} to drop`);
  t.header.splice(at, 1);
  for (const r of t.rows) if (!('raw' in r)) r.splice(at, 1);
}

/** A spreadsheet's first bytes: what an admin uploads when they rename roster.xlsx to users.csv. */
const NOT_CSV = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, 0x62, 0xee]);

/** R-ORG-3: writes a bundle and says what is in it and where each breakage is. */
export async function buildRosterBundle(options: RosterBundleOptions): Promise<BuiltRosterBundle> {
  const mode = options.mode ?? 'bulk';
  const breakages = options.breakages ?? [];
  const modes = Object.fromEntries(BUNDLE_FILES.map((f) => [f, options.files?.[f] ?? mode])) as Record<BundleFile, Mode>;
  for (const b of breakages) {
    if (b.kind === 'impossibleDate' || b.kind === 'endBeforeStart') modes.academicSessions = modes.academicSessions === 'absent' ? mode : modes.academicSessions;
  }
  const built = buildTables({
    learners: options.learners ?? 40,
    mode,
    withdrawn: options.withdrawn ?? 0,
    bom: options.bom ?? true,
    crlf: options.crlf ?? true,
    modes,
    breakages,
  });
  const sites = [...built.sites];
  const eol = (options.crlf ?? true) ? '\r\n' : '\n';
  const bom = options.bom ?? true;

  for (const b of breakages) {
    if (b.kind !== 'missingColumn') continue;
    dropColumn(built.tables[b.file], b.column);
    sites.push({ kind: 'missingColumn', file: `${b.file}.csv`, line: 1, field: b.column });
  }

  const unwritten = new Set<BundleFile>(breakages.flatMap((b) => (b.kind === 'manifestNamesMissingFile' ? [b.file] : [])));
  const manifestModes = { ...modes };
  for (const file of unwritten) {
    if (manifestModes[file] === 'absent') manifestModes[file] = mode;
    sites.push({ kind: 'manifestNamesMissingFile', file: `${file}.csv`, line: null, field: null });
  }
  const version = breakages.find((b): b is Extract<RosterBreakage, { kind: 'oneRosterVersion' }> => b.kind === 'oneRosterVersion');
  if (version !== undefined) sites.push({ kind: 'oneRosterVersion', file: 'manifest.csv', line: 3, field: 'oneroster.version' });

  const manifestRows = [
    ['manifest.version', '1.0'],
    ['oneroster.version', version?.version ?? '1.2'],
    ...MANIFEST_FILES.map((f) => [`file.${f}`, (manifestModes as Partial<Record<string, Mode>>)[f] ?? 'absent']),
    ['source.systemName', 'Northfield MIS'],
    ['source.systemCode', 'northfield-mis'],
  ];
  const files: Record<string, Uint8Array> = {
    'manifest.csv': encodeTable({ header: ['propertyName', 'value'], rows: manifestRows }, eol, bom),
  };
  const notCsv = new Set<BundleFile>(breakages.flatMap((b) => (b.kind === 'notCsv' ? [b.file] : [])));
  for (const f of BUNDLE_FILES) {
    if (modes[f] === 'absent' || unwritten.has(f)) continue;
    if (notCsv.has(f)) {
      files[`${f}.csv`] = NOT_CSV;
      sites.push({ kind: 'notCsv', file: `${f}.csv`, line: null, field: null });
      continue;
    }
    files[`${f}.csv`] = encodeTable(built.tables[f], eol, bom);
  }

  let path: string;
  let source: BuiltRosterBundle['source'];
  await mkdir(options.dir, { recursive: true });
  if (options.format === 'zip') {
    path = join(options.dir, 'roster.zip');
    await writeFile(path, zipSync(files, { level: 1 }));
    source = { kind: 'zip', path };
  } else {
    path = join(options.dir, 'roster');
    await mkdir(path, { recursive: true });
    await Promise.all(Object.entries(files).map(([name, bytes]) => writeFile(join(path, name), bytes)));
    source = { kind: 'directory', path };
  }

  const counts = Object.fromEntries(
    BUNDLE_FILES.map((f) => [f, modes[f] === 'absent' || unwritten.has(f) ? 0 : built.tables[f].rows.length]),
  ) as Record<BundleFile, number>;
  return { source, path, manifest: manifestModes, counts: { ...counts, ...built.counts }, sites, ids: built.ids };
}
