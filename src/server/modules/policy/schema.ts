import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantIsolation } from '../../platform/db/tenancy.js';

/**
 * R-POL-1: every version of an organisation's remote-learning policy, numbered from 1 (the preset
 * it adopted). A version is never changed: an edit, a site's override or a recorded review is the
 * next version, with who made it, when and why. The latest version is the policy in force.
 */
export const policyVersions = pgTable(
  'policy_versions',
  {
    organisationId: uuid('organisation_id').notNull(),
    version: integer('version').notNull(),
    /** The preset (policy/presets) the organisation started from. */
    preset: text('preset').notNull(),
    /** adopted | edited | site_override | reviewed: what made this version. */
    kind: text('kind').notNull(),
    /** The whole PolicyDocument (policy/document.ts), every value with its source. */
    document: jsonb('document').notNull(),
    /** Per-site overrides in force with this version: site id → PolicyOverride (policy/effective.ts). */
    siteOverrides: jsonb('site_overrides').notNull().default({}),
    /** The review cycle (document.review.cycles[].id) a 'reviewed' version records. */
    reviewCycle: text('review_cycle'),
    /** The site a 'site_override' version changed. */
    siteId: uuid('site_id'),
    /** The person who made it; kept without a foreign key, like the audit log, so history outlives accounts. */
    createdBy: uuid('created_by').notNull(),
    /** Their name when they made it, as the history shows it. */
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    why: text('why').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.version] }),
    check('policy_versions_version_positive', sql`${t.version} > 0`),
    check('policy_versions_why_given', sql`length(btrim(${t.why})) > 0`),
    tenantIsolation(),
  ],
).enableRLS();
