import type { TenantTx } from '../db/client.js';
import type { RequestMeta } from '../auth/actor.js';
import { auditEvents } from './schema.js';

/**
 * The platform itself, as the actor of what nobody did by hand (a job deleting a recording at the
 * end of its retention, a policy upgraded at start-up). One id, named in the audit log.
 */
export const PLATFORM_ACTOR = { id: '00000000-0000-0000-0000-000000000000', displayName: 'Continuum (the platform itself)' } as const;

export interface AuditEntryInput {
  organisationId: string;
  actorId: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  meta?: RequestMeta;
  at: Date;
  details?: Record<string, unknown>;
}

/**
 * Appends one audit entry inside the caller's transaction, so the entry and the change it
 * describes are written together or not at all.
 */
export async function recordAudit(tx: TenantTx, e: AuditEntryInput): Promise<void> {
  await tx.insert(auditEvents).values({
    organisationId: e.organisationId,
    actorId: e.actorId,
    action: e.action,
    subjectType: e.subjectType ?? null,
    subjectId: e.subjectId ?? null,
    ip: e.meta?.ip ?? null,
    userAgent: e.meta?.userAgent?.slice(0, 400) ?? null,
    requestId: e.meta?.requestId ?? null,
    at: e.at,
    details: e.details ?? {},
  });
}
