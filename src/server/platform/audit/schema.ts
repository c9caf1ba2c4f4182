import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantIsolation } from '../db/tenancy.js';

/**
 * Append-only audit log: every write and every read of sensitive data. A trigger refuses UPDATE
 * and DELETE for everyone, and the RLS-bound role is granted only SELECT and INSERT.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: bigint('id', { mode: 'bigint' }).generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    /** Dotted verb: `identity.session.created`, `identity.person.contact_read`… */
    action: text('action').notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    /** What was decided and why (a rule's Decision), and any other facts worth keeping. */
    details: jsonb('details').notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    index('audit_events_actor_idx').on(t.organisationId, t.actorId, t.id),
    index('audit_events_subject_idx').on(t.organisationId, t.subjectId, t.id),
    tenantIsolation(),
  ],
).enableRLS();
