import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import type { TenantTx } from '../../platform/db/client.js';
import { currentOn } from './manage.js';
import { bubbleClasses, classStaff, classes, cohortMembers, cohorts, enrolments, sites, timetablePeriods } from './schema.js';
import type { TimetablePeriod } from './working-time.js';

/**
 * What other modules need to know about classes, through organisation's index (DESIGN.md: modules
 * never read each other's tables). Each takes the caller's tenant transaction.
 */

export interface ClassFacts {
  id: string;
  name: string;
  subject: string;
  siteId: string;
  siteName: string;
  timeZone: string;
  ended: boolean;
  /** Teachers and teaching assistants of the class. */
  staff: { userId: string; role: 'teacher' | 'teaching_assistant' }[];
}

export async function classFacts(tx: TenantTx, org: string, classIds: readonly string[]): Promise<Map<string, ClassFacts>> {
  const ids = [...new Set(classIds)];
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: classes.id, name: classes.name, subject: classes.subject, siteId: classes.siteId, siteName: sites.name, timeZone: sites.timeZone, endedAt: classes.endedAt })
    .from(classes)
    .innerJoin(sites, and(eq(sites.organisationId, classes.organisationId), eq(sites.id, classes.siteId)))
    .where(and(eq(classes.organisationId, org), inArray(classes.id, ids)));
  const staff = await tx
    .select({ classId: classStaff.classId, userId: classStaff.userId, role: classStaff.role })
    .from(classStaff)
    .where(and(eq(classStaff.organisationId, org), inArray(classStaff.classId, ids)));
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        name: r.name,
        subject: r.subject,
        siteId: r.siteId,
        siteName: r.siteName,
        timeZone: r.timeZone,
        ended: r.endedAt !== null,
        staff: staff.filter((s) => s.classId === r.id).map((s) => ({ userId: s.userId, role: s.role === 'teaching_assistant' ? ('teaching_assistant' as const) : ('teacher' as const) })),
      },
    ]),
  );
}

/** The organisation's classes that have not ended, by site and name. */
export async function openClassIds(tx: TenantTx, org: string): Promise<string[]> {
  const rows = await tx
    .select({ id: classes.id })
    .from(classes)
    .innerJoin(sites, and(eq(sites.organisationId, classes.organisationId), eq(sites.id, classes.siteId)))
    .where(and(eq(classes.organisationId, org), isNull(classes.endedAt)))
    .orderBy(sites.name, classes.name);
  return rows.map((r) => r.id);
}

/** Learners enrolled in a class on a date. */
export async function learnersOf(tx: TenantTx, org: string, classId: string, date: string): Promise<string[]> {
  const rows = await tx
    .select({ id: enrolments.learnerId })
    .from(enrolments)
    .where(and(eq(enrolments.organisationId, org), eq(enrolments.classId, classId), currentOn(date)));
  return rows.map((r) => r.id);
}

/** The classes a learner is enrolled in on a date (classes not ended). */
export async function classesOfLearner(tx: TenantTx, org: string, learnerId: string, date: string): Promise<string[]> {
  const rows = await tx
    .select({ id: enrolments.classId })
    .from(enrolments)
    .innerJoin(classes, and(eq(classes.organisationId, enrolments.organisationId), eq(classes.id, enrolments.classId)))
    .where(and(eq(enrolments.organisationId, org), eq(enrolments.learnerId, learnerId), isNull(classes.endedAt), currentOn(date)));
  return rows.map((r) => r.id);
}

/** R-ORG-1: whether a learner is an apprentice: a member of an apprenticeship standard's cohort. */
export async function isApprentice(tx: TenantTx, org: string, learnerId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: cohorts.id })
    .from(cohortMembers)
    .innerJoin(cohorts, and(eq(cohorts.organisationId, cohortMembers.organisationId), eq(cohorts.id, cohortMembers.cohortId)))
    .where(and(eq(cohortMembers.organisationId, org), eq(cohortMembers.learnerId, learnerId), eq(cohorts.kind, 'apprenticeship_standard')))
    .limit(1);
  return row !== undefined;
}

/** Classes a member of staff teaches or assists in (not ended). */
export async function classesTaughtBy(tx: TenantTx, org: string, userId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: classStaff.classId })
    .from(classStaff)
    .innerJoin(classes, and(eq(classes.organisationId, classStaff.organisationId), eq(classes.id, classStaff.classId)))
    .where(and(eq(classStaff.organisationId, org), eq(classStaff.userId, userId), isNull(classes.endedAt)));
  return rows.map((r) => r.id);
}

/** R-WORK-1: the classes sharing a bubble with `classId` (itself excluded). */
export async function bubbleMatesOf(tx: TenantTx, org: string, classId: string): Promise<string[]> {
  const mine = await tx.select({ bubbleId: bubbleClasses.bubbleId }).from(bubbleClasses).where(and(eq(bubbleClasses.organisationId, org), eq(bubbleClasses.classId, classId)));
  if (mine.length === 0) return [];
  const rows = await tx
    .selectDistinct({ id: bubbleClasses.classId })
    .from(bubbleClasses)
    .where(and(eq(bubbleClasses.organisationId, org), inArray(bubbleClasses.bubbleId, mine.map((m) => m.bubbleId))));
  return rows.map((r) => r.id).filter((id) => id !== classId);
}

/** R-WORK-2: lessons a week per subject across these classes, for the usual balance of the curriculum. */
export async function weeklyLessonsBySubject(tx: TenantTx, org: string, classIds: readonly string[]): Promise<{ subject: string; count: number }[]> {
  if (classIds.length === 0) return [];
  const rows = await tx
    .select({ subject: classes.subject, n: count() })
    .from(timetablePeriods)
    .innerJoin(classes, and(eq(classes.organisationId, timetablePeriods.organisationId), eq(classes.id, timetablePeriods.classId)))
    .where(and(eq(timetablePeriods.organisationId, org), inArray(timetablePeriods.classId, [...classIds])))
    .groupBy(classes.subject);
  return rows.map((r) => ({ subject: r.subject, count: Number(r.n) }));
}

/** Who is enrolled in which of these classes on a date: (class, learner) pairs. */
export async function enrolmentsIn(tx: TenantTx, org: string, classIds: readonly string[], date: string): Promise<{ classId: string; learnerId: string }[]> {
  if (classIds.length === 0) return [];
  return tx
    .select({ classId: enrolments.classId, learnerId: enrolments.learnerId })
    .from(enrolments)
    .where(and(eq(enrolments.organisationId, org), inArray(enrolments.classId, [...new Set(classIds)]), currentOn(date)));
}

/** Every class of these learners on a date: (class, learner) pairs. */
export async function enrolmentsOf(tx: TenantTx, org: string, learnerIds: readonly string[], date: string): Promise<{ classId: string; learnerId: string }[]> {
  if (learnerIds.length === 0) return [];
  return tx
    .select({ classId: enrolments.classId, learnerId: enrolments.learnerId })
    .from(enrolments)
    .innerJoin(classes, and(eq(classes.organisationId, enrolments.organisationId), eq(classes.id, enrolments.classId)))
    .where(and(eq(enrolments.organisationId, org), inArray(enrolments.learnerId, [...new Set(learnerIds)]), isNull(classes.endedAt), currentOn(date)));
}

/** The weekly timetable of these classes (lessonsOn turns it into a day's lessons). */
export async function timetableOf(tx: TenantTx, org: string, classIds: readonly string[]): Promise<TimetablePeriod[]> {
  if (classIds.length === 0) return [];
  const rows = await tx.select().from(timetablePeriods).where(and(eq(timetablePeriods.organisationId, org), inArray(timetablePeriods.classId, [...classIds])));
  return rows.map((p) => ({
    id: p.id,
    classId: p.classId,
    weekday: p.weekday,
    start: p.startTime.slice(0, 5),
    end: p.endTime.slice(0, 5),
    room: p.room,
    week: p.week === 'A' || p.week === 'B' ? p.week : null,
  }));
}
