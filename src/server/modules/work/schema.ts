import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenantIsolation } from '../../platform/db/tenancy.js';
import { blobs } from '../../platform/files/schema.js';
// Schema files may reference each other's tables (STYLE.md); the references are lazy.
import { users } from '../identity/schema.js';
import { classes } from '../organisation/schema.js';

/**
 * Remote work (R-WORK-1..8): work set for a class or for named learners, its resources, what
 * learners hand in, the feedback and replies on it, extensions, and who works on paper.
 */

/** R-WORK-1: a piece of work set for a class (all its learners) or for some of them. */
export const assignments = pgTable(
  'assignments',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    classId: uuid('class_id').notNull(),
    /** The teacher who set it. */
    setBy: uuid('set_by').notNull(),
    title: text('title').notNull(),
    instructions: text('instructions').notNull(),
    /** Curriculum area ('Mathematics'…); the class's subject unless the teacher says otherwise. */
    subject: text('subject').notNull(),
    /** The school day the work is for (site's local date): the "today" list and the set-by rule use it. */
    forDate: date('for_date').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    estimatedMinutes: smallint('estimated_minutes').notNull(),
    screenFree: boolean('screen_free').notNull(),
    /** class: every learner enrolled on forDate; learners: only those in assignment_learners. */
    audience: text('audience').notNull(),
    /** Set as cover for a class in the teacher's bubble that they do not teach (R-WORK-1). */
    cover: boolean('cover').notNull().default(false),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    /** R-WORK-1: published after the policy's set-by time for forDate, and by how many minutes. */
    setLate: boolean('set_late').notNull().default(false),
    minutesLate: integer('minutes_late').notNull().default(0),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.classId], foreignColumns: [classes.organisationId, classes.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.setBy], foreignColumns: [users.organisationId, users.id] }),
    index('assignments_class_due_idx').on(t.organisationId, t.classId, t.dueAt),
    index('assignments_for_date_idx').on(t.organisationId, t.forDate),
    check('assignments_audience_known', sql`${t.audience} in ('class', 'learners')`),
    check('assignments_minutes_positive', sql`${t.estimatedMinutes} > 0`),
    tenantIsolation(),
  ],
).enableRLS();

/** R-WORK-1: the named learners of work set for some learners only. */
export const assignmentLearners = pgTable(
  'assignment_learners',
  {
    organisationId: uuid('organisation_id').notNull(),
    assignmentId: uuid('assignment_id').notNull(),
    learnerId: uuid('learner_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.assignmentId, t.learnerId] }),
    foreignKey({ columns: [t.organisationId, t.assignmentId], foreignColumns: [assignments.organisationId, assignments.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.learnerId], foreignColumns: [users.organisationId, users.id] }).onDelete('cascade'),
    index('assignment_learners_learner_idx').on(t.organisationId, t.learnerId),
    tenantIsolation(),
  ],
).enableRLS();

/** R-WORK-3: what the learner works from: a file, a link, a pre-recorded lesson (video/audio) or text. */
export const resources = pgTable(
  'work_resources',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    assignmentId: uuid('assignment_id').notNull(),
    position: smallint('position').notNull(),
    /** file | link | video | audio | text */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    url: text('url'),
    body: text('body'),
    blobId: uuid('blob_id'),
    /** For video: a poster image and a captions (WebVTT) file, when given. */
    posterBlobId: uuid('poster_blob_id'),
    captionsBlobId: uuid('captions_blob_id'),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.assignmentId], foreignColumns: [assignments.organisationId, assignments.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.blobId], foreignColumns: [blobs.organisationId, blobs.id] }),
    foreignKey({ columns: [t.organisationId, t.posterBlobId], foreignColumns: [blobs.organisationId, blobs.id] }),
    foreignKey({ columns: [t.organisationId, t.captionsBlobId], foreignColumns: [blobs.organisationId, blobs.id] }),
    unique('work_resources_position_unique').on(t.organisationId, t.assignmentId, t.position),
    check('work_resources_kind_known', sql`${t.kind} in ('file', 'link', 'video', 'audio', 'text')`),
    tenantIsolation(),
  ],
).enableRLS();

/** R-WORK-5: a learner's new deadline for one piece of work. */
export const extensions = pgTable(
  'work_extensions',
  {
    organisationId: uuid('organisation_id').notNull(),
    assignmentId: uuid('assignment_id').notNull(),
    learnerId: uuid('learner_id').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    reason: text('reason').notNull(),
    grantedBy: uuid('granted_by').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.assignmentId, t.learnerId] }),
    foreignKey({ columns: [t.organisationId, t.assignmentId], foreignColumns: [assignments.organisationId, assignments.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.learnerId], foreignColumns: [users.organisationId, users.id] }).onDelete('cascade'),
    tenantIsolation(),
  ],
).enableRLS();

/**
 * R-WORK-5: what a learner handed in for a piece of work, once: online (text and files, by the
 * learner or a parent for them) or on paper (recorded by staff). Handing in again before feedback
 * replaces the text and adds files; the first hand-in time stays, so lateness cannot be undone.
 */
export const submissions = pgTable(
  'submissions',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    assignmentId: uuid('assignment_id').notNull(),
    learnerId: uuid('learner_id').notNull(),
    /** online | paper */
    channel: text('channel').notNull(),
    body: text('body'),
    /** Who handed it in: the learner, their parent or carer, or the member of staff who took in paper work. */
    submittedBy: uuid('submitted_by').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    late: boolean('late').notNull(),
    /** R-WORK-7: when the learner confirmed the work is their own (policy), else null. */
    ownWorkDeclaredAt: timestamp('own_work_declared_at', { withTimezone: true }),
    /** R-WORK-6: when feedback is due by the policy and the site's calendar; null when no working day is ahead. */
    feedbackDueAt: timestamp('feedback_due_at', { withTimezone: true }),
    /** The first feedback; null while it waits in the marking queue. */
    feedbackAt: timestamp('feedback_at', { withTimezone: true }),
    /** The learner's latest reply that no teacher has answered or marked as read. */
    replyWaitingSince: timestamp('reply_waiting_since', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.assignmentId], foreignColumns: [assignments.organisationId, assignments.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.learnerId], foreignColumns: [users.organisationId, users.id] }).onDelete('cascade'),
    unique('submissions_once_per_learner').on(t.organisationId, t.assignmentId, t.learnerId),
    index('submissions_learner_idx').on(t.organisationId, t.learnerId, t.submittedAt),
    // The marking queue: work waiting for feedback, or with a reply waiting, soonest due first.
    index('submissions_queue_idx').on(t.organisationId, t.assignmentId, t.feedbackDueAt).where(sql`${t.feedbackAt} is null or ${t.replyWaitingSince} is not null`),
    check('submissions_channel_known', sql`${t.channel} in ('online', 'paper')`),
    tenantIsolation(),
  ],
).enableRLS();

/** R-WORK-5: files and photos handed in with a submission. */
export const submissionFiles = pgTable(
  'submission_files',
  {
    organisationId: uuid('organisation_id').notNull(),
    submissionId: uuid('submission_id').notNull(),
    blobId: uuid('blob_id').notNull(),
    position: smallint('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.submissionId, t.blobId] }),
    foreignKey({ columns: [t.organisationId, t.submissionId], foreignColumns: [submissions.organisationId, submissions.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.blobId], foreignColumns: [blobs.organisationId, blobs.id] }),
    tenantIsolation(),
  ],
).enableRLS();

/**
 * R-WORK-6: the conversation on a submission: the teacher's feedback (text, a file, or the work
 * annotated and returned) and the learner's replies, in order.
 */
export const submissionComments = pgTable(
  'submission_comments',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    submissionId: uuid('submission_id').notNull(),
    /** feedback (staff) | reply (the learner) */
    kind: text('kind').notNull(),
    authorId: uuid('author_id').notNull(),
    body: text('body').notNull(),
    blobId: uuid('blob_id'),
    /** For feedback with a file: the learner's own work, annotated (true), or another file. */
    annotated: boolean('annotated').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.submissionId], foreignColumns: [submissions.organisationId, submissions.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.authorId], foreignColumns: [users.organisationId, users.id] }),
    foreignKey({ columns: [t.organisationId, t.blobId], foreignColumns: [blobs.organisationId, blobs.id] }),
    index('submission_comments_submission_idx').on(t.organisationId, t.submissionId, t.createdAt),
    check('submission_comments_kind_known', sql`${t.kind} in ('feedback', 'reply')`),
    tenantIsolation(),
  ],
).enableRLS();

/**
 * R-WORK-4: learners who work from paper packs (no device at home). Until the access module
 * keeps each learner's devices and connectivity (R-ACCESS), this flag is the record.
 */
export const paperLearners = pgTable(
  'paper_learners',
  {
    organisationId: uuid('organisation_id').notNull(),
    learnerId: uuid('learner_id').notNull(),
    setBy: uuid('set_by').notNull(),
    since: timestamp('since', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.learnerId] }),
    foreignKey({ columns: [t.organisationId, t.learnerId], foreignColumns: [users.organisationId, users.id] }).onDelete('cascade'),
    tenantIsolation(),
  ],
).enableRLS();
