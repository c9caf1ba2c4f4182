import { z } from 'zod';

export const AuditEntry = z.object({
  id: z.string(),
  at: z.string().datetime(),
  actor: z.object({ id: z.string().uuid(), displayName: z.string() }).nullable(),
  action: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  actorId: z.string().uuid().optional(),
  subjectId: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  /** Opaque cursor from the previous page's nextCursor. */
  before: z.string().regex(/^\d+$/).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({
  entries: z.array(AuditEntry),
  nextCursor: z.string().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;
