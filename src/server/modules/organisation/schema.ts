import { sql } from 'drizzle-orm';
import { pgTable, primaryKey, text, timestamp, uuid, pgPolicy } from 'drizzle-orm/pg-core';
import { appRole, tenantIsolation } from '../../platform/db/tenancy.js';

/** The tenant: a school, trust or training provider. Its id is the organisation_id of every row it owns. */
export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** school | trust | special_school | training_provider */
    kind: text('kind').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  () => [
    pgPolicy('tenant_isolation', {
      as: 'permissive',
      for: 'all',
      to: appRole,
      using: sql`id = app_current_organisation()`,
      withCheck: sql`id = app_current_organisation()`,
    }),
  ],
).enableRLS();

/** A site or centre of an organisation (a school of a trust, a centre of a provider). */
export const sites = pgTable(
  'sites',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    timeZone: text('time_zone').notNull().default('Europe/London'),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.id] }), tenantIsolation()],
).enableRLS();
