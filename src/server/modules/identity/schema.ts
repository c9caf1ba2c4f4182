import { date, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenantIsolation } from '../../platform/db/tenancy.js';
import { organisations, sites } from '../organisation/schema.js';

/** A person known to an organisation: learner, parent, member of staff, employer… */
export const users = pgTable(
  'users',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: uuid('id').notNull().defaultRandom(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    /** Lower-case; also the sign-in name (see `credentials`). Rosters may not give one. */
    email: text('email'),
    /** The MIS's identifier (OneRoster sourcedId), when the person came from a roster import. */
    sourcedId: text('sourced_id'),
    /** From the roster's demographics: policies set rules by age (R-LIVE-9). */
    birthDate: date('birth_date'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Set when the person left (a roster import ended them): kept for records, cannot sign in. */
    leftAt: timestamp('left_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    unique('users_email_unique').on(t.organisationId, t.email),
    unique('users_sourced_id_unique').on(t.organisationId, t.sourcedId),
    tenantIsolation(),
  ],
).enableRLS();

/** A role a person holds in their organisation, optionally only at one site. */
export const roleAssignments = pgTable(
  'role_assignments',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id').notNull(),
    role: text('role').notNull(),
    siteId: uuid('site_id'),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    unique('role_assignments_unique').on(t.organisationId, t.userId, t.role, t.siteId).nullsNotDistinct(),
    foreignKey({ columns: [t.organisationId, t.userId], foreignColumns: [users.organisationId, users.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.organisationId, t.siteId], foreignColumns: [sites.organisationId, sites.id] }),
    index('role_assignments_user_idx').on(t.organisationId, t.userId),
    tenantIsolation(),
  ],
).enableRLS();

/** A parent, guardian or carer linked to a learner (R-ORG-1). */
export const guardianships = pgTable(
  'guardianships',
  {
    organisationId: uuid('organisation_id').notNull(),
    guardianId: uuid('guardian_id').notNull(),
    learnerId: uuid('learner_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.guardianId, t.learnerId] }),
    foreignKey({ columns: [t.organisationId, t.guardianId], foreignColumns: [users.organisationId, users.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.organisationId, t.learnerId], foreignColumns: [users.organisationId, users.id] }).onDelete(
      'cascade',
    ),
    index('guardianships_learner_idx').on(t.organisationId, t.learnerId),
    tenantIsolation(),
  ],
).enableRLS();

/** An employer linked to an apprentice (R-ORG-1). */
export const employerLinks = pgTable(
  'employer_links',
  {
    organisationId: uuid('organisation_id').notNull(),
    employerId: uuid('employer_id').notNull(),
    apprenticeId: uuid('apprentice_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.employerId, t.apprenticeId] }),
    foreignKey({ columns: [t.organisationId, t.employerId], foreignColumns: [users.organisationId, users.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      columns: [t.organisationId, t.apprenticeId],
      foreignColumns: [users.organisationId, users.id],
    }).onDelete('cascade'),
    index('employer_links_apprentice_idx').on(t.organisationId, t.apprenticeId),
    tenantIsolation(),
  ],
).enableRLS();

/**
 * Sign-in credentials. Keyed by e-mail across all organisations, so it is a platform table read
 * only through the system connection, never by the RLS-bound role.
 */
export const credentials = pgTable('credentials', {
  email: text('email').primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  userId: uuid('user_id').notNull(),
  passwordHash: text('password_hash').notNull(),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull(),
});
