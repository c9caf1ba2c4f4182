import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgPolicy,
  pgTable,
  primaryKey,
  smallint,
  text,
  time,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { appRole, tenantIsolation } from '../../platform/db/tenancy.js';
// Schema files may reference each other's tables (STYLE.md); the references are lazy.
import { users } from '../identity/schema.js';

/** The tenant: a school, trust or training provider. Its id is the organisation_id of every row it owns. */
export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** school | trust | special_school | fe_college | training_provider */
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
    /** school | centre | college */
    kind: text('kind').notNull().default('school'),
    /** The MIS's identifier (OneRoster sourcedId), when the site came from a roster import. */
    sourcedId: text('sourced_id'),
    /** R-ORG-2: the site's calendar facts; policy times are read in this zone. */
    timeZone: text('time_zone').notNull().default('Europe/London'),
    /** ISO weekdays the site works (1 = Monday). */
    workingDays: smallint('working_days').array().notNull().default(sql`'{1,2,3,4,5}'`),
    dayStart: time('day_start').notNull().default('08:45'),
    dayEnd: time('day_end').notNull().default('15:15'),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    unique('sites_sourced_id_unique').on(t.organisationId, t.sourcedId),
    tenantIsolation(),
  ],
).enableRLS();

/** R-ORG-2: a term of a site's school year (OneRoster academicSession of type term). */
export const terms = pgTable(
  'terms',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    siteId: uuid('site_id').notNull(),
    name: text('name').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    sourcedId: text('sourced_id'),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.siteId], foreignColumns: [sites.organisationId, sites.id] }).onDelete('cascade'),
    unique('terms_sourced_id_unique').on(t.organisationId, t.sourcedId),
    index('terms_site_idx').on(t.organisationId, t.siteId, t.startDate),
    tenantIsolation(),
  ],
).enableRLS();

/** R-ORG-2: days a site is closed inside term (INSET days, snow days, a closure ordered by the head). */
export const closures = pgTable(
  'closures',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    siteId: uuid('site_id').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.siteId], foreignColumns: [sites.organisationId, sites.id] }).onDelete('cascade'),
    index('closures_site_idx').on(t.organisationId, t.siteId, t.startDate),
    tenantIsolation(),
  ],
).enableRLS();

/**
 * R-ORG-1: a year group (school) or a programme (FE study programme, apprenticeship standard):
 * the cohort a learner belongs to, which policies use for age-based rules.
 */
export const cohorts = pgTable(
  'cohorts',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    siteId: uuid('site_id').notNull(),
    /** year_group | study_programme | apprenticeship_standard */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    /** Year group code ('07'), or the standard's reference ('ST0118'). */
    code: text('code'),
    /** For year groups, the national curriculum year (7 for Year 7); null for programmes. */
    yearOfSchooling: smallint('year_of_schooling'),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.siteId], foreignColumns: [sites.organisationId, sites.id] }).onDelete('cascade'),
    unique('cohorts_site_code_unique').on(t.organisationId, t.siteId, t.kind, t.code),
    tenantIsolation(),
  ],
).enableRLS();

/** R-ORG-1: a learner's place in a cohort. */
export const cohortMembers = pgTable(
  'cohort_members',
  {
    organisationId: uuid('organisation_id').notNull(),
    cohortId: uuid('cohort_id').notNull(),
    learnerId: uuid('learner_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.cohortId, t.learnerId] }),
    foreignKey({ columns: [t.organisationId, t.cohortId], foreignColumns: [cohorts.organisationId, cohorts.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.learnerId], foreignColumns: [users.organisationId, users.id] }).onDelete('cascade'),
    index('cohort_members_learner_idx').on(t.organisationId, t.learnerId),
    tenantIsolation(),
  ],
).enableRLS();

/** R-ORG-1: a teaching group: 8X/Ma1, a tutor group, an FE class, an apprenticeship cohort's group. */
export const classes = pgTable(
  'classes',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    siteId: uuid('site_id').notNull(),
    cohortId: uuid('cohort_id'),
    name: text('name').notNull(),
    /** Curriculum area: 'Mathematics', 'English', 'Science'… (OneRoster course title). */
    subject: text('subject').notNull(),
    /** homeroom (tutor group) | scheduled (a taught class) */
    kind: text('kind').notNull().default('scheduled'),
    sourcedId: text('sourced_id'),
    /** Set when a roster import ended the class: kept for history, hidden from timetables. */
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.siteId], foreignColumns: [sites.organisationId, sites.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.cohortId], foreignColumns: [cohorts.organisationId, cohorts.id] }).onDelete('set null'),
    unique('classes_sourced_id_unique').on(t.organisationId, t.sourcedId),
    index('classes_site_idx').on(t.organisationId, t.siteId),
    tenantIsolation(),
  ],
).enableRLS();

/** R-ORG-1: who teaches a class: teachers and teaching assistants. */
export const classStaff = pgTable(
  'class_staff',
  {
    organisationId: uuid('organisation_id').notNull(),
    classId: uuid('class_id').notNull(),
    userId: uuid('user_id').notNull(),
    /** teacher | teaching_assistant */
    role: text('role').notNull(),
    isPrimary: boolean('is_primary').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.classId, t.userId] }),
    foreignKey({ columns: [t.organisationId, t.classId], foreignColumns: [classes.organisationId, classes.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.userId], foreignColumns: [users.organisationId, users.id] }).onDelete('cascade'),
    index('class_staff_user_idx').on(t.organisationId, t.userId),
    tenantIsolation(),
  ],
).enableRLS();

/** R-ORG-1: a learner in a class, from a date until a date (an ended enrolment is kept). */
export const enrolments = pgTable(
  'enrolments',
  {
    organisationId: uuid('organisation_id').notNull(),
    classId: uuid('class_id').notNull(),
    learnerId: uuid('learner_id').notNull(),
    startDate: date('start_date'),
    endDate: date('end_date'),
    sourcedId: text('sourced_id'),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.classId, t.learnerId] }),
    foreignKey({ columns: [t.organisationId, t.classId], foreignColumns: [classes.organisationId, classes.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.learnerId], foreignColumns: [users.organisationId, users.id] }).onDelete('cascade'),
    index('enrolments_learner_idx').on(t.organisationId, t.learnerId),
    unique('enrolments_sourced_id_unique').on(t.organisationId, t.sourcedId),
    tenantIsolation(),
  ],
).enableRLS();

/** R-ORG-1: a bubble (seed 002): classes kept together, which isolate together. */
export const bubbles = pgTable(
  'bubbles',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    siteId: uuid('site_id').notNull(),
    name: text('name').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.siteId], foreignColumns: [sites.organisationId, sites.id] }).onDelete('cascade'),
    unique('bubbles_name_unique').on(t.organisationId, t.siteId, t.name),
    tenantIsolation(),
  ],
).enableRLS();

export const bubbleClasses = pgTable(
  'bubble_classes',
  {
    organisationId: uuid('organisation_id').notNull(),
    bubbleId: uuid('bubble_id').notNull(),
    classId: uuid('class_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.bubbleId, t.classId] }),
    foreignKey({ columns: [t.organisationId, t.bubbleId], foreignColumns: [bubbles.organisationId, bubbles.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.classId], foreignColumns: [classes.organisationId, classes.id] }).onDelete('cascade'),
    index('bubble_classes_class_idx').on(t.organisationId, t.classId),
    tenantIsolation(),
  ],
).enableRLS();

/** R-ORG-2: the normal weekly timetable: one row per lesson slot of a class. */
export const timetablePeriods = pgTable(
  'timetable_periods',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    classId: uuid('class_id').notNull(),
    /** ISO weekday, 1 = Monday. */
    weekday: smallint('weekday').notNull(),
    startTime: time('start_time').notNull(),
    endTime: time('end_time').notNull(),
    room: text('room'),
    /** A or B on a two-week timetable; null when every week is the same. */
    week: text('week'),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.classId], foreignColumns: [classes.organisationId, classes.id] }).onDelete('cascade'),
    index('timetable_periods_class_idx').on(t.organisationId, t.classId, t.weekday),
    tenantIsolation(),
  ],
).enableRLS();

/** R-ORG-2, seed staff hours: a member of staff's working pattern (part-time staff work some days). */
export const staffHours = pgTable(
  'staff_hours',
  {
    organisationId: uuid('organisation_id').notNull(),
    userId: uuid('user_id').notNull(),
    weekday: smallint('weekday').notNull(),
    startTime: time('start_time').notNull(),
    endTime: time('end_time').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.userId, t.weekday] }),
    foreignKey({ columns: [t.organisationId, t.userId], foreignColumns: [users.organisationId, users.id] }).onDelete('cascade'),
    tenantIsolation(),
  ],
).enableRLS();

/** R-ORG-3: each roster import, with the report shown before it was applied. */
export const rosterImports = pgTable(
  'roster_imports',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    startedBy: uuid('started_by'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    /** previewed | applied | failed | discarded */
    status: text('status').notNull(),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    /** Where the uploaded files are kept until applied or discarded. */
    stagingPath: text('staging_path'),
    report: jsonb('report').notNull(),
    rows: integer('rows').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.id] }), tenantIsolation()],
).enableRLS();

