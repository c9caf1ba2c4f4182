import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenantIsolation } from '../../platform/db/tenancy.js';
import { blobs } from '../../platform/files/schema.js';
// Schema files may reference each other's tables (STYLE.md); the references are lazy.
import { users } from '../identity/schema.js';
import { classes, sites } from '../organisation/schema.js';

/**
 * Live lessons and 1-1 sessions (R-LIVE-1..14): sessions opened from the timetable or booked,
 * who is invited and where they stand (lobby, admitted, removed), who was present when, the
 * notices shown, recordings and their deletion, chat, and checks for understanding.
 */

/** R-LIVE-1, -10, -13: a live lesson (from the timetable), a 1-1 or a meeting with a family. */
export const liveSessions = pgTable(
  'live_sessions',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    kind: text('kind').notNull(),
    siteId: uuid('site_id').notNull(),
    /** The class of a lesson; null for a 1-1 or a family meeting. */
    classId: uuid('class_id'),
    title: text('title').notNull(),
    /** When it is scheduled: the timetabled lesson's period, or the booking. */
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    hostId: uuid('host_id').notNull(),
    /** booked → open → ended. A lesson is created open, when its teacher opens it. */
    status: text('status').notNull(),
    provider: text('provider').notNull(),
    locked: boolean('locked').notNull().default(false),
    /** R-LIVE-11: chat as the policy starts it; the host may limit it or turn it off. */
    chatMode: text('chat_mode').notNull().default('off'),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** The live rules in force when it opened (policy version and values), so a mid-lesson policy edit changes nothing. */
    rules: jsonb('rules'),
    policyVersion: text('policy_version'),
    /** 1-1s (R-LIVE-10): with whom, why, from where, and who authorised it. */
    learnerId: uuid('learner_id'),
    purpose: text('purpose'),
    location: text('location'),
    authorisedBy: uuid('authorised_by'),
    authorisedAt: timestamp('authorised_at', { withTimezone: true }),
    loneWorkingConcern: boolean('lone_working_concern').notNull().default(false),
    /** Seed 002: the host confirmed an adult is with the pupil (when the policy asks). */
    adultConfirmedAt: timestamp('adult_confirmed_at', { withTimezone: true }),
    /** R-LIVE-9: when it ran past the longest length its rules allow, recorded at that moment. */
    overranAt: timestamp('overran_at', { withTimezone: true }),
    /** R-LIVE-11: when the chat log goes (set as the session ends, from its rules), and when it went. */
    chatDeleteAfter: timestamp('chat_delete_after', { withTimezone: true }),
    chatDeletedAt: timestamp('chat_deleted_at', { withTimezone: true }),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.classId], foreignColumns: [classes.organisationId, classes.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.siteId], foreignColumns: [sites.organisationId, sites.id] }),
    foreignKey({ columns: [t.organisationId, t.hostId], foreignColumns: [users.organisationId, users.id] }),
    // One live session per timetabled lesson.
    unique('live_sessions_lesson_unique').on(t.organisationId, t.classId, t.startsAt),
    index('live_sessions_starts_idx').on(t.organisationId, t.startsAt),
    index('live_sessions_chat_delete_idx').on(t.chatDeleteAfter).where(sql`${t.chatDeletedAt} is null and ${t.chatDeleteAfter} is not null`),
    check('live_sessions_kind_known', sql`${t.kind} in ('lesson', 'one_to_one', 'family_meeting')`),
    check('live_sessions_status_known', sql`${t.status} in ('booked', 'open', 'ended')`),
    check('live_sessions_times', sql`${t.endsAt} > ${t.startsAt}`),
    tenantIsolation(),
  ],
).enableRLS();

/** R-LIVE-2..5: who is invited, their personal link, and where they stand now. */
export const liveParticipants = pgTable(
  'live_participants',
  {
    organisationId: uuid('organisation_id').notNull(),
    sessionId: uuid('session_id').notNull(),
    userId: uuid('user_id').notNull(),
    role: text('role').notNull(),
    /**
     * The personal link's token (R-LIVE-3). Not a credential on its own: the link works only for
     * this person, signed in, so it is kept as it is and shown again in their invitation.
     */
    linkToken: text('link_token').notNull(),
    standing: text('standing').notNull(),
    audio: boolean('audio').notNull().default(false),
    video: boolean('video').notNull().default(false),
    connected: boolean('connected').notNull().default(false),
    leftAt: timestamp('left_at', { withTimezone: true }),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.sessionId, t.userId] }),
    foreignKey({ columns: [t.organisationId, t.sessionId], foreignColumns: [liveSessions.organisationId, liveSessions.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.userId], foreignColumns: [users.organisationId, users.id] }).onDelete('cascade'),
    unique('live_participants_link_unique').on(t.organisationId, t.linkToken),
    check('live_participants_role_known', sql`${t.role} in ('host', 'staff', 'learner', 'guardian')`),
    check('live_participants_standing_known', sql`${t.standing} in ('invited', 'waiting', 'admitted', 'declined', 'removed')`),
    tenantIsolation(),
  ],
).enableRLS();

/** R-LIVE-8: each stretch of time someone waited in the lobby or was in the session. */
export const livePresence = pgTable(
  'live_presence',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    sessionId: uuid('session_id').notNull(),
    userId: uuid('user_id').notNull(),
    /** waiting: in the lobby; in: admitted and connected. */
    kind: text('kind').notNull(),
    since: timestamp('since', { withTimezone: true }).notNull(),
    until: timestamp('until', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.sessionId], foreignColumns: [liveSessions.organisationId, liveSessions.id] }).onDelete('cascade'),
    index('live_presence_session_idx').on(t.organisationId, t.sessionId, t.userId, t.since),
    check('live_presence_kind_known', sql`${t.kind} in ('waiting', 'in')`),
    tenantIsolation(),
  ],
).enableRLS();

/** R-LIVE-6: the notices the policy requires, shown to whom and when, word for word. */
export const liveNotices = pgTable(
  'live_notices',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    sessionId: uuid('session_id').notNull(),
    userId: uuid('user_id').notNull(),
    /** host: confirmed by the host before admitting anyone; entry: shown to a participant on entry. */
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    shownAt: timestamp('shown_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.sessionId], foreignColumns: [liveSessions.organisationId, liveSessions.id] }).onDelete('cascade'),
    index('live_notices_session_idx').on(t.organisationId, t.sessionId, t.userId),
    check('live_notices_kind_known', sql`${t.kind} in ('host', 'entry')`),
    tenantIsolation(),
  ],
).enableRLS();

/** R-LIVE-7: a session's recording, kept until its retention ends and then deleted by a job. */
export const liveRecordings = pgTable(
  'live_recordings',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    sessionId: uuid('session_id').notNull(),
    /** Whose camera, microphone or screen it is: each publisher's media is recorded to a file of its own. */
    publisherId: uuid('publisher_id'),
    blobId: uuid('blob_id'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    complaintWindowEndsAt: timestamp('complaint_window_ends_at', { withTimezone: true }),
    deleteAfter: timestamp('delete_after', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.sessionId], foreignColumns: [liveSessions.organisationId, liveSessions.id] }),
    foreignKey({ columns: [t.organisationId, t.blobId], foreignColumns: [blobs.organisationId, blobs.id] }),
    index('live_recordings_delete_idx').on(t.deleteAfter).where(sql`${t.deletedAt} is null`),
    tenantIsolation(),
  ],
).enableRLS();

/**
 * R-LIVE-10, seed 000: an apprentice's 1-1 recording, copied into the apprentice's own record
 * (their portfolio of evidence), where they and the staff who support them can watch it. The
 * session's own recording is still deleted when its retention ends; this copy stays with the
 * record.
 */
export const liveRecordCopies = pgTable(
  'live_record_copies',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    learnerId: uuid('learner_id').notNull(),
    sessionId: uuid('session_id').notNull(),
    blobId: uuid('blob_id').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }).notNull(),
    keptAt: timestamp('kept_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.sessionId], foreignColumns: [liveSessions.organisationId, liveSessions.id] }),
    foreignKey({ columns: [t.organisationId, t.learnerId], foreignColumns: [users.organisationId, users.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.blobId], foreignColumns: [blobs.organisationId, blobs.id] }),
    index('live_record_copies_learner_idx').on(t.organisationId, t.learnerId, t.startedAt),
    tenantIsolation(),
  ],
).enableRLS();

/** R-LIVE-11: what was said in a session's chat (only messages that passed the filter and the throttle). */
export const liveChatMessages = pgTable(
  'live_chat_messages',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    sessionId: uuid('session_id').notNull(),
    senderId: uuid('sender_id').notNull(),
    /** To the host (and staff) only, rather than everyone. */
    toHost: boolean('to_host').notNull(),
    body: text('body').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.sessionId], foreignColumns: [liveSessions.organisationId, liveSessions.id] }).onDelete('cascade'),
    index('live_chat_session_idx').on(t.organisationId, t.sessionId, t.sentAt),
    tenantIsolation(),
  ],
).enableRLS();

/** R-LIVE-14: a quick question or poll the host puts to the room. */
export const liveChecks = pgTable(
  'live_checks',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    sessionId: uuid('session_id').notNull(),
    /** poll: choose one of the options; question: a short answer in words. */
    kind: text('kind').notNull(),
    prompt: text('prompt').notNull(),
    options: jsonb('options').notNull().default([]),
    askedBy: uuid('asked_by').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.sessionId], foreignColumns: [liveSessions.organisationId, liveSessions.id] }).onDelete('cascade'),
    index('live_checks_session_idx').on(t.organisationId, t.sessionId, t.openedAt),
    check('live_checks_kind_known', sql`${t.kind} in ('poll', 'question')`),
    tenantIsolation(),
  ],
).enableRLS();

/** R-LIVE-14: each learner's answer, kept (engagement reads them later). */
export const liveCheckAnswers = pgTable(
  'live_check_answers',
  {
    organisationId: uuid('organisation_id').notNull(),
    checkId: uuid('check_id').notNull(),
    learnerId: uuid('learner_id').notNull(),
    answer: text('answer').notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.checkId, t.learnerId] }),
    foreignKey({ columns: [t.organisationId, t.checkId], foreignColumns: [liveChecks.organisationId, liveChecks.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.learnerId], foreignColumns: [users.organisationId, users.id] }).onDelete('cascade'),
    tenantIsolation(),
  ],
).enableRLS();

/** R-LIVE-13: what a meeting with a learner's family heard: the child's views and the family's, in their words. */
export const liveMeetingViews = pgTable(
  'live_meeting_views',
  {
    organisationId: uuid('organisation_id').notNull(),
    sessionId: uuid('session_id').notNull(),
    learnerId: uuid('learner_id').notNull(),
    childViews: text('child_views').notNull(),
    familyViews: text('family_views').notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.sessionId] }),
    foreignKey({ columns: [t.organisationId, t.sessionId], foreignColumns: [liveSessions.organisationId, liveSessions.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.learnerId], foreignColumns: [users.organisationId, users.id] }).onDelete('cascade'),
    index('live_meeting_views_learner_idx').on(t.organisationId, t.learnerId, t.recordedAt),
    tenantIsolation(),
  ],
).enableRLS();
