import type {
  AcademicSession,
  Course,
  Demographic,
  Enrollment,
  Org,
  RosterClass,
  RosterRole,
  RosterUser,
  UserProfile,
} from './records.js';

/**
 * R-ORG-3: the part of each OneRoster record the import uses, kept small.
 *
 * A 20,000-learner trust exports about 300,000 rows. Each row is checked in full against its
 * schema (records.ts), then only these fields are kept, and every repeated value (a school's
 * sourcedId on 180,000 enrollments, "student", a date) is stored once: that is what keeps the
 * reader's memory to tens of megabytes rather than hundreds.
 */
/** Values the schema requires are never null once a row has passed it; these types say so. */
type Required<T, K extends keyof T> = Omit<T, K> & { [P in K]: NonNullable<T[P]> };

export type OrgRecord = Required<Pick<Org, 'line' | 'sourcedId' | 'status' | 'name' | 'type' | 'identifier' | 'parentSourcedId'>, 'type'>;
export type SessionRecord = Required<
  Pick<AcademicSession, 'line' | 'sourcedId' | 'status' | 'title' | 'type' | 'startDate' | 'endDate' | 'parentSourcedId' | 'schoolYear'>,
  'type' | 'startDate' | 'endDate'
>;
export type CourseRecord = Pick<
  Course,
  'line' | 'sourcedId' | 'status' | 'schoolYearSourcedId' | 'title' | 'courseCode' | 'grades' | 'orgSourcedId' | 'subjects'
>;
export type ClassRecord = Required<
  Pick<
    RosterClass,
    'line' | 'sourcedId' | 'status' | 'title' | 'grades' | 'courseSourcedId' | 'classType' | 'schoolSourcedId' | 'termSourcedIds' | 'subjects'
  >,
  'classType'
>;
export type UserRecord = Required<Pick<
  RosterUser,
  | 'line'
  | 'sourcedId'
  | 'status'
  | 'enabledUser'
  | 'username'
  | 'givenName'
  | 'familyName'
  | 'email'
  | 'agentSourcedIds'
  | 'grades'
  | 'primaryOrgSourcedId'
>, 'enabledUser'>;
export type RoleRecord = Required<
  Pick<RosterRole, 'line' | 'sourcedId' | 'status' | 'userSourcedId' | 'roleType' | 'role' | 'beginDate' | 'endDate' | 'orgSourcedId' | 'userProfileSourcedId'>,
  'roleType' | 'role'
>;
export type UserProfileRecord = Pick<UserProfile, 'line' | 'sourcedId' | 'status' | 'userSourcedId'>;
export type EnrollmentRecord = Required<
  Pick<Enrollment, 'line' | 'sourcedId' | 'status' | 'classSourcedId' | 'schoolSourcedId' | 'userSourcedId' | 'role' | 'primary' | 'beginDate' | 'endDate'>,
  'role'
>;
export type DemographicRecord = Pick<Demographic, 'line' | 'sourcedId' | 'status' | 'birthDate'>;

/** The records of a bundle, one list per rostering file (empty when the file is absent). */
export interface RosterRecords {
  orgs: OrgRecord[];
  academicSessions: SessionRecord[];
  courses: CourseRecord[];
  classes: ClassRecord[];
  users: UserRecord[];
  roles: RoleRecord[];
  userProfiles: UserProfileRecord[];
  enrollments: EnrollmentRecord[];
  demographics: DemographicRecord[];
}

/** A value the schema has already required. */
function need<T>(value: T | null): T {
  if (value === null) throw new Error('A required roster value passed its schema as null.');
  return value;
}

const NO_ITEMS: string[] = [];
Object.freeze(NO_ITEMS);

/** One copy of each repeated string and list, for the length of one read. */
export class Interner {
  private readonly strings = new Map<string, string>();
  private readonly lists = new Map<string, string[]>();

  text<T extends string | null>(value: T): T {
    if (value === null) return value;
    const known = this.strings.get(value);
    if (known !== undefined) return known as T;
    this.strings.set(value, value);
    return value;
  }

  list(items: readonly string[]): string[] {
    if (items.length === 0) return NO_ITEMS;
    const key = items.join('\u0000');
    const known = this.lists.get(key);
    if (known !== undefined) return known;
    const list = items.map((i) => this.text(i));
    Object.freeze(list);
    this.lists.set(key, list);
    return list;
  }
}

/** Per file: the parsed record → the compact record (fields in a fixed order, so every record shares one shape). */
export const COMPACT = {
  orgs: (r: Org, i: Interner): OrgRecord => ({
    line: r.line,
    sourcedId: i.text(r.sourcedId),
    status: r.status,
    name: r.name,
    type: i.text(need(r.type)),
    identifier: r.identifier,
    parentSourcedId: i.text(r.parentSourcedId),
  }),
  academicSessions: (r: AcademicSession, i: Interner): SessionRecord => ({
    line: r.line,
    sourcedId: i.text(r.sourcedId),
    status: r.status,
    title: r.title,
    type: i.text(need(r.type)),
    startDate: i.text(need(r.startDate)),
    endDate: i.text(need(r.endDate)),
    parentSourcedId: i.text(r.parentSourcedId),
    schoolYear: i.text(r.schoolYear),
  }),
  courses: (r: Course, i: Interner): CourseRecord => ({
    line: r.line,
    sourcedId: i.text(r.sourcedId),
    status: r.status,
    schoolYearSourcedId: i.text(r.schoolYearSourcedId),
    title: i.text(r.title),
    courseCode: r.courseCode,
    grades: i.list(r.grades),
    orgSourcedId: i.text(r.orgSourcedId),
    subjects: i.list(r.subjects),
  }),
  classes: (r: RosterClass, i: Interner): ClassRecord => ({
    line: r.line,
    sourcedId: i.text(r.sourcedId),
    status: r.status,
    title: r.title,
    grades: i.list(r.grades),
    courseSourcedId: i.text(r.courseSourcedId),
    classType: i.text(need(r.classType)),
    schoolSourcedId: i.text(r.schoolSourcedId),
    termSourcedIds: i.list(r.termSourcedIds),
    subjects: i.list(r.subjects),
  }),
  users: (r: RosterUser, i: Interner): UserRecord => ({
    line: r.line,
    sourcedId: i.text(r.sourcedId),
    status: r.status,
    enabledUser: need(r.enabledUser),
    username: r.username,
    givenName: i.text(r.givenName),
    familyName: i.text(r.familyName),
    email: r.email,
    agentSourcedIds: r.agentSourcedIds.length === 0 ? NO_ITEMS : r.agentSourcedIds.map((a) => i.text(a)),
    grades: i.list(r.grades),
    primaryOrgSourcedId: i.text(r.primaryOrgSourcedId),
  }),
  roles: (r: RosterRole, i: Interner): RoleRecord => ({
    line: r.line,
    sourcedId: r.sourcedId,
    status: r.status,
    userSourcedId: i.text(r.userSourcedId),
    roleType: i.text(need(r.roleType)),
    role: i.text(need(r.role)),
    beginDate: i.text(r.beginDate),
    endDate: i.text(r.endDate),
    orgSourcedId: i.text(r.orgSourcedId),
    userProfileSourcedId: i.text(r.userProfileSourcedId),
  }),
  userProfiles: (r: UserProfile, i: Interner): UserProfileRecord => ({
    line: r.line,
    sourcedId: i.text(r.sourcedId),
    status: r.status,
    userSourcedId: i.text(r.userSourcedId),
  }),
  enrollments: (r: Enrollment, i: Interner): EnrollmentRecord => ({
    line: r.line,
    sourcedId: r.sourcedId,
    status: r.status,
    classSourcedId: i.text(r.classSourcedId),
    schoolSourcedId: i.text(r.schoolSourcedId),
    userSourcedId: i.text(r.userSourcedId),
    role: i.text(need(r.role)),
    primary: r.primary,
    beginDate: i.text(r.beginDate),
    endDate: i.text(r.endDate),
  }),
  demographics: (r: Demographic, i: Interner): DemographicRecord => ({
    line: r.line,
    sourcedId: i.text(r.sourcedId),
    status: r.status,
    birthDate: r.birthDate,
  }),
} as const;
