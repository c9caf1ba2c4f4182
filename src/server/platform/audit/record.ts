import type { TenantTx } from '../db/client.js';
import type { RequestMeta } from '../auth/actor.js';
import { auditEvents } from './schema.js';

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
