import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { LearnerWork, LearnerWorkItem, MarkingQueue, ReferralList, WeekView } from '../../../shared/work.js';
import type { Ctx } from '../../platform/auth/actor.js';
import type { Permissions } from '../../platform/authz.js';
import type { Clock } from '../../platform/clock.js';
import type { Database, TenantTx } from '../../platform/db/client.js';
import { NotFound } from '../../platform/errors.js';
import { personFacts, personNames } from '../identity/index.js';
import { classFacts, classesOfLearner, classesTaughtBy, enrolmentsIn, enrolmentsOf, learnersOf, weeklyLessonsBySubject } from '../organisation/index.js';
import { rolesText } from '../policy/policy.js';
import { NotYourList } from './errors.js';
import { calendarAt, classSubject, oneClass, workRules } from './load.js';
import { bunchedDeadlines, curriculumBalance, missedDeadlines, screenFreeShare, shouldRefer } from './rules.js';
import { assignmentLearners, assignments, extensions, submissionComments, submissions } from './schema.js';
import { summaryOf } from './service.js';
import { stateOf } from './views.js';

const DAY = 86_400_000;
/** How far back a learner's list of work reaches. */
const LOOK_BACK_DAYS = 28;

type AssignmentRow = typeof assignments.$inferSelect;

/** R-WORK-1, -2, -3, -6, -8: lists across work: the marking queue, a learner's work, the week, missed work. */
export function createWorkOverview(deps: { db: Database; clock: Clock; permissions: Permissions }) {
  const { db, clock, permissions } = deps;

  /** Assignments of these classes that reach these learners (the class's, or naming them), in a window of due times. */
  async function workFor(tx: TenantTx, org: string, classIds: string[], learnerIds: string[], window: { dueFrom?: Date; forFrom?: string; forTo?: string }) {
    if (classIds.length === 0) return { rows: [] as AssignmentRow[], named: [] as { assignmentId: string; learnerId: string }[] };
    const rows = await tx
      .select()
      .from(assignments)
      .where(
        and(
          eq(assignments.organisationId, org),
          inArray(assignments.classId, classIds),
          isNull(assignments.withdrawnAt),
          window.dueFrom ? gte(assignments.dueAt, window.dueFrom) : undefined,
          window.forFrom ? gte(assignments.forDate, window.forFrom) : undefined,
          window.forTo ? lte(assignments.forDate, window.forTo) : undefined,
        ),
      );
    const namedIds = rows.filter((r) => r.audience === 'learners').map((r) => r.id);
    const named = namedIds.length
      ? await tx
          .select({ assignmentId: assignmentLearners.assignmentId, learnerId: assignmentLearners.learnerId })
          .from(assignmentLearners)
          .where(and(eq(assignmentLearners.organisationId, org), inArray(assignmentLearners.assignmentId, namedIds), learnerIds.length ? inArray(assignmentLearners.learnerId, learnerIds) : undefined))
      : [];
    return { rows, named };
  }

  const reaches = (a: AssignmentRow, learnerId: string, inClass: boolean, named: { assignmentId: string; learnerId: string }[]) =>
    a.audience === 'class' ? inClass : named.some((n) => n.assignmentId === a.id && n.learnerId === learnerId);

  return {
    /**
     * R-WORK-6: the marking queue across the asker's classes: hand-ins waiting for feedback, soonest
     * due first, and learners' replies to feedback.
     */
    async markingQueue(ctx: Ctx): Promise<MarkingQueue> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const classIds = await classesTaughtBy(tx, org, ctx.actor.userId);
        if (classIds.length === 0) return { items: [], overdue: 0 };
        const waitingSince = sql<Date>`case when ${submissions.feedbackAt} is null then ${submissions.feedbackDueAt} else ${submissions.replyWaitingSince} end`;
        const rows = await tx
          .select({ s: submissions, title: assignments.title, classId: assignments.classId })
          .from(submissions)
          .innerJoin(assignments, and(eq(assignments.organisationId, submissions.organisationId), eq(assignments.id, submissions.assignmentId)))
          .where(
            and(
              eq(submissions.organisationId, org),
              inArray(assignments.classId, classIds),
              isNull(assignments.withdrawnAt),
              or(isNull(submissions.feedbackAt), isNotNull(submissions.replyWaitingSince)),
            ),
          )
          .orderBy(sql`${waitingSince} asc nulls last`, asc(submissions.submittedAt))
          .limit(500);
        const classes = await classFacts(tx, org, classIds);
        const names = await personNames(tx, org, rows.map((r) => r.s.learnerId));
        const now = clock.now();
        const items = rows.map(({ s, title, classId }) => {
          const reason = s.feedbackAt === null ? ('feedback' as const) : ('reply' as const);
          const dueAt = reason === 'feedback' ? s.feedbackDueAt : null;
          return {
            submissionId: s.id,
            assignmentId: s.assignmentId,
            title,
            className: classes.get(classId)?.name ?? '',
            learner: { id: s.learnerId, displayName: names.get(s.learnerId) ?? '' },
            submittedAt: s.submittedAt.toISOString(),
            late: s.late,
            channel: s.channel === 'paper' ? ('paper' as const) : ('online' as const),
            reason,
            dueAt: dueAt?.toISOString() ?? null,
            overdue: dueAt !== null && dueAt.getTime() < now.getTime(),
          };
        });
        return { items, overdue: items.filter((i) => i.overdue).length };
      });
    },

    /** R-WORK-1, -6: a learner's work, for the learner or a parent (read-only unless the policy lets parents hand in). */
    async learnerWork(ctx: Ctx, learnerId: string = ctx.actor.userId): Promise<LearnerWork> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const facts = await personFacts(tx, org, learnerId);
        if (!facts) throw NotFound();
        const today0 = clock.now().toISOString().slice(0, 10);
        const classes = await classFacts(tx, org, await classesOfLearner(tx, org, learnerId, today0));
        const teacherIds = [...classes.values()].flatMap((c) => c.staff.map((s) => s.userId));
        const siteIds = [...new Set([...classes.values()].map((c) => c.siteId))];
        if (!permissions.authorize(ctx.actor, 'work.learner.read', { ...facts, siteIds: [...(facts.siteIds ?? []), ...siteIds], teacherIds }).allowed) throw NotFound();
        const names = await personNames(tx, org, [learnerId]);
        const siteId = siteIds[0] ?? facts.siteIds?.[0];
        const now = clock.now();
        const today = siteId ? (await calendarAt(tx, org, siteId, clock)).today : today0;
        const rules = siteId ? await workRules(tx, org, siteId) : null;
        const canSubmit = permissions.authorize(ctx.actor, 'work.submit', facts).allowed && (ctx.actor.userId === learnerId || (rules?.parentsMaySubmit ?? false));
        const { rows, named } = await workFor(tx, org, [...classes.keys()], [learnerId], { dueFrom: new Date(now.getTime() - LOOK_BACK_DAYS * DAY) });
        const mine = rows.filter((a) => reaches(a, learnerId, true, named));
        const ids = mine.map((a) => a.id);
        const subs = ids.length ? await tx.select().from(submissions).where(and(eq(submissions.organisationId, org), eq(submissions.learnerId, learnerId), inArray(submissions.assignmentId, ids))) : [];
        const exts = ids.length ? await tx.select().from(extensions).where(and(eq(extensions.organisationId, org), eq(extensions.learnerId, learnerId), inArray(extensions.assignmentId, ids))) : [];
        const setters = await personNames(tx, org, mine.map((a) => a.setBy));
        const subIds = subs.map((s) => s.id);
        const latest = subIds.length
          ? await tx
              .select({
                id: submissionComments.submissionId,
                feedback: sql<Date | null>`max(${submissionComments.createdAt}) filter (where ${submissionComments.kind} = 'feedback')`,
                reply: sql<Date | null>`max(${submissionComments.createdAt}) filter (where ${submissionComments.kind} = 'reply')`,
              })
              .from(submissionComments)
              .where(and(eq(submissionComments.organisationId, org), inArray(submissionComments.submissionId, subIds)))
              .groupBy(submissionComments.submissionId)
          : [];
        const items: LearnerWorkItem[] = mine.map((a) => {
          const s = subs.find((x) => x.assignmentId === a.id) ?? null;
          const due = exts.find((x) => x.assignmentId === a.id)?.dueAt ?? a.dueAt;
          const l = s ? latest.find((x) => x.id === s.id) : undefined;
          const feedbackAt = l?.feedback ? new Date(l.feedback) : null;
          const replyAt = l?.reply ? new Date(l.reply) : null;
          return {
            assignment: summaryOf(a, classes.get(a.classId)?.name ?? '', setters.get(a.setBy) ?? '', null),
            dueAt: due.toISOString(),
            state: stateOf(s, due, now),
            submissionId: s?.id ?? null,
            newFeedback: feedbackAt !== null && (replyAt === null || replyAt < feedbackAt),
          };
        });
        const byDue = (x: LearnerWorkItem, y: LearnerWorkItem) => x.dueAt.localeCompare(y.dueAt);
        const open = (i: LearnerWorkItem) => i.state === 'not_handed_in' || i.state === 'missed';
        return {
          learner: { id: learnerId, displayName: names.get(learnerId) ?? '' },
          today,
          todays: items.filter((i) => i.assignment.forDate === today).sort(byDue),
          due: items.filter((i) => i.state === 'not_handed_in').sort(byDue),
          overdue: items.filter((i) => open(i) && i.state === 'missed').sort(byDue),
          handedIn: items
            .filter((i) => !open(i))
            .sort((x, y) => (subs.find((s) => s.id === y.submissionId)?.submittedAt.getTime() ?? 0) - (subs.find((s) => s.id === x.submissionId)?.submittedAt.getTime() ?? 0))
            .slice(0, 30),
          canSubmit,
        };
      });
    },

    /**
     * R-WORK-2, -3: one class's week: work set by curriculum area against the timetable's balance,
     * days where deadlines bunch beyond the spacing rule, each learner's screen-free share, and
     * the work each teacher set, with their overdue feedback.
     */
    async week(ctx: Ctx, q: { classId: string; week?: string }): Promise<WeekView> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const c = await oneClass(tx, org, q.classId);
        if (!permissions.authorize(ctx.actor, 'work.oversee', await classSubject(tx, org, c)).allowed) throw NotFound();
        const { calendar, today } = await calendarAt(tx, org, c.siteId, clock);
        const monday = DateTime.fromISO(q.week ?? today, { zone: calendar.timeZone }).startOf('week');
        const weekOf = monday.toISODate()!;
        const weekEnd = monday.plus({ days: 6 }).toISODate()!;
        const learnerIds = await learnersOf(tx, org, c.id, weekOf);
        const pairs = await enrolmentsOf(tx, org, learnerIds, weekOf);
        const classIds = [...new Set([c.id, ...pairs.map((p) => p.classId)])];
        const { rows, named } = await workFor(tx, org, classIds, learnerIds, { forFrom: weekOf, forTo: weekEnd });
        const rules = await workRules(tx, org, c.siteId);
        const lessons = await weeklyLessonsBySubject(tx, org, classIds);
        const balance = curriculumBalance(
          lessons,
          rows.map((a) => ({ subject: a.subject, minutes: a.estimatedMinutes })),
        ).map((b) => ({ ...b, minutes: rows.filter((a) => a.subject === b.subject).reduce((n, a) => n + a.estimatedMinutes, 0) }));
        const bunches =
          rules.maxSubjectsPerDay === null
            ? []
            : bunchedDeadlines(
                calendar,
                rows.map((a) => ({ id: a.id, subject: a.subject, due: a.dueAt })),
                rules.maxSubjectsPerDay,
              ).map((b) => ({ date: b.date, subjects: b.subjects, titles: rows.filter((a) => b.deadlineIds.includes(a.id)).map((a) => a.title) }));
        const names = await personNames(tx, org, [...learnerIds, ...rows.map((a) => a.setBy)]);
        const screenFree = learnerIds
          .map((id) => {
            const inClass = new Set(pairs.filter((p) => p.learnerId === id).map((p) => p.classId));
            const share = screenFreeShare(rows.filter((a) => reaches(a, id, inClass.has(a.classId), named)).map((a) => ({ minutes: a.estimatedMinutes, screenFree: a.screenFree })));
            const percent = share === null ? null : Math.round(share * 100);
            return { learner: { id, displayName: names.get(id) ?? '' }, share: percent, belowMinimum: rules.screenFreeMinimum !== null && percent !== null && percent < rules.screenFreeMinimum };
          })
          .sort((x, y) => x.learner.displayName.localeCompare(y.learner.displayName));
        const overdue = rows.length
          ? await tx
              .select({ assignmentId: submissions.assignmentId, n: sql<number>`count(*)::int` })
              .from(submissions)
              .where(and(eq(submissions.organisationId, org), inArray(submissions.assignmentId, rows.map((a) => a.id)), isNull(submissions.feedbackAt), lte(submissions.feedbackDueAt, clock.now())))
              .groupBy(submissions.assignmentId)
          : [];
        const byTeacher = new Map<string, WeekView['byTeacher'][number]>();
        for (const a of rows) {
          const key = `${a.setBy}|${a.subject}`;
          const t = byTeacher.get(key) ?? { teacher: { id: a.setBy, displayName: names.get(a.setBy) ?? '' }, subject: a.subject, pieces: 0, minutes: 0, setLate: 0, feedbackOverdue: 0 };
          t.pieces += 1;
          t.minutes += a.estimatedMinutes;
          t.setLate += a.setLate ? 1 : 0;
          t.feedbackOverdue += overdue.find((o) => o.assignmentId === a.id)?.n ?? 0;
          byTeacher.set(key, t);
        }
        return {
          class: { id: c.id, name: c.name },
          weekOf,
          weekEnd,
          balance,
          bunches,
          maxSubjectsPerDay: rules.maxSubjectsPerDay,
          screenFree,
          screenFreeMinimum: rules.screenFreeMinimum,
          byTeacher: [...byTeacher.values()].sort((x, y) => x.subject.localeCompare(y.subject) || x.teacher.displayName.localeCompare(y.teacher.displayName)),
        };
      });
    },

    /**
     * R-WORK-8: learners who missed the policy's number of deadlines in its period, for the roles
     * the policy names, each with their record of work in that period.
     */
    async referrals(ctx: Ctx): Promise<ReferralList> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const rules = await workRules(tx, org);
        const held = new Set(ctx.actor.roles.map((r) => r.role));
        if (!rules.referTo.some((r) => held.has(r as never))) throw NotYourList(rolesText(rules.referTo as never));
        const threshold = rules.nonCompletion;
        if (!threshold) return { threshold: null, referTo: rules.referTo, referrals: [] };
        const now = clock.now();
        const from = new Date(now.getTime() - threshold.withinDays * DAY);
        const due = await tx
          .select()
          .from(assignments)
          .where(and(eq(assignments.organisationId, org), isNull(assignments.withdrawnAt), lte(assignments.dueAt, now), gte(assignments.dueAt, new Date(from.getTime() - 30 * DAY))))
          .orderBy(desc(assignments.dueAt));
        if (due.length === 0) return { threshold, referTo: rules.referTo, referrals: [] };
        const classIds = [...new Set(due.map((a) => a.classId))];
        const pairs = await enrolmentsIn(tx, org, classIds, now.toISOString().slice(0, 10));
        const { named } = await workFor(tx, org, classIds, [], {});
        const ids = due.map((a) => a.id);
        const subs = await tx
          .select({ assignmentId: submissions.assignmentId, learnerId: submissions.learnerId, submittedAt: submissions.submittedAt, late: submissions.late, feedbackAt: submissions.feedbackAt })
          .from(submissions)
          .where(and(eq(submissions.organisationId, org), inArray(submissions.assignmentId, ids)));
        const exts = await tx.select().from(extensions).where(and(eq(extensions.organisationId, org), inArray(extensions.assignmentId, ids)));
        const classes = await classFacts(tx, org, classIds);
        const learners = new Set([...pairs.map((p) => p.learnerId), ...named.map((n) => n.learnerId)]);
        const found: ReferralList['referrals'] = [];
        for (const learnerId of learners) {
          const inClass = new Set(pairs.filter((p) => p.learnerId === learnerId).map((p) => p.classId));
          const theirs = due.filter((a) => reaches(a, learnerId, inClass.has(a.classId), named));
          const outcomes = theirs.map((a) => {
            const s = subs.find((x) => x.assignmentId === a.id && x.learnerId === learnerId);
            return { a, s, due: a.dueAt, handedInAt: s?.submittedAt ?? null, extendedTo: exts.find((x) => x.assignmentId === a.id && x.learnerId === learnerId)?.dueAt ?? null };
          });
          const missed = missedDeadlines(outcomes, from, now);
          if (!shouldRefer(missed, threshold.missed)) continue;
          found.push({
            learner: { id: learnerId, displayName: '' },
            missed,
            since: from.toISOString().slice(0, 10),
            classes: [...inClass].map((id) => classes.get(id)?.name ?? '').filter(Boolean).sort(),
            record: outcomes
              .filter((o) => (o.extendedTo ?? o.due).getTime() >= from.getTime())
              .map((o) => ({ title: o.a.title, subject: o.a.subject, dueAt: (o.extendedTo ?? o.due).toISOString(), state: stateOf(o.s ?? null, o.extendedTo ?? o.due, now) })),
          });
        }
        const names = await personNames(tx, org, found.map((f) => f.learner.id));
        for (const f of found) f.learner.displayName = names.get(f.learner.id) ?? '';
        return { threshold, referTo: rules.referTo, referrals: found.sort((x, y) => y.missed - x.missed || x.learner.displayName.localeCompare(y.learner.displayName)) };
      });
    },
  };
}

export type WorkOverview = ReturnType<typeof createWorkOverview>;
