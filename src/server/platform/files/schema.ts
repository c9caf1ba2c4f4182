import { bigint, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantIsolation } from '../db/tenancy.js';

/**
 * Files in the blob store (DESIGN.md: uploads streamed to a local directory or S3-compatible
 * store). A row exists only once its bytes are completely stored; the module that owns the file
 * (a resource, a submission, feedback) refers to it by id in the same transaction. The content
 * type is what the bytes are (sniffed), never what the name or the browser claimed.
 */
export const blobs = pgTable(
  'blobs',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    /** Where the bytes live in the store, relative to its root. */
    storageKey: text('storage_key').notNull(),
    contentType: text('content_type').notNull(),
    byteSize: bigint('byte_size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    /** The name the uploader's device gave it, for downloads; never used to decide the type. */
    fileName: text('file_name').notNull(),
    uploadedBy: uuid('uploaded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.id] }), index('blobs_created_idx').on(t.organisationId, t.createdAt), tenantIsolation()],
).enableRLS();
