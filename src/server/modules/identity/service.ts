import { hash, verify } from '@node-rs/argon2';
import { and, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Me, Person, RoleAssignment } from '../../../shared/identity.js';
import { Role } from '../../../shared/identity.js';
import { rolesHeldAt, type Ctx, type RequestMeta, type RoleGrant } from '../../platform/auth/actor.js';
import { createSession, endAllSessions, endSession } from '../../platform/auth/sessions.js';
import { recordAudit } from '../../platform/audit/record.js';
import type { Permissions, SubjectFacts } from '../../platform/authz.js';
import type { Clock } from '../../platform/clock.js';
import type { Database, TenantTx } from '../../platform/db/client.js';
import { NotFound } from '../../platform/errors.js';
import { organisationOf, siteNames } from '../organisation/index.js';
import { AccountLocked, InvalidCredentials, PasswordTooWeak, WrongCurrentPassword } from './errors.js';
import { afterFailedSignIn, describeProblems, isLockedOut, newPasswordProblems, type LockoutPolicy } from './rules.js';
import { credentials, employerLinks, guardianships, roleAssignments, users } from './schema.js';

export interface IdentityDeps {
  db: Database;
  clock: Clock;
  permissions: Permissions;
  sessionTtlHours: number;
  lockout: LockoutPolicy;
}

// argon2id (Algorithm.Argon2id = 2, a const enum the package exports only as a type) with the
// OWASP-recommended cost: 19 MiB, two passes.
const ARGON2 = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

// Compared against when the e-mail is unknown, so the answer takes as long as for a real account.
let dummyHash: Promise<string> | undefined;

function displayName(u: { givenName: string; familyName: string }): string {
  return `${u.givenName} ${u.familyName}`;
}

/** Formats an instant as a person in England reads it: "14:05 on 3 March". */
function londonTime(at: Date): string {
  const time = at.toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' });
  const day = at.toLocaleDateString('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long' });
  return `${time} on ${day}`;
}

/** Display names of people, for other modules (e.g. the audit log) that show who did what. */
export async function personNames(tx: TenantTx, organisationId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, givenName: users.givenName, familyName: users.familyName })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), inArray(users.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, displayName(r)]));
}

/** The roles a person holds at a site (organisation-wide ones included): who authorised what, for the record. */
export async function rolesAt(tx: TenantTx, organisationId: string, userId: string, siteId: string): Promise<Role[]> {
  const rows = await tx
    .select({ role: roleAssignments.role, siteId: roleAssignments.siteId })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.organisationId, organisationId), eq(roleAssignments.userId, userId)));
  return rolesHeldAt(rows.map((r) => ({ role: r.role as Role, siteId: r.siteId })), siteId);
}

/** What other modules need to invite people and size a session: name, e-mail, date of birth, parents and carers. */
export async function peopleFacts(
  tx: TenantTx,
  organisationId: string,
  ids: readonly string[],
): Promise<Map<string, { displayName: string; email: string | null; birthDate: string | null; guardianIds: string[] }>> {
  if (ids.length === 0) return new Map();
  const unique = [...new Set(ids)];
  const rows = await tx
    .select({ id: users.id, givenName: users.givenName, familyName: users.familyName, email: users.email, birthDate: users.birthDate })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), inArray(users.id, unique)));
  const links = await tx
    .select({ learnerId: guardianships.learnerId, guardianId: guardianships.guardianId })
    .from(guardianships)
    .where(and(eq(guardianships.organisationId, organisationId), inArray(guardianships.learnerId, unique)));
  return new Map(
    rows.map((r) => [
      r.id,
      { displayName: displayName(r), email: r.email, birthDate: r.birthDate, guardianIds: links.filter((l) => l.learnerId === r.id).map((l) => l.guardianId) },
    ]),
  );
}

/**
 * People of an organisation holding any of `roles` (at `siteId`, or organisation-wide when the
 * role has no site), whose name or e-mail contains `q`: for pickers ("add a teacher to 8X/Ma1").
 * People who have left are not offered.
 */
export async function findPeople(
  tx: TenantTx,
  organisationId: string,
  f: { roles: readonly string[]; siteId?: string; q?: string; limit: number },
): Promise<{ id: string; displayName: string; email: string | null; roles: string[] }[]> {
  const pattern = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await tx
    .select({ id: users.id, givenName: users.givenName, familyName: users.familyName, email: users.email, role: roleAssignments.role })
    .from(users)
    .innerJoin(roleAssignments, and(eq(roleAssignments.organisationId, users.organisationId), eq(roleAssignments.userId, users.id)))
    .where(
      and(
        holding(organisationId, f.roles, f.siteId),
        pattern
          ? or(ilike(sql`${users.givenName} || ' ' || ${users.familyName}`, pattern), ilike(users.familyName, pattern), ilike(users.email, pattern))
          : undefined,
      ),
    )
    .orderBy(users.familyName, users.givenName)
    .limit(f.limit * 4);
  const byId = new Map<string, { id: string; displayName: string; email: string | null; roles: string[] }>();
  for (const r of rows) {
    const seen = byId.get(r.id);
    if (seen) {
      if (!seen.roles.includes(r.role)) seen.roles.push(r.role);
    } else if (byId.size < f.limit) {
      byId.set(r.id, { id: r.id, displayName: displayName(r), email: r.email, roles: [r.role] });
    }
  }
  return [...byId.values()];
}

/** People (joined to their role assignments) who hold one of `roles` at `siteId` or organisation-wide, and have not left. */
function holding(organisationId: string, roles: readonly string[], siteId: string | undefined) {
  return and(
    eq(users.organisationId, organisationId),
    isNull(users.leftAt),
    inArray(roleAssignments.role, [...roles]),
    siteId ? or(eq(roleAssignments.siteId, siteId), isNull(roleAssignments.siteId)) : undefined,
  );
}

/** Which of `ids` hold one of `roles` (at `siteId` or organisation-wide) and have not left. */
export async function holdersOf(tx: TenantTx, organisationId: string, ids: string[], roles: readonly string[], siteId?: string): Promise<{ id: string }[]> {
  if (ids.length === 0) return [];
  return tx
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(roleAssignments, and(eq(roleAssignments.organisationId, users.organisationId), eq(roleAssignments.userId, users.id)))
    .where(and(holding(organisationId, roles, siteId), inArray(users.id, ids)));
}

/**
 * What authorization needs to know about a person as the subject of a record: where they belong
 * and who is related to them. Null when they are not in this organisation.
 */
export async function personFacts(tx: TenantTx, organisationId: string, personId: string): Promise<(SubjectFacts & { personId: string }) | null> {
  const [user] = await tx.select({ id: users.id }).from(users).where(and(eq(users.organisationId, organisationId), eq(users.id, personId)));
  if (!user) return null;
  const sites = await tx
    .select({ siteId: roleAssignments.siteId })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.organisationId, organisationId), eq(roleAssignments.userId, personId)));
  const guardians = await tx
    .select({ id: guardianships.guardianId })
    .from(guardianships)
    .where(and(eq(guardianships.organisationId, organisationId), eq(guardianships.learnerId, personId)));
  const employers = await tx
    .select({ id: employerLinks.employerId })
    .from(employerLinks)
    .where(and(eq(employerLinks.organisationId, organisationId), eq(employerLinks.apprenticeId, personId)));
  return {
    organisationId,
    personId,
    siteIds: sites.map((r) => r.siteId).filter((s): s is string => s !== null),
    guardianIds: guardians.map((r) => r.id),
    employerIds: employers.map((r) => r.id),
  };
}

export function createIdentityService(deps: IdentityDeps) {
  const { db, clock, permissions } = deps;

  async function grantsOf(tx: TenantTx, organisationId: string, userId: string): Promise<RoleGrant[]> {
    const rows = await tx
      .select({ role: roleAssignments.role, siteId: roleAssignments.siteId })
      .from(roleAssignments)
      .where(and(eq(roleAssignments.organisationId, organisationId), eq(roleAssignments.userId, userId)));
    return rows.map((r) => ({ role: Role.parse(r.role), siteId: r.siteId }));
  }

  /** Role grants with their sites' names, for showing. */
  async function withSiteNames(tx: TenantTx, organisationId: string, grants: RoleGrant[]): Promise<RoleAssignment[]> {
    const names = await siteNames(tx, organisationId, grants.map((g) => g.siteId).filter((s): s is string => s !== null));
    return grants.map((g) => ({ role: g.role, siteId: g.siteId, siteName: g.siteId ? (names.get(g.siteId) ?? null) : null }));
  }

  function byName(rows: { id: string; givenName: string; familyName: string }[]) {
    return rows.map((r) => ({ id: r.id, displayName: displayName(r) })).sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  async function buildMe(tx: TenantTx, organisationId: string, userId: string, grants: RoleGrant[], csrfToken: string): Promise<Me> {
    const [user] = await tx.select().from(users).where(and(eq(users.organisationId, organisationId), eq(users.id, userId)));
    const org = await organisationOf(tx, organisationId);
    if (!user || !org) throw NotFound();
    const roles = await withSiteNames(tx, organisationId, grants);
    const person = { id: users.id, givenName: users.givenName, familyName: users.familyName };
    const children = await tx
      .select(person)
      .from(guardianships)
      .innerJoin(users, and(eq(users.organisationId, guardianships.organisationId), eq(users.id, guardianships.learnerId)))
      .where(and(eq(guardianships.organisationId, organisationId), eq(guardianships.guardianId, userId)));
    const apprentices = await tx
      .select(person)
      .from(employerLinks)
      .innerJoin(users, and(eq(users.organisationId, employerLinks.organisationId), eq(users.id, employerLinks.apprenticeId)))
      .where(and(eq(employerLinks.organisationId, organisationId), eq(employerLinks.employerId, userId)));
    const actorLike = { userId, organisationId, roles: grants, sessionKey: '', csrfToken };
    return {
      user: {
        id: user.id,
        displayName: displayName(user),
        givenName: user.givenName,
        familyName: user.familyName,
        email: user.email,
      },
      organisation: { id: org.id, name: org.name, kind: org.kind },
      roles,
      children: byName(children),
      apprentices: byName(apprentices),
      can: {
        readAudit: permissions.holdsAnywhere(actorLike, 'audit.read'),
        setClock: clock.adjustable && permissions.holdsAnywhere(actorLike, 'platform.clock.set'),
        manageOrganisation: permissions.holdsAnywhere(actorLike, 'organisation.manage'),
        importRoster: permissions.holdsAnywhere(actorLike, 'organisation.roster.import'),
        readPolicy: permissions.holdsAnywhere(actorLike, 'policy.read'),
        editPolicy: permissions.holdsAnywhere(actorLike, 'policy.edit'),
        setWork: permissions.holdsAnywhere(actorLike, 'work.set'),
        markWork: permissions.holdsAnywhere(actorLike, 'work.mark'),
        overseeWork: permissions.holdsAnywhere(actorLike, 'work.oversee'),
        readReferrals: permissions.holdsAnywhere(actorLike, 'work.referrals.read'),
        printPacks: permissions.holdsAnywhere(actorLike, 'work.pack'),
        bookLive: permissions.holdsAnywhere(actorLike, 'live.book'),
        authoriseLive: permissions.holdsAnywhere(actorLike, 'live.authorise'),
        readLiveRecord: permissions.holdsAnywhere(actorLike, 'live.record.read'),
      },
      csrfToken,
      now: clock.now().toISOString(),
    };
  }

  return {
    /** The roles a signed-in person holds now (read on every request, so a removed role stops at once). */
    // Part of authenticating every request, like the session look-up beside it: read on the
    // system connection, scoped by the session's own organisation, without a transaction.
    async loadRoles(organisationId: string, userId: string): Promise<RoleGrant[] | null> {
      const rows = await db.system
        .select({ role: roleAssignments.role, siteId: roleAssignments.siteId })
        .from(roleAssignments)
        .where(and(eq(roleAssignments.organisationId, organisationId), eq(roleAssignments.userId, userId)));
      if (rows.length === 0) return null;
      return rows.map((r) => ({ role: Role.parse(r.role), siteId: r.siteId }));
    },

    /** Password sign-in with lockout after repeated failures; starts a server-side session. */
    async signIn(email: string, password: string, meta: RequestMeta): Promise<{ token: string; me: Me }> {
      const now = clock.now();
      const [cred] = await db.system.select().from(credentials).where(eq(credentials.email, email));
      if (!cred) {
        dummyHash ??= hashPassword('Not-a-real-password-1!');
        await verify(await dummyHash, password).catch(() => false);
        throw InvalidCredentials();
      }
      const audit = (action: string, details: Record<string, unknown> = {}) =>
        db.withTenant(cred.organisationId, (tx) =>
          recordAudit(tx, {
            organisationId: cred.organisationId,
            actorId: cred.userId,
            action,
            subjectType: 'user',
            subjectId: cred.userId,
            meta,
            at: now,
            details,
          }),
        );
      if (isLockedOut(cred, now)) {
        await audit('identity.sign_in.refused_locked');
        throw AccountLocked(londonTime(cred.lockedUntil!));
      }
      if (!(await verify(cred.passwordHash, password))) {
        const next = afterFailedSignIn(cred, now, deps.lockout);
        await db.system
          .update(credentials)
          .set({ failedAttempts: next.failedAttempts, lockedUntil: next.lockedUntil })
          .where(eq(credentials.email, email));
        await audit(next.locked ? 'identity.account.locked' : 'identity.sign_in.failed', {
          failedAttempts: next.failedAttempts,
        });
        if (next.locked) throw AccountLocked(londonTime(next.lockedUntil!));
        throw InvalidCredentials();
      }
      if (cred.failedAttempts > 0 || cred.lockedUntil) {
        await db.system.update(credentials).set({ failedAttempts: 0, lockedUntil: null }).where(eq(credentials.email, email));
      }
      const { token, row } = await createSession(db.system, {
        organisationId: cred.organisationId,
        userId: cred.userId,
        now,
        ttlHours: deps.sessionTtlHours,
        ip: meta.ip,
        userAgent: meta.userAgent,
      });
      const me = await db.withTenant(cred.organisationId, async (tx) => {
        await recordAudit(tx, {
          organisationId: cred.organisationId,
          actorId: cred.userId,
          action: 'identity.session.created',
          subjectType: 'user',
          subjectId: cred.userId,
          meta,
          at: now,
        });
        return buildMe(tx, cred.organisationId, cred.userId, await grantsOf(tx, cred.organisationId, cred.userId), row.csrfToken);
      });
      return { token, me };
    },

    async me(ctx: Ctx): Promise<Me> {
      const { actor } = ctx;
      return db.withTenant(actor.organisationId, (tx) => buildMe(tx, actor.organisationId, actor.userId, actor.roles, actor.csrfToken));
    },

    async signOut(ctx: Ctx, everywhere: boolean): Promise<void> {
      const { actor } = ctx;
      if (everywhere) await endAllSessions(db.system, actor.organisationId, actor.userId);
      else await endSession(db.system, actor.sessionKey);
      await db.withTenant(actor.organisationId, (tx) =>
        recordAudit(tx, {
          organisationId: actor.organisationId,
          actorId: actor.userId,
          action: everywhere ? 'identity.session.ended_everywhere' : 'identity.session.ended',
          subjectType: 'user',
          subjectId: actor.userId,
          meta: ctx.meta,
          at: clock.now(),
        }),
      );
    },

    /** R-DATA-5: change one's own password; every other session of this person ends. */
    async changePassword(ctx: Ctx, currentPassword: string, newPassword: string): Promise<void> {
      const { actor } = ctx;
      const [cred] = await db.system
        .select()
        .from(credentials)
        .where(and(eq(credentials.organisationId, actor.organisationId), eq(credentials.userId, actor.userId)));
      if (!cred || !(await verify(cred.passwordHash, currentPassword))) throw WrongCurrentPassword();
      const problems = newPasswordProblems(newPassword, currentPassword);
      if (problems.length > 0) {
        throw PasswordTooWeak(describeProblems(problems)).withDetails(
          problems.map((p) => ({ path: ['newPassword'], code: 'too_weak', message: `needs ${p}` })),
        );
      }
      const now = clock.now();
      await db.system
        .update(credentials)
        .set({ passwordHash: await hashPassword(newPassword), passwordChangedAt: now, failedAttempts: 0, lockedUntil: null })
        .where(eq(credentials.email, cred.email));
      const ended = await endAllSessions(db.system, actor.organisationId, actor.userId, actor.sessionKey);
      await db.withTenant(actor.organisationId, (tx) =>
        recordAudit(tx, {
          organisationId: actor.organisationId,
          actorId: actor.userId,
          action: 'identity.password.changed',
          subjectType: 'user',
          subjectId: actor.userId,
          meta: ctx.meta,
          at: now,
          details: { otherSessionsEnded: ended },
        }),
      );
    },

    /**
     * A person's name and roles, to those related to them; contact details only to those who
     * need them, and that read is audited. Unknown and not-allowed look the same (404).
     */
    async getPerson(ctx: Ctx, personId: string): Promise<Person> {
      const { actor } = ctx;
      return db.withTenant(actor.organisationId, async (tx) => {
        const [user] = await tx
          .select()
          .from(users)
          .where(and(eq(users.organisationId, actor.organisationId), eq(users.id, personId)));
        if (!user) throw NotFound();
        const roles = await withSiteNames(tx, actor.organisationId, await grantsOf(tx, actor.organisationId, personId));
        const subject = (await personFacts(tx, actor.organisationId, personId))!;
        if (!permissions.authorize(actor, 'identity.person.read', subject).allowed) throw NotFound();
        const contact = permissions.authorize(actor, 'identity.person.contact.read', subject);
        if (contact.allowed) {
          await recordAudit(tx, {
            organisationId: actor.organisationId,
            actorId: actor.userId,
            action: 'identity.person.contact_read',
            subjectType: 'user',
            subjectId: personId,
            meta: ctx.meta,
            at: clock.now(),
            details: { decision: contact },
          });
        }
        return { id: user.id, displayName: displayName(user), roles, email: contact.allowed ? user.email : null };
      });
    },
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
