import { z } from 'zod';

/**
 * R-ORG-3: one zod schema per OneRoster 1.2 CSV file, row by row.
 *
 * Column names, which values are required and the enumerations follow the 1EdTech OneRoster 1.2
 * CSV binding (https://www.imsglobal.org/spec/oneroster/v1p2/bind/csv). A schema takes the row as
 * strings keyed by column name ('' for a blank or absent optional column) plus its line number,
 * and gives the typed record. Dates stay ISO strings: nothing here reads a clock or a time zone.
 */

/** The problem codes a field can raise; read.ts turns them into `organisation.roster.<code>`. */
export type FieldProblemCode = 'missing_value' | 'bad_value' | 'bad_date';

interface FieldIssueParams {
  roster: FieldProblemCode;
}

type Ctx = z.core.$RefinementCtx<string>;

function fail(ctx: Ctx, value: string, code: FieldProblemCode, reason: string): typeof z.NEVER {
  const params: FieldIssueParams = { roster: code };
  ctx.issues.push({ code: 'custom', message: reason, input: value, params });
  return z.NEVER;
}

/** The roster code carried by an issue from these schemas ('bad_value' for anything else). */
export function fieldProblemCode(issue: z.core.$ZodIssue): FieldProblemCode {
  if (issue.code === 'custom') {
    const params = issue.params as Partial<FieldIssueParams> | undefined;
    if (params?.roster !== undefined) return params.roster;
  }
  return 'bad_value';
}

// ---------------------------------------------------------------------------------------------
// Field kinds

const EXTENSION = /^ext:[A-Za-z0-9.\-_]+$/;

/** Required text: blank is a problem. */
const text = (why: string) => z.string().transform((v, ctx) => (v === '' ? fail(ctx, v, 'missing_value', why) : v));

/** Optional text: blank becomes null. */
const optionalText = () => z.string().transform((v) => (v === '' ? null : v));

/** A comma-separated list inside one field ("a,b" in quotes), e.g. termSourcedIds. */
function splitList(v: string): string[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const list = () => z.string().transform(splitList);

const requiredList = (why: string) =>
  z.string().transform((v, ctx) => {
    const items = splitList(v);
    return items.length === 0 ? fail(ctx, v, 'missing_value', why) : items;
  });

/** An enumeration from the spec; `ext:` values are the spec's extension point. */
function enumeration<const T extends readonly string[]>(values: T, opts: { required: string | false; extensible: boolean }) {
  const allowed = new Set<string>(values);
  const shown = values.join(', ');
  return z.string().transform((v, ctx): T[number] | `ext:${string}` | null => {
    if (v === '') return opts.required === false ? null : fail(ctx, v, 'missing_value', opts.required);
    if (allowed.has(v)) return v as T[number];
    if (opts.extensible && EXTENSION.test(v)) return v as `ext:${string}`;
    return fail(ctx, v, 'bad_value', `is not one of ${shown}${opts.extensible ? ' (or an ext: value)' : ''}.`);
  });
}

function booleanField(required: string | false) {
  return z.string().transform((v, ctx): boolean | null => {
    if (v === '') return required === false ? null : fail(ctx, v, 'missing_value', required);
    const lower = v.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    return fail(ctx, v, 'bad_value', 'is not true or false.');
  });
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** True when year-month-day names a day on the calendar (2026-02-30 does not). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day <= days;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function dateField(required: string | false) {
  return z.string().transform((v, ctx): string | null => {
    if (v === '') return required === false ? null : fail(ctx, v, 'missing_value', required);
    const m = DATE.exec(v);
    if (m === null) return fail(ctx, v, 'bad_date', 'is not a date; use YYYY-MM-DD such as 2026-09-01.');
    if (!isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
      return fail(ctx, v, 'bad_date', 'is not a day on the calendar.');
    }
    return v;
  });
}

function dateTimeField(required: string | false) {
  return z.string().transform((v, ctx): string | null => {
    if (v === '') return required === false ? null : fail(ctx, v, 'missing_value', required);
    const m = DATETIME.exec(v);
    if (m === null) {
      return fail(ctx, v, 'bad_date', 'is not a date and time; use ISO 8601 such as 2026-09-01T08:30:00Z.');
    }
    const ok =
      isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) &&
      Number(m[4]) <= 23 &&
      Number(m[5]) <= 59 &&
      Number(m[6]) <= 59;
    return ok ? v : fail(ctx, v, 'bad_date', 'is not a real date and time.');
  });
}

const year = (why: string) =>
  z.string().transform((v, ctx) => {
    if (v === '') return fail(ctx, v, 'missing_value', why);
    return /^\d{4}$/.test(v) ? v : fail(ctx, v, 'bad_value', 'is not a year; use four digits such as 2026.');
  });

/**
 * Grade codes from the spec's grade vocabulary (CEDS): IT, PR, PK, TK, KG, 01–13, PS, UG, Other.
 * UK year groups are carried as their number: Year 7 is "07".
 */
export const GRADE_CODES = [
  'IT', 'PR', 'PK', 'TK', 'KG', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', 'PS', 'UG', 'Other',
] as const;
const gradeSet = new Set<string>(GRADE_CODES);

const grades = () =>
  z.string().transform((v, ctx) => {
    const items = splitList(v);
    const bad = items.find((g) => !gradeSet.has(g) && !EXTENSION.test(g));
    return bad === undefined ? items : fail(ctx, v, 'bad_value', 'is not a grade code; use 2-digit codes such as 07.');
  });

export interface UserId {
  type: string;
  identifier: string;
}
const USER_ID = /^\{([^:}]+):([^}]+)\}$/;

/** userIds: a list of {type:identifier}, e.g. "{UPN:A123456789012},{LA:1234}". */
const userIds = () =>
  z.string().transform((v, ctx): UserId[] => {
    const parts = v.match(/\{[^}]*\}|[^,{}]+/g) ?? [];
    const out: UserId[] = [];
    for (const raw of parts) {
      const part = raw.trim();
      if (part === '') continue;
      const m = USER_ID.exec(part);
      if (m === null) return fail(ctx, v, 'bad_value', 'is not a list of {type:identifier} such as {UPN:A123456789012}.');
      out.push({ type: m[1] ?? '', identifier: m[2] ?? '' });
    }
    return out;
  });

// ---------------------------------------------------------------------------------------------
// Common fields

export const RECORD_STATUSES = ['active', 'tobedeleted'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

/** status and dateLastModified may be blank in a bulk file; read.ts requires them in a delta file. */
const base = {
  line: z.number().int(),
  sourcedId: text('every record needs a sourcedId.'),
  status: z.string().transform((v, ctx): RecordStatus | null => {
    if (v === '') return null;
    if (v === 'active' || v === 'tobedeleted') return v;
    return fail(ctx, v, 'bad_value', 'is not active or tobedeleted.');
  }),
  dateLastModified: dateTimeField(false),
};

// ---------------------------------------------------------------------------------------------
// Files

export const ORG_TYPES = ['department', 'school', 'district', 'local', 'state', 'national'] as const;
export const Org = z.object({
  ...base,
  name: text('every org needs a name.'),
  type: enumeration(ORG_TYPES, { required: 'every org needs a type such as school or district.', extensible: true }),
  identifier: optionalText(),
  parentSourcedId: optionalText(),
});
export type Org = z.output<typeof Org>;

export const SESSION_TYPES = ['gradingPeriod', 'semester', 'schoolYear', 'term'] as const;
export const AcademicSession = z.object({
  ...base,
  title: text('every academic session needs a title.'),
  type: enumeration(SESSION_TYPES, { required: 'every academic session needs a type such as term.', extensible: true }),
  startDate: dateField('every academic session needs a startDate.'),
  endDate: dateField('every academic session needs an endDate.'),
  parentSourcedId: optionalText(),
  schoolYear: year('every academic session needs the schoolYear it ends in, such as 2026.'),
});
export type AcademicSession = z.output<typeof AcademicSession>;

export const Course = z.object({
  ...base,
  schoolYearSourcedId: optionalText(),
  title: text('every course needs a title.'),
  courseCode: optionalText(),
  grades: grades(),
  orgSourcedId: text('every course needs the org that offers it.'),
  subjects: list(),
  subjectCodes: list(),
});
export type Course = z.output<typeof Course>;

export const CLASS_TYPES = ['homeroom', 'scheduled'] as const;
export const RosterClass = z.object({
  ...base,
  title: text('every class needs a title.'),
  grades: grades(),
  courseSourcedId: text('every class needs its course.'),
  classCode: optionalText(),
  classType: enumeration(CLASS_TYPES, { required: 'every class needs a classType: homeroom or scheduled.', extensible: true }),
  location: optionalText(),
  schoolSourcedId: text('every class needs its school.'),
  termSourcedIds: requiredList('every class needs at least one term.'),
  subjects: list(),
  subjectCodes: list(),
  periods: list(),
});
export type RosterClass = z.output<typeof RosterClass>;

export const RosterUser = z.object({
  ...base,
  enabledUser: booleanField('every user needs enabledUser true or false.'),
  username: text('every user needs a username.'),
  userIds: userIds(),
  givenName: text('every user needs a givenName.'),
  familyName: text('every user needs a familyName.'),
  middleName: optionalText(),
  identifier: optionalText(),
  email: optionalText(),
  sms: optionalText(),
  phone: optionalText(),
  agentSourcedIds: list(),
  grades: grades(),
  password: optionalText(),
  userMasterIdentifier: optionalText(),
  resourceSourcedIds: list(),
  preferredGivenName: optionalText(),
  preferredMiddleName: optionalText(),
  preferredFamilyName: optionalText(),
  primaryOrgSourcedId: optionalText(),
  pronouns: optionalText(),
});
export type RosterUser = z.output<typeof RosterUser>;

export const ROLE_TYPES = ['primary', 'secondary'] as const;
export const ROLE_NAMES = [
  'aide', 'counselor', 'districtAdministrator', 'guardian', 'parent', 'principal', 'proctor', 'relative',
  'siteAdministrator', 'student', 'systemAdministrator', 'teacher',
] as const;
export const RosterRole = z.object({
  ...base,
  userSourcedId: text('every role needs its user.'),
  roleType: enumeration(ROLE_TYPES, { required: 'every role needs a roleType: primary or secondary.', extensible: false }),
  role: enumeration(ROLE_NAMES, { required: 'every role needs a role such as student or teacher.', extensible: true }),
  beginDate: dateField(false),
  endDate: dateField(false),
  orgSourcedId: text('every role needs the org it is held at.'),
  userProfileSourcedId: optionalText(),
});
export type RosterRole = z.output<typeof RosterRole>;

export const UserProfile = z.object({
  ...base,
  userSourcedId: text('every user profile needs its user.'),
  profileType: text('every user profile needs a profileType.'),
  vendorId: text('every user profile needs a vendorId.'),
  applicationId: optionalText(),
  description: optionalText(),
  credentialType: text('every user profile needs a credentialType.'),
  username: text('every user profile needs a username.'),
  password: optionalText(),
});
export type UserProfile = z.output<typeof UserProfile>;

export const ENROLLMENT_ROLES = ['administrator', 'proctor', 'student', 'teacher'] as const;
export const Enrollment = z.object({
  ...base,
  classSourcedId: text('every enrollment needs its class.'),
  schoolSourcedId: text('every enrollment needs its school.'),
  userSourcedId: text('every enrollment needs its user.'),
  role: enumeration(ENROLLMENT_ROLES, { required: 'every enrollment needs a role such as student or teacher.', extensible: true }),
  primary: booleanField(false),
  beginDate: dateField(false),
  endDate: dateField(false),
});
export type Enrollment = z.output<typeof Enrollment>;

export const SEXES = ['male', 'female', 'unspecified', 'other'] as const;
export const Demographic = z.object({
  ...base,
  birthDate: dateField(false),
  sex: enumeration(SEXES, { required: false, extensible: true }),
  americanIndianOrAlaskaNative: booleanField(false),
  asian: booleanField(false),
  blackOrAfricanAmerican: booleanField(false),
  nativeHawaiianOrOtherPacificIslander: booleanField(false),
  white: booleanField(false),
  demographicRaceTwoOrMoreRaces: booleanField(false),
  hispanicOrLatinoEthnicity: booleanField(false),
  countryOfBirthCode: optionalText(),
  stateOfBirthAbbreviation: optionalText(),
  cityOfBirth: optionalText(),
  publicSchoolResidenceStatus: optionalText(),
});
export type Demographic = z.output<typeof Demographic>;
