import type { Role } from '../../../../shared/roles.js';

/**
 * R-ORG-3: how OneRoster's vocabulary maps onto Continuum's. Pure tables, no I/O.
 */

/**
 * roles.csv `role` → the role a person holds here. Roles with no counterpart (counselor, proctor,
 * ext: values) are not imported; the report says how many.
 */
export const ROLE_MAP: Readonly<Record<string, Role>> = {
  student: 'learner',
  teacher: 'teacher',
  aide: 'teaching_assistant',
  guardian: 'guardian',
  parent: 'guardian',
  relative: 'guardian',
  siteAdministrator: 'admin',
  districtAdministrator: 'admin',
  systemAdministrator: 'admin',
  principal: 'senior_leader',
};

/**
 * The roles an import may take away again when the MIS stops listing them. An import adds admin
 * and senior_leader when the MIS says so but never removes them: a roster export must not be able
 * to lock the school's administrators out. Roles the MIS cannot express (dsl, senco, dpo…) are
 * never touched.
 */
export const REMOVABLE_ROLES: ReadonlySet<Role> = new Set<Role>(['learner', 'guardian', 'teacher', 'teaching_assistant']);

/** The roles an import manages at all (adds, and for REMOVABLE_ROLES removes). */
export const ROSTER_ROLES: ReadonlySet<Role> = new Set<Role>(Object.values(ROLE_MAP));

/** OneRoster org types that become sites. */
export function isSiteOrg(type: string): boolean {
  return type === 'school';
}

/** A year group for a grade code: "07" → Year 7; KG → Reception; PK → Nursery; others have none. */
export function yearGroupOf(grade: string): { code: string; name: string; yearOfSchooling: number } | null {
  if (/^(0[1-9]|1[0-3])$/.test(grade)) {
    const year = Number(grade);
    return { code: grade, name: `Year ${year}`, yearOfSchooling: year };
  }
  if (grade === 'KG') return { code: grade, name: 'Reception', yearOfSchooling: 0 };
  if (grade === 'PK') return { code: grade, name: 'Nursery', yearOfSchooling: -1 };
  return null;
}

/** classes.csv classType → classes.kind (an ext: type is taught like a scheduled class). */
export function classKindOf(classType: string): 'homeroom' | 'scheduled' {
  return classType === 'homeroom' ? 'homeroom' : 'scheduled';
}

/**
 * The key of a term row: terms belong to one site, a OneRoster term to the whole export, so a term
 * used at two schools is two rows, "<session sourcedId>@<school sourcedId>".
 */
export function termKey(sessionSourcedId: string, siteSourcedId: string): string {
  return `${sessionSourcedId}@${siteSourcedId}`;
}
