import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantIsolation } from '../db/tenancy.js';

/**
 * Every email the platform sends (DESIGN.md, Mail). A message is written here in the caller's
 * transaction, and a job sends it after that transaction commits: an action that rolls back
 * sends nothing, and a failed delivery is retried by the job queue. Staff can read an
 * organisation's outbox, which is all there is when no mail server is configured.
 *
 * status: `queued` (waiting for its first try, or for a retry after `error`), `sent`,
 * `failed` (the mail server refused it for good, or every try failed) and `not_sent` (no mail
 * server is configured; the message is kept to be read in the app).
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body'),
    status: text('status').notNull(),
    /** Delivery attempts made so far. */
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Why the last attempt failed, or why the message was not sent. */
    error: text('error'),
    /** The Message-ID the mail server accepted it under, to trace it in the server's logs. */
    messageId: text('message_id'),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    index('mail_outbox_created_idx').on(t.organisationId, t.createdAt),
    check('mail_outbox_status_known', sql`${t.status} in ('queued', 'sent', 'failed', 'not_sent')`),
    tenantIsolation(),
  ],
).enableRLS();
