import { and, eq } from 'drizzle-orm';
import type { SubjectFacts } from '../../platform/authz.js';
import type { Clock } from '../../platform/clock.js';
import type { TenantTx } from '../../platform/db/client.js';
import { NotFound } from '../../platform/errors.js';
import { bubbleMatesOf, classFacts, classesOfLearner, learnersOf, localDateOf, siteCalendar, type ClassFacts, type SiteCalendar } from '../organisation/index.js';
import { policyInForce } from '../policy/index.js';
import { WORK_DEFAULTS, type WorkPolicy } from './policy.js';
import { assignmentLearners, assignments } from './schema.js';

/** The values the work rules use: the policy's, or neutral defaults before any policy is adopted. */
export interface WorkRules {
  setBy: string | null;
  feedbackDue: WorkPolicy['feedbackDue']['value'];
  maxSubjectsPerDay: number | null;
  screenFreeMinimum: number | null;
  ownWorkDeclaration: boolean;
  similarityThreshold: number | null;
  parentsMaySubmit: boolean;
  nonCompletion: WorkPolicy['nonCompletion']['value'];
  referTo: string[];
}

const NO_POLICY: WorkRules = {
  setBy: null,
  feedbackDue: WORK_DEFAULTS.fiveWorkingDays.value,
  maxSubjectsPerDay: null,
  screenFreeMinimum: null,
  ownWorkDeclaration: false,
  similarityThreshold: WORK_DEFAULTS.similarity.value,
  parentsMaySubmit: true,
  nonCompletion: null,
  referTo: WORK_DEFAULTS.seniorLeaders.value,
};

/** R-WORK-*: the work rules in force at a site (its override laid over the organisation's policy). */
export async function workRules(tx: TenantTx, org: string, siteId?: string): Promise<WorkRules> {
  const policy = await policyInForce(tx, org, siteId);
  const w = policy?.document.sections.work;
  if (!w) return NO_POLICY;
  return {
    setBy: w.setBy.value,
    feedbackDue: w.feedbackDue.value,
    maxSubjectsPerDay: w.deadlineSpacing.value?.maxSubjectsPerDay ?? null,
    screenFreeMinimum: w.screenFreeMinimum.value,
    ownWorkDeclaration: w.ownWorkDeclaration.value,
    similarityThreshold: w.similarityThreshold.value,
    parentsMaySubmit: w.parentsMaySubmit.value,
    nonCompletion: w.nonCompletion.value,
    referTo: [...w.nonCompletionReferTo.value],
  };
}

/** A site's calendar around the present, and today there. */
export async function calendarAt(tx: TenantTx, org: string, siteId: string, clock: Clock): Promise<{ calendar: SiteCalendar; today: string }> {
  const now = clock.now();
  const found = await siteCalendar(tx, org, siteId, now.toISOString().slice(0, 10));
  if (!found) throw NotFound();
  return { calendar: found.calendar, today: localDateOf(found.calendar, now) };
}

export async function oneClass(tx: TenantTx, org: string, classId: string): Promise<ClassFacts> {
  const c = (await classFacts(tx, org, [classId])).get(classId);
  if (!c) throw NotFound();
  return c;
}

/** What authorization needs about a class: its site and staff (and, for setting cover, its bubble's teachers). */
export async function classSubject(tx: TenantTx, org: string, c: ClassFacts, opts: { withBubble?: boolean } = {}): Promise<SubjectFacts & { coverTeacherIds: string[] }> {
  const staff = c.staff.map((s) => s.userId);
  let cover: string[] = [];
  if (opts.withBubble) {
    const mates = await classFacts(tx, org, await bubbleMatesOf(tx, org, c.id));
    cover = [...mates.values()].flatMap((m) => m.staff.filter((s) => s.role === 'teacher').map((s) => s.userId)).filter((id) => !staff.includes(id));
  }
  return { organisationId: org, siteIds: [c.siteId], teacherIds: [...staff, ...cover], coverTeacherIds: cover };
}

export type AssignmentRow = typeof assignments.$inferSelect;

export async function oneAssignment(tx: TenantTx, org: string, id: string): Promise<AssignmentRow> {
  const [row] = await tx.select().from(assignments).where(and(eq(assignments.organisationId, org), eq(assignments.id, id)));
  if (!row || row.withdrawnAt) throw NotFound();
  return row;
}

/** Whether a piece of work is for this learner: named in it, or in its class on its day or today (one learner's rows, not the class's). */
export async function isInAudience(tx: TenantTx, org: string, a: AssignmentRow, learnerId: string, today: string): Promise<boolean> {
  if (a.audience === 'learners') {
    const [row] = await tx
      .select({ id: assignmentLearners.learnerId })
      .from(assignmentLearners)
      .where(and(eq(assignmentLearners.organisationId, org), eq(assignmentLearners.assignmentId, a.id), eq(assignmentLearners.learnerId, learnerId)));
    return row !== undefined;
  }
  if ((await classesOfLearner(tx, org, learnerId, a.forDate)).includes(a.classId)) return true;
  return today !== a.forDate && (await classesOfLearner(tx, org, learnerId, today)).includes(a.classId);
}

/** The learners a piece of work is for: the named ones, or the class's learners on its day (and today). */
export async function audienceOf(tx: TenantTx, org: string, a: AssignmentRow, today: string): Promise<string[]> {
  if (a.audience === 'learners') {
    const rows = await tx
      .select({ id: assignmentLearners.learnerId })
      .from(assignmentLearners)
      .where(and(eq(assignmentLearners.organisationId, org), eq(assignmentLearners.assignmentId, a.id)));
    return rows.map((r) => r.id);
  }
  const onDay = await learnersOf(tx, org, a.classId, a.forDate);
  const now = today === a.forDate ? [] : await learnersOf(tx, org, a.classId, today);
  return [...new Set([...onDay, ...now])];
}
