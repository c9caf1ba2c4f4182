import type { Db } from '../platform/db/client.js';
import { credentials, employerLinks, guardianships, roleAssignments, users } from '../modules/identity/schema.js';
import {
  bubbleClasses,
  bubbles,
  classStaff,
  classes,
  closures,
  cohortMembers,
  cohorts,
  enrolments,
  organisations,
  sites,
  staffHours,
  terms,
  timetablePeriods,
} from '../modules/organisation/schema.js';
import { liveChatMessages, liveMeetingViews, liveNotices, liveParticipants, livePresence, liveSessions } from '../modules/live/schema.js';
import { assignmentLearners, assignments, extensions, paperLearners, resources, submissionComments, submissions } from '../modules/work/schema.js';

/**
 * Demo and benchmark data as plain rows, built by pure generators (school.ts, provider.ts) and
 * written in batches by `writePlan`: the same path for the small demo and the 20,000-learner
 * trust, so the large seed stays within minutes.
 */
export interface Plan {
  organisations: (typeof organisations.$inferInsert)[];
  sites: (typeof sites.$inferInsert)[];
  users: (typeof users.$inferInsert)[];
  roleAssignments: (typeof roleAssignments.$inferInsert)[];
  credentials: (typeof credentials.$inferInsert)[];
  guardianships: (typeof guardianships.$inferInsert)[];
  employerLinks: (typeof employerLinks.$inferInsert)[];
  terms: (typeof terms.$inferInsert)[];
  closures: (typeof closures.$inferInsert)[];
  cohorts: (typeof cohorts.$inferInsert)[];
  cohortMembers: (typeof cohortMembers.$inferInsert)[];
  classes: (typeof classes.$inferInsert)[];
  classStaff: (typeof classStaff.$inferInsert)[];
  enrolments: (typeof enrolments.$inferInsert)[];
  bubbles: (typeof bubbles.$inferInsert)[];
  bubbleClasses: (typeof bubbleClasses.$inferInsert)[];
  timetablePeriods: (typeof timetablePeriods.$inferInsert)[];
  staffHours: (typeof staffHours.$inferInsert)[];
  assignments: (typeof assignments.$inferInsert)[];
  assignmentLearners: (typeof assignmentLearners.$inferInsert)[];
  workResources: (typeof resources.$inferInsert)[];
  workExtensions: (typeof extensions.$inferInsert)[];
  submissions: (typeof submissions.$inferInsert)[];
  submissionComments: (typeof submissionComments.$inferInsert)[];
  paperLearners: (typeof paperLearners.$inferInsert)[];
  liveSessions: (typeof liveSessions.$inferInsert)[];
  liveParticipants: (typeof liveParticipants.$inferInsert)[];
  livePresence: (typeof livePresence.$inferInsert)[];
  liveNotices: (typeof liveNotices.$inferInsert)[];
  liveChatMessages: (typeof liveChatMessages.$inferInsert)[];
  liveMeetingViews: (typeof liveMeetingViews.$inferInsert)[];
}

export function emptyPlan(): Plan {
  return {
    organisations: [],
    sites: [],
    users: [],
    roleAssignments: [],
    credentials: [],
    guardianships: [],
    employerLinks: [],
    terms: [],
    closures: [],
    cohorts: [],
    cohortMembers: [],
    classes: [],
    classStaff: [],
    enrolments: [],
    bubbles: [],
    bubbleClasses: [],
    timetablePeriods: [],
    staffHours: [],
    assignments: [],
    assignmentLearners: [],
    workResources: [],
    workExtensions: [],
    submissions: [],
    submissionComments: [],
    paperLearners: [],
    liveSessions: [],
    liveParticipants: [],
    livePresence: [],
    liveNotices: [],
    liveChatMessages: [],
    liveMeetingViews: [],
  };
}

// PostgreSQL allows 65,535 parameters a statement; stay well below for the widest table.
const BATCH_PARAMETERS = 30_000;

/** Inserts every row of the plan in dependency order, in batches, on the connection given. */
export async function writePlan(db: Db, plan: Plan, onProgress?: (table: string, rows: number) => void): Promise<void> {
  const steps = [
    ['organisations', organisations, plan.organisations],
    ['sites', sites, plan.sites],
    ['users', users, plan.users],
    ['role_assignments', roleAssignments, plan.roleAssignments],
    ['credentials', credentials, plan.credentials],
    ['guardianships', guardianships, plan.guardianships],
    ['employer_links', employerLinks, plan.employerLinks],
    ['terms', terms, plan.terms],
    ['closures', closures, plan.closures],
    ['cohorts', cohorts, plan.cohorts],
    ['cohort_members', cohortMembers, plan.cohortMembers],
    ['classes', classes, plan.classes],
    ['class_staff', classStaff, plan.classStaff],
    ['enrolments', enrolments, plan.enrolments],
    ['bubbles', bubbles, plan.bubbles],
    ['bubble_classes', bubbleClasses, plan.bubbleClasses],
    ['timetable_periods', timetablePeriods, plan.timetablePeriods],
    ['staff_hours', staffHours, plan.staffHours],
    ['assignments', assignments, plan.assignments],
    ['assignment_learners', assignmentLearners, plan.assignmentLearners],
    ['work_resources', resources, plan.workResources],
    ['work_extensions', extensions, plan.workExtensions],
    ['submissions', submissions, plan.submissions],
    ['submission_comments', submissionComments, plan.submissionComments],
    ['paper_learners', paperLearners, plan.paperLearners],
    ['live_sessions', liveSessions, plan.liveSessions],
    ['live_participants', liveParticipants, plan.liveParticipants],
    ['live_presence', livePresence, plan.livePresence],
    ['live_notices', liveNotices, plan.liveNotices],
    ['live_chat_messages', liveChatMessages, plan.liveChatMessages],
    ['live_meeting_views', liveMeetingViews, plan.liveMeetingViews],
  ] as const;
  for (const [name, table, rows] of steps) {
    if (rows.length === 0) continue;
    const columns = Math.max(1, Object.keys(rows[0] as object).length);
    const size = Math.max(1, Math.floor(BATCH_PARAMETERS / columns));
    for (let i = 0; i < rows.length; i += size) {
      // Each step's rows match its table; the tuple loses that link, so insert is typed loosely here.
      await db.insert(table).values(rows.slice(i, i + size) as never[]);
    }
    onProgress?.(name, rows.length);
  }
}
