import type { Role } from '../../shared/identity.js';
import type { Actor } from './auth/actor.js';

/**
 * How a role's holder relates to the record:
 * - organisation: holds the role anywhere in the record's organisation
 * - site: holds it organisation-wide or at one of the record's sites
 * - self: is the person the record is about
 * - guardian: is a parent or carer of the learner the record is about
 * - employer: employs the apprentice the record is about
 * - teaches: teaches (or assists in) the class the record is about, or a class of the learner
 */
export type Relationship = 'organisation' | 'site' | 'self' | 'guardian' | 'employer' | 'teaches';

export interface Grant {
  roles: readonly Role[] | 'any';
  relationship: Relationship;
}

/** A module's permissions: name → who holds it (STYLE.md: roles × scope × relationship). */
export type PermissionTable = Record<string, readonly Grant[]>;

/** Facts about a record, loaded by the service before it asks. */
export interface SubjectFacts {
  organisationId: string;
  siteIds?: readonly string[];
  personId?: string;
  guardianIds?: readonly string[];
  employerIds?: readonly string[];
  /** Staff of the class, or of any class of the learner, the record is about. */
  teacherIds?: readonly string[];
}

export interface AuthzDecision {
  allowed: boolean;
  permission: string;
  /** Which role and relationship allowed it, for the audit entry. */
  reason: string;
}

/** `public` routes need no sign-in; every other route names a permission from a module table. */
export const PUBLIC = 'public';

export class Permissions {
  private readonly table = new Map<string, readonly Grant[]>();

  constructor(tables: readonly PermissionTable[]) {
    for (const t of tables) {
      for (const [name, grants] of Object.entries(t)) {
        if (this.table.has(name)) throw new Error(`Permission ${name} is declared twice.`);
        this.table.set(name, grants);
      }
    }
  }

  has(permission: string): boolean {
    return this.table.has(permission);
  }

  names(): string[] {
    return [...this.table.keys()].sort();
  }

  /**
   * Does the actor hold this permission somewhere? The route hook asks this before the handler
   * runs; the service then asks `authorize` about the loaded record.
   */
  holdsAnywhere(actor: Actor, permission: string): boolean {
    const grants = this.grantsOf(permission);
    return grants.some((g) => actor.roles.some((r) => roleMatches(g, r.role)));
  }

  /** The one answer to "may this actor do this to this record?". Default deny. */
  authorize(actor: Actor, permission: string, subject: SubjectFacts): AuthzDecision {
    const deny: AuthzDecision = { allowed: false, permission, reason: 'no grant matched' };
    if (actor.organisationId !== subject.organisationId) return { ...deny, reason: 'other organisation' };
    for (const grant of this.grantsOf(permission)) {
      for (const held of actor.roles) {
        if (!roleMatches(grant, held.role)) continue;
        if (relates(grant.relationship, actor, held.siteId, subject)) {
          return { allowed: true, permission, reason: `${held.role} (${grant.relationship})` };
        }
      }
    }
    return deny;
  }

  private grantsOf(permission: string): readonly Grant[] {
    const grants = this.table.get(permission);
    if (!grants) throw new Error(`Unknown permission ${permission}.`);
    return grants;
  }
}

function roleMatches(grant: Grant, role: Role): boolean {
  return grant.roles === 'any' || grant.roles.includes(role);
}

function relates(rel: Relationship, actor: Actor, heldAtSite: string | null, subject: SubjectFacts): boolean {
  switch (rel) {
    case 'organisation':
      return true;
    case 'site':
      return heldAtSite === null || (subject.siteIds ?? []).includes(heldAtSite);
    case 'self':
      return subject.personId === actor.userId;
    case 'guardian':
      return (subject.guardianIds ?? []).includes(actor.userId);
    case 'employer':
      return (subject.employerIds ?? []).includes(actor.userId);
    case 'teaches':
      return (subject.teacherIds ?? []).includes(actor.userId);
  }
}
