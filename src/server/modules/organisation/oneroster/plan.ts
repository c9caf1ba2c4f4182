/**
 * R-ORG-3: the organisation as the database holds it (what the diff compares against) and the
 * writes that bring it in line with a roster (what the diff gives and apply.ts performs).
 * Ids are uuids; dates are ISO strings (YYYY-MM-DD).
 */

export interface CurrentRoster {
  sites: { id: string; sourcedId: string | null; name: string }[];
  terms: { id: string; siteId: string; sourcedId: string | null; name: string; startDate: string; endDate: string }[];
  /** Year groups only (kind year_group). */
  cohorts: { id: string; siteId: string; code: string | null; name: string }[];
  classes: {
    id: string;
    sourcedId: string | null;
    siteId: string;
    cohortId: string | null;
    name: string;
    subject: string;
    kind: string;
    ended: boolean;
  }[];
  people: {
    id: string;
    sourcedId: string | null;
    givenName: string;
    familyName: string;
    email: string | null;
    birthDate: string | null;
    left: boolean;
  }[];
  roles: { userId: string; role: string; siteId: string | null }[];
  guardianships: { guardianId: string; learnerId: string }[];
  enrolments: { classId: string; learnerId: string; sourcedId: string | null; startDate: string | null; endDate: string | null }[];
  classStaff: { classId: string; userId: string; role: string; isPrimary: boolean }[];
  /** Memberships of year-group cohorts. */
  cohortMembers: { cohortId: string; learnerId: string }[];
}

export interface SiteRow {
  id: string;
  sourcedId: string;
  name: string;
}
export interface TermRow {
  id: string;
  siteId: string;
  sourcedId: string;
  name: string;
  startDate: string;
  endDate: string;
}
export interface CohortRow {
  id: string;
  siteId: string;
  code: string;
  name: string;
  yearOfSchooling: number;
}
export interface ClassRow {
  id: string;
  sourcedId: string;
  siteId: string;
  cohortId: string | null;
  name: string;
  subject: string;
  kind: 'homeroom' | 'scheduled';
  /** Set ended_at (now, or kept if already set); false clears it. */
  ended: boolean;
}
export interface PersonRow {
  id: string;
  sourcedId: string;
  givenName: string;
  familyName: string;
  email: string | null;
  birthDate: string | null;
  /** Set left_at (now, or kept if already set); false clears it. */
  left: boolean;
}
export interface RoleRow {
  userId: string;
  role: string;
  siteId: string | null;
}
export interface GuardianshipRow {
  guardianId: string;
  learnerId: string;
}
export interface StaffRow {
  classId: string;
  userId: string;
  role: 'teacher' | 'teaching_assistant';
  isPrimary: boolean;
}
export interface EnrolmentRow {
  classId: string;
  learnerId: string;
  sourcedId: string | null;
  startDate: string | null;
  endDate: string | null;
}
export interface MemberRow {
  cohortId: string;
  learnerId: string;
}

export interface RosterPlan {
  sites: { insert: SiteRow[]; update: SiteRow[] };
  terms: { insert: TermRow[]; update: TermRow[] };
  cohorts: { insert: CohortRow[] };
  classes: { insert: ClassRow[]; update: ClassRow[] };
  /** `releaseEmail`: people whose e-mail changes have it cleared first, so two people can swap addresses. */
  people: { insert: PersonRow[]; update: PersonRow[]; releaseEmail: string[] };
  roles: { insert: RoleRow[]; remove: RoleRow[] };
  guardianships: { insert: GuardianshipRow[]; remove: GuardianshipRow[] };
  classStaff: { insert: StaffRow[]; update: StaffRow[]; remove: StaffRow[] };
  /** `update` rows are matched on (classId, learnerId); `release` frees sourcedIds that move to another row first. */
  enrolments: { insert: EnrolmentRow[]; update: EnrolmentRow[]; release: string[] };
  cohortMembers: { insert: MemberRow[]; remove: MemberRow[] };
}

export function emptyPlan(): RosterPlan {
  return {
    sites: { insert: [], update: [] },
    terms: { insert: [], update: [] },
    cohorts: { insert: [] },
    classes: { insert: [], update: [] },
    people: { insert: [], update: [], releaseEmail: [] },
    roles: { insert: [], remove: [] },
    guardianships: { insert: [], remove: [] },
    classStaff: { insert: [], update: [], remove: [] },
    enrolments: { insert: [], update: [], release: [] },
    cohortMembers: { insert: [], remove: [] },
  };
}

/** Rows the plan writes, for the audit entry and the import's row count. */
export function planSize(plan: RosterPlan): number {
  let n = 0;
  for (const part of Object.values(plan)) {
    for (const [action, rows] of Object.entries(part as Record<string, unknown[]>)) if (!action.startsWith('release')) n += rows.length;
  }
  return n;
}
