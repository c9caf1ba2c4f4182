import type { Role } from '../../../shared/identity.js';
import type { Db } from '../../platform/db/client.js';
import { credentials, employerLinks, guardianships, roleAssignments, users } from './schema.js';

export interface NewPerson {
  organisationId: string;
  id?: string;
  givenName: string;
  familyName: string;
  email: string;
  roles: { role: Role; siteId: string | null }[];
  /** An argon2id hash; without one the person cannot sign in. */
  passwordHash?: string;
  now: Date;
}

/**
 * Adds a person with their roles and sign-in credentials. Runs on the system connection because
 * credentials are a platform table; used by demo data, test factories and (later) roster import.
 */
export async function insertPerson(db: Db, p: NewPerson): Promise<string> {
  const email = p.email.trim().toLowerCase();
  const [row] = await db
    .insert(users)
    .values({
      organisationId: p.organisationId,
      ...(p.id ? { id: p.id } : {}),
      givenName: p.givenName,
      familyName: p.familyName,
      email,
      createdAt: p.now,
    })
    .returning({ id: users.id });
  const id = row!.id;
  if (p.roles.length > 0) {
    await db.insert(roleAssignments).values(
      p.roles.map((r) => ({ organisationId: p.organisationId, userId: id, role: r.role, siteId: r.siteId })),
    );
  }
  if (p.passwordHash) {
    await db.insert(credentials).values({
      email,
      organisationId: p.organisationId,
      userId: id,
      passwordHash: p.passwordHash,
      passwordChangedAt: p.now,
    });
  }
  return id;
}

export async function linkGuardian(db: Db, organisationId: string, guardianId: string, learnerId: string): Promise<void> {
  await db.insert(guardianships).values({ organisationId, guardianId, learnerId });
}

export async function linkEmployer(db: Db, organisationId: string, employerId: string, apprenticeId: string): Promise<void> {
  await db.insert(employerLinks).values({ organisationId, employerId, apprenticeId });
}
