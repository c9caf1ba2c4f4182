import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { AuditPage, AuditQuery } from '../../../shared/audit.js';
import type { Ctx } from '../../platform/auth/actor.js';
import { PLATFORM_ACTOR, recordAudit } from '../../platform/audit/record.js';
import { auditEvents } from '../../platform/audit/schema.js';
import type { Permissions } from '../../platform/authz.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/client.js';
import { Forbidden } from '../../platform/errors.js';
import { personNames } from '../identity/index.js';

export function createPrivacyService(deps: { db: Database; clock: Clock; permissions: Permissions }) {
  const { db, clock, permissions } = deps;
  return {
    /** The audit log, newest first, filtered by person and record; reading it is itself audited. */
    async listAudit(ctx: Ctx, q: AuditQuery): Promise<AuditPage> {
      const { actor } = ctx;
      const decision = permissions.authorize(actor, 'audit.read', { organisationId: actor.organisationId });
      if (!decision.allowed) throw Forbidden();
      return db.withTenant(actor.organisationId, async (tx) => {
        const where = and(
          eq(auditEvents.organisationId, actor.organisationId),
          q.actorId ? eq(auditEvents.actorId, q.actorId) : undefined,
          q.subjectId ? eq(auditEvents.subjectId, q.subjectId) : undefined,
          q.action ? sql`${auditEvents.action} like ${`${q.action.replace(/[%_\\]/g, '\\$&')}%`}` : undefined,
          q.before ? lt(auditEvents.id, BigInt(q.before)) : undefined,
        );
        const rows = await tx
          .select({
            id: auditEvents.id,
            at: auditEvents.at,
            actorId: auditEvents.actorId,
            action: auditEvents.action,
            subjectType: auditEvents.subjectType,
            subjectId: auditEvents.subjectId,
            ip: auditEvents.ip,
            userAgent: auditEvents.userAgent,
            requestId: auditEvents.requestId,
            details: auditEvents.details,
          })
          .from(auditEvents)
          .where(where)
          .orderBy(desc(auditEvents.id))
          .limit(q.limit + 1);
        const page = rows.slice(0, q.limit);
        const names = await personNames(
          tx,
          actor.organisationId,
          page.map((r) => r.actorId).filter((id): id is string => id !== null),
        );
        await recordAudit(tx, {
          organisationId: actor.organisationId,
          actorId: actor.userId,
          action: 'privacy.audit.read',
          meta: ctx.meta,
          at: clock.now(),
          details: { filters: { actorId: q.actorId ?? null, subjectId: q.subjectId ?? null, action: q.action ?? null } },
        });
        return {
          entries: page.map((r) => ({
            id: String(r.id),
            at: r.at.toISOString(),
            actor: r.actorId
              ? { id: r.actorId, displayName: names.get(r.actorId) ?? (r.actorId === PLATFORM_ACTOR.id ? PLATFORM_ACTOR.displayName : 'Unknown person') }
              : null,
            action: r.action,
            subjectType: r.subjectType,
            subjectId: r.subjectId,
            ip: r.ip,
            userAgent: r.userAgent,
            requestId: r.requestId,
            details: (r.details ?? {}) as Record<string, unknown>,
          })),
          nextCursor: rows.length > q.limit && page.length > 0 ? String(page[page.length - 1]!.id) : null,
        };
      });
    },
  };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;
