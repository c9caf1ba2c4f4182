import { quoted, where, type RosterProblem } from './problems.js';

/**
 * R-ORG-3: manifest.csv and the files of a OneRoster 1.2 CSV bundle.
 *
 * manifest.csv has the header `propertyName,value` and one row per property: `manifest.version`
 * (1.0), `oneroster.version` (1.2), `file.<name>` (absent | bulk | delta) for each file of the
 * binding, and `source.systemName` / `source.systemCode`. The manifest decides which files are
 * read and whether each is a full snapshot (bulk) or a change set (delta).
 */

export const MANIFEST_FILE = 'manifest.csv';
export const MANIFEST_VERSION = '1.0';
export const ONEROSTER_VERSION = '1.2';

/** Every `file.<name>` the 1.2 binding defines, rostering, resources and gradebook alike. */
export const MANIFEST_FILE_NAMES = [
  'academicSessions', 'categories', 'classes', 'classResources', 'courses', 'courseResources', 'demographics',
  'enrollments', 'lineItemLearningObjectiveIds', 'lineItems', 'lineItemScoreScales', 'orgs', 'resources',
  'resultLearningObjectiveIds', 'results', 'resultScoreScales', 'roles', 'scoreScales', 'userProfiles',
  'userResources', 'users',
] as const;
export type ManifestFileName = (typeof MANIFEST_FILE_NAMES)[number];

export const FILE_MODES = ['absent', 'bulk', 'delta'] as const;
export type FileMode = (typeof FILE_MODES)[number];

export interface Manifest {
  manifestVersion: string;
  oneRosterVersion: string;
  /** Every file of the binding; a file the manifest does not mention is 'absent'. */
  files: Record<ManifestFileName, FileMode>;
  source: { systemName: string | null; systemCode: string | null };
}

/** The rostering files this importer reads, in the order it reads them. */
export const ROSTER_FILE_NAMES = [
  'orgs', 'academicSessions', 'courses', 'classes', 'users', 'roles', 'userProfiles', 'enrollments', 'demographics',
] as const satisfies readonly ManifestFileName[];
export type RosterFileName = (typeof ROSTER_FILE_NAMES)[number];

export interface RosterFileColumns {
  /** Every column of the file in the binding's order. */
  columns: readonly string[];
  /** Columns the header must have: the identity columns and every column whose value is required. */
  required: readonly string[];
}

const IDENTITY = ['sourcedId', 'status', 'dateLastModified'] as const;

/** Columns of each rostering file in OneRoster 1.2 (see records.ts for their types). */
export const ROSTER_COLUMNS: Record<RosterFileName, RosterFileColumns> = {
  orgs: {
    columns: [...IDENTITY, 'name', 'type', 'identifier', 'parentSourcedId'],
    required: [...IDENTITY, 'name', 'type'],
  },
  academicSessions: {
    columns: [...IDENTITY, 'title', 'type', 'startDate', 'endDate', 'parentSourcedId', 'schoolYear'],
    required: [...IDENTITY, 'title', 'type', 'startDate', 'endDate', 'schoolYear'],
  },
  courses: {
    columns: [...IDENTITY, 'schoolYearSourcedId', 'title', 'courseCode', 'grades', 'orgSourcedId', 'subjects', 'subjectCodes'],
    required: [...IDENTITY, 'title', 'orgSourcedId'],
  },
  classes: {
    columns: [
      ...IDENTITY, 'title', 'grades', 'courseSourcedId', 'classCode', 'classType', 'location', 'schoolSourcedId',
      'termSourcedIds', 'subjects', 'subjectCodes', 'periods',
    ],
    required: [...IDENTITY, 'title', 'courseSourcedId', 'classType', 'schoolSourcedId', 'termSourcedIds'],
  },
  users: {
    columns: [
      ...IDENTITY, 'enabledUser', 'username', 'userIds', 'givenName', 'familyName', 'middleName', 'identifier', 'email',
      'sms', 'phone', 'agentSourcedIds', 'grades', 'password', 'userMasterIdentifier', 'preferredGivenName',
      'preferredMiddleName', 'preferredFamilyName', 'primaryOrgSourcedId', 'pronouns',
    ],
    required: [...IDENTITY, 'enabledUser', 'username', 'givenName', 'familyName'],
  },
  roles: {
    columns: [...IDENTITY, 'userSourcedId', 'roleType', 'role', 'beginDate', 'endDate', 'orgSourcedId', 'userProfileSourcedId'],
    required: [...IDENTITY, 'userSourcedId', 'roleType', 'role', 'orgSourcedId'],
  },
  userProfiles: {
    columns: [
      ...IDENTITY, 'userSourcedId', 'profileType', 'vendorId', 'applicationId', 'description', 'credentialType',
      'username', 'password',
    ],
    required: [...IDENTITY, 'userSourcedId', 'profileType', 'vendorId', 'credentialType', 'username'],
  },
  enrollments: {
    columns: [
      ...IDENTITY, 'classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role', 'primary', 'beginDate', 'endDate',
    ],
    required: [...IDENTITY, 'classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role'],
  },
  demographics: {
    columns: [
      ...IDENTITY, 'birthDate', 'sex', 'americanIndianOrAlaskaNative', 'asian', 'blackOrAfricanAmerican',
      'nativeHawaiianOrOtherPacificIslander', 'white', 'demographicRaceTwoOrMoreRaces', 'hispanicOrLatinoEthnicity',
      'countryOfBirthCode', 'stateOfBirthAbbreviation', 'cityOfBirth', 'publicSchoolResidenceStatus',
    ],
    required: [...IDENTITY],
  },
};

/**
 * Columns some 1.2 exporters add that the reader accepts without requiring: users.csv
 * `resourceSourcedIds` (in some 1.2 exports; others carry user resources in userResources.csv).
 */
export const OPTIONAL_EXTRA_COLUMNS: Partial<Record<RosterFileName, readonly string[]>> = {
  users: ['resourceSourcedIds'],
};

export function csvFileName(name: ManifestFileName): string {
  return `${name}.csv`;
}

export interface ManifestRow {
  line: number;
  propertyName: string;
  value: string;
}

const FILE_NAME_SET = new Set<string>(MANIFEST_FILE_NAMES);
const MODE_SET = new Set<string>(FILE_MODES);

function isManifestFileName(name: string): name is ManifestFileName {
  return FILE_NAME_SET.has(name);
}

/**
 * Reads the manifest's rows. Gives the manifest only when it can be trusted to decide what to
 * read: both versions present and right, every file mode one of absent | bulk | delta.
 */
export function parseManifest(rows: readonly ManifestRow[]): { manifest: Manifest | null; problems: RosterProblem[] } {
  const problems: RosterProblem[] = [];
  const bad = (line: number | null, field: string | null, message: string): void => {
    problems.push({ file: MANIFEST_FILE, line, field, code: 'organisation.roster.bad_manifest', message });
  };

  const files = Object.fromEntries(MANIFEST_FILE_NAMES.map((n) => [n, 'absent'])) as Record<ManifestFileName, FileMode>;
  const seen = new Map<string, number>();
  let manifestVersion: ManifestRow | null = null;
  let oneRosterVersion: ManifestRow | null = null;
  let systemName: string | null = null;
  let systemCode: string | null = null;

  for (const row of rows) {
    const name = row.propertyName.trim();
    const value = row.value.trim();
    const first = seen.get(name);
    if (first !== undefined) {
      bad(row.line, name, `${where(MANIFEST_FILE, row.line)}: ${name} is given again (first on line ${first}); give each property once.`);
      continue;
    }
    seen.set(name, row.line);

    if (name === 'manifest.version') manifestVersion = { ...row, value };
    else if (name === 'oneroster.version') oneRosterVersion = { ...row, value };
    else if (name === 'source.systemName') systemName = value === '' ? null : value;
    else if (name === 'source.systemCode') systemCode = value === '' ? null : value;
    else if (name.startsWith('file.')) {
      const file = name.slice('file.'.length);
      if (!isManifestFileName(file)) {
        bad(row.line, name, `${where(MANIFEST_FILE, row.line)}: ${name} is not a OneRoster 1.2 file; check the spelling (for example file.users).`);
        continue;
      }
      const mode = value.toLowerCase();
      if (!MODE_SET.has(mode)) {
        bad(row.line, name, `${where(MANIFEST_FILE, row.line)}: ${name} ${quoted(value)} is not absent, bulk or delta.`);
        continue;
      }
      files[file] = mode as FileMode;
    }
    // Other properties (vendor extensions) carry no meaning for the import.
  }

  if (manifestVersion === null) {
    bad(null, 'manifest.version', `${MANIFEST_FILE}: manifest.version is missing; it should be ${MANIFEST_VERSION}.`);
  } else if (manifestVersion.value !== MANIFEST_VERSION) {
    bad(
      manifestVersion.line,
      'manifest.version',
      `${where(MANIFEST_FILE, manifestVersion.line)}: manifest.version ${quoted(manifestVersion.value)} is not ${MANIFEST_VERSION}.`,
    );
  }
  if (oneRosterVersion === null) {
    bad(null, 'oneroster.version', `${MANIFEST_FILE}: oneroster.version is missing; Continuum reads OneRoster ${ONEROSTER_VERSION}.`);
  } else if (oneRosterVersion.value !== ONEROSTER_VERSION) {
    bad(
      oneRosterVersion.line,
      'oneroster.version',
      `${where(MANIFEST_FILE, oneRosterVersion.line)}: oneroster.version ${quoted(oneRosterVersion.value)} is not ${ONEROSTER_VERSION}; export OneRoster ${ONEROSTER_VERSION} from the MIS.`,
    );
  }
  if (problems.length === 0 && ROSTER_FILE_NAMES.every((n) => files[n] === 'absent')) {
    bad(null, null, `${MANIFEST_FILE}: every roster file is absent, so there is nothing to import.`);
  }
  if (problems.length > 0 || manifestVersion === null || oneRosterVersion === null) return { manifest: null, problems };

  return {
    manifest: {
      manifestVersion: manifestVersion.value,
      oneRosterVersion: oneRosterVersion.value,
      files,
      source: { systemName, systemCode },
    },
    problems,
  };
}
