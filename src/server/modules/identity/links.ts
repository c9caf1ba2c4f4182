import { and, eq } from 'drizzle-orm';
import type { EmployersBody, GuardiansBody, LearnerLinks } from '../../../shared/identity.js';
import type { Ctx } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit/record.js';
import type { Permissions } from '../../platform/authz.js';
import type { Clock } from '../../platform/clock.js';
import type { Database, TenantTx } from '../../platform/db/client.js';
import { AppError, NotFound } from '../../platform/errors.js';
import { holdersOf, personFacts, personNames } from './service.js';
import { employerLinks, guardianships } from './schema.js';

/**
 * R-ORG-1: admins link learners to their parents and carers, and apprentices to their employers.
 * These links decide what a parent or employer may see, so each change is checked (the person
 * linked must hold that role here) and audited with the before and after.
 */
export function createLinksService(deps: { db: Database; clock: Clock; permissions: Permissions }) {
  const { db, clock, permissions } = deps;

  async function learnerIn(tx: TenantTx, ctx: Ctx, learnerId: string) {
    const facts = await personFacts(tx, ctx.actor.organisationId, learnerId);
    if (!facts || !permissions.authorize(ctx.actor, 'identity.links.manage', facts).allowed) throw NotFound();
    const [learner] = await holdersOf(tx, ctx.actor.organisationId, [learnerId], ['learner']);
    if (!learner) throw NotFound();
  }

  async function view(tx: TenantTx, org: string, learnerId: string): Promise<LearnerLinks> {
    const g = await tx.select({ id: guardianships.guardianId }).from(guardianships).where(and(eq(guardianships.organisationId, org), eq(guardianships.learnerId, learnerId)));
    const e = await tx.select({ id: employerLinks.employerId }).from(employerLinks).where(and(eq(employerLinks.organisationId, org), eq(employerLinks.apprenticeId, learnerId)));
    const names = await personNames(tx, org, [learnerId, ...g.map((x) => x.id), ...e.map((x) => x.id)]);
    const summary = (id: string) => ({ id, displayName: names.get(id) ?? '' });
    const byName = (a: { displayName: string }, b: { displayName: string }) => a.displayName.localeCompare(b.displayName);
    return { learner: summary(learnerId), guardians: g.map((x) => summary(x.id)).sort(byName), employers: e.map((x) => summary(x.id)).sort(byName) };
  }

  /** The people named must hold `role` in this organisation; refused by position otherwise. */
  async function requireRole(tx: TenantTx, org: string, ids: string[], role: 'guardian' | 'employer', field: string) {
    const ok = new Set((await holdersOf(tx, org, ids, [role])).map((p) => p.id));
    const details = ids.flatMap((id, i) => (ok.has(id) ? [] : [{ path: [field, i], code: `identity.links.not_${role}`, message: role === 'guardian' ? 'This person is not a parent or carer here.' : 'This person is not an employer here.' }]));
    if (details.length) throw new AppError(`identity.links.not_${role}`, 400, role === 'guardian' ? 'Only parents and carers can be linked to a learner as such.' : 'Only employers can be linked to an apprentice.', details);
  }

  return {
    async links(ctx: Ctx, learnerId: string): Promise<LearnerLinks> {
      return db.withTenant(ctx.actor.organisationId, async (tx) => {
        await learnerIn(tx, ctx, learnerId);
        return view(tx, ctx.actor.organisationId, learnerId);
      });
    },

    async setGuardians(ctx: Ctx, learnerId: string, body: GuardiansBody): Promise<LearnerLinks> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        await learnerIn(tx, ctx, learnerId);
        const ids = [...new Set(body.guardianIds)];
        await requireRole(tx, org, body.guardianIds, 'guardian', 'guardianIds');
        const before = await view(tx, org, learnerId);
        await tx.delete(guardianships).where(and(eq(guardianships.organisationId, org), eq(guardianships.learnerId, learnerId)));
        if (ids.length) await tx.insert(guardianships).values(ids.map((guardianId) => ({ organisationId: org, guardianId, learnerId })));
        await recordAudit(tx, {
          organisationId: org,
          actorId: ctx.actor.userId,
          action: 'identity.guardians.changed',
          subjectType: 'person',
          subjectId: learnerId,
          meta: ctx.meta,
          at: clock.now(),
          details: { before: before.guardians.map((g) => g.id), after: ids },
        });
        return view(tx, org, learnerId);
      });
    },

    async setEmployers(ctx: Ctx, learnerId: string, body: EmployersBody): Promise<LearnerLinks> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        await learnerIn(tx, ctx, learnerId);
        const ids = [...new Set(body.employerIds)];
        await requireRole(tx, org, body.employerIds, 'employer', 'employerIds');
        const before = await view(tx, org, learnerId);
        await tx.delete(employerLinks).where(and(eq(employerLinks.organisationId, org), eq(employerLinks.apprenticeId, learnerId)));
        if (ids.length) await tx.insert(employerLinks).values(ids.map((employerId) => ({ organisationId: org, employerId, apprenticeId: learnerId })));
        await recordAudit(tx, {
          organisationId: org,
          actorId: ctx.actor.userId,
          action: 'identity.employers.changed',
          subjectType: 'person',
          subjectId: learnerId,
          meta: ctx.meta,
          at: clock.now(),
          details: { before: before.employers.map((g) => g.id), after: ids },
        });
        return view(tx, org, learnerId);
      });
    },
  };
}

export type LinksService = ReturnType<typeof createLinksService>;
