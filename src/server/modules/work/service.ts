import { DateTime } from 'luxon';
import { and, asc, count, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { ErrorDetail } from '../../../shared/errors.js';
import type { AssignmentCheck, AssignmentDetail, AssignmentSummary, ClassWork, LearnerProgress, NewAssignment, ResourceView, WorkClasses } from '../../../shared/work.js';
import type { Ctx } from '../../platform/auth/actor.js';
import type { Permissions } from '../../platform/authz.js';
import { recordAudit } from '../../platform/audit/record.js';
import type { Clock } from '../../platform/clock.js';
import type { Database, TenantTx } from '../../platform/db/client.js';
import { NotFound } from '../../platform/errors.js';
import type { BlobStore, StagedBlob } from '../../platform/files/index.js';
import { personFacts, personNames } from '../identity/index.js';
import { classFacts, classesOfLearner, enrolmentsIn, enrolmentsOf, instantAt, learnersOf, openClassIds, type ClassFacts } from '../organisation/index.js';
import { ClassEnded, WorkInvalid } from './errors.js';
import { audienceOf, calendarAt, classSubject, oneAssignment, oneClass, workRules, type AssignmentRow } from './load.js';
import { breaksSpacing, setByCheck } from './rules.js';
import { assignmentLearners, assignments, extensions, paperLearners, resources, submissions } from './schema.js';
import { blobViews, submissionView, stateOf } from './views.js';

export interface WorkDeps {
  db: Database;
  clock: Clock;
  permissions: Permissions;
  blobs: BlobStore;
}

/** Accepted uploads by kind of resource: what the bytes are, sniffed (R-WORK-3). */
export const RESOURCE_TYPES = {
  file: ['application/pdf', 'image/', 'application/vnd.openxmlformats-officedocument.', 'application/vnd.oasis.opendocument.', 'text/plain', 'audio/', 'video/'],
  video: ['video/'],
  audio: ['audio/'],
} as const;

type NewAssignmentParsed = Omit<NewAssignment, 'resources'> & { resources: NonNullable<NewAssignment['resources']> };

/** R-WORK-1..3: setting work, its resources, and what a class's work looks like. */
export function createWorkService(deps: WorkDeps) {
  const { db, clock, permissions, blobs } = deps;

  const audit = (tx: TenantTx, ctx: Ctx, action: string, subjectId: string, details: Record<string, unknown>) =>
    recordAudit(tx, { organisationId: ctx.actor.organisationId, actorId: ctx.actor.userId, action, subjectType: 'assignment', subjectId, meta: ctx.meta, at: clock.now(), details });

  /** Everything setting this work would decide, without writing: who may, when it is due, the warnings. */
  async function plan(tx: TenantTx, ctx: Ctx, body: NewAssignmentParsed) {
    const org = ctx.actor.organisationId;
    const c = await oneClass(tx, org, body.classId);
    const subject = await classSubject(tx, org, c, { withBubble: true });
    if (!permissions.authorize(ctx.actor, 'work.set', subject).allowed) throw NotFound();
    if (c.ended) throw ClassEnded(c.name);
    const cover = subject.coverTeacherIds.includes(ctx.actor.userId) && !c.staff.some((s) => s.userId === ctx.actor.userId);
    const { calendar } = await calendarAt(tx, org, c.siteId, clock);
    const rules = await workRules(tx, org, c.siteId);
    const now = clock.now();
    const problems: ErrorDetail[] = [];
    const due = instantAt(calendar, body.dueDate, body.dueTime);
    if (body.dueDate < body.forDate) problems.push({ path: ['body', 'dueDate'], code: 'work.due.before_day', message: 'The work cannot be due before the day it is set for.' });
    else if (due.getTime() <= now.getTime()) problems.push({ path: ['body', 'dueTime'], code: 'work.due.passed', message: 'That time has already passed. Choose a later due date or time.' });
    const named = [...new Set(body.learnerIds ?? [])];
    if (named.length) {
      const enrolled = new Set(await learnersOf(tx, org, c.id, body.forDate));
      named.forEach((id, i) => {
        if (!enrolled.has(id)) problems.push({ path: ['body', 'learnerIds', i], code: 'work.learner.not_in_class', message: `This learner is not in ${c.name} on that day.` });
      });
    }
    const subjectName = body.subject?.trim() || c.subject;
    // Deadlines the same learners already have that day, from any of their classes (R-WORK-2).
    const learners = named.length ? named : await learnersOf(tx, org, c.id, body.forDate);
    const classIds = [...new Set([c.id, ...(await enrolmentsOf(tx, org, learners, body.forDate)).map((e) => e.classId)])];
    const existing = await tx
      .select({ id: assignments.id, subject: assignments.subject, due: assignments.dueAt })
      .from(assignments)
      .where(
        and(
          eq(assignments.organisationId, org),
          inArray(assignments.classId, classIds),
          isNull(assignments.withdrawnAt),
          gte(assignments.dueAt, instantAt(calendar, body.dueDate, '00:00')),
          lt(assignments.dueAt, instantAt(calendar, body.dueDate, '23:59')),
        ),
      );
    const bunch = rules.maxSubjectsPerDay === null ? null : breaksSpacing(calendar, existing, { id: 'new', subject: subjectName, due }, rules.maxSubjectsPerDay);
    const setBy = setByCheck(calendar, body.forDate, now, rules.setBy);
    return { c, calendar, rules, now, due, named, subjectName, cover, problems, bunch, setBy };
  }

  function checkOf(p: Awaited<ReturnType<typeof plan>>): AssignmentCheck {
    return {
      setBy: { applies: p.setBy.applies, late: p.setBy.late, deadline: p.setBy.deadline?.toISOString() ?? null, minutesLate: p.setBy.minutesLate },
      spacing: p.bunch && p.rules.maxSubjectsPerDay !== null ? { date: p.bunch.date, subjects: p.bunch.subjects, maxSubjectsPerDay: p.rules.maxSubjectsPerDay } : null,
      cover: p.cover,
    };
  }

  async function summaries(tx: TenantTx, org: string, rows: AssignmentRow[], classes: Map<string, ClassFacts>): Promise<Map<string, AssignmentSummary>> {
    const names = await personNames(tx, org, rows.map((r) => r.setBy));
    const ids = rows.filter((r) => r.audience === 'learners').map((r) => r.id);
    const counts = ids.length
      ? await tx
          .select({ id: assignmentLearners.assignmentId, n: count() })
          .from(assignmentLearners)
          .where(and(eq(assignmentLearners.organisationId, org), inArray(assignmentLearners.assignmentId, ids)))
          .groupBy(assignmentLearners.assignmentId)
      : [];
    return new Map(rows.map((r) => [r.id, summaryOf(r, classes.get(r.classId)?.name ?? '', names.get(r.setBy) ?? '', r.audience === 'learners' ? Number(counts.find((c) => c.id === r.id)?.n ?? 0) : null)]));
  }

  async function resourcesOf(tx: TenantTx, org: string, assignmentId: string): Promise<ResourceView[]> {
    const rows = await tx.select().from(resources).where(and(eq(resources.organisationId, org), eq(resources.assignmentId, assignmentId))).orderBy(asc(resources.position));
    const files = await blobViews(tx, org, rows.flatMap((r) => (r.blobId ? [r.blobId] : [])));
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as ResourceView['kind'],
      title: r.title,
      url: r.url,
      body: r.body,
      file: r.blobId ? (files.get(r.blobId) ?? null) : null,
      posterId: r.posterBlobId,
      captionsId: r.captionsBlobId,
    }));
  }

  /** Staff view of who the work is for and where each learner is with it. */
  async function progressOf(tx: TenantTx, org: string, a: AssignmentRow, today: string): Promise<LearnerProgress[]> {
    const learnerIds = await audienceOf(tx, org, a, today);
    if (learnerIds.length === 0) return [];
    const subs = await tx.select().from(submissions).where(and(eq(submissions.organisationId, org), eq(submissions.assignmentId, a.id)));
    const exts = await tx.select().from(extensions).where(and(eq(extensions.organisationId, org), eq(extensions.assignmentId, a.id)));
    const paper = await tx.select({ id: paperLearners.learnerId }).from(paperLearners).where(and(eq(paperLearners.organisationId, org), inArray(paperLearners.learnerId, learnerIds)));
    const names = await personNames(tx, org, learnerIds);
    const now = clock.now();
    const onPaper = new Set(paper.map((p) => p.id));
    return learnerIds
      .map((id) => {
        const s = subs.find((x) => x.learnerId === id) ?? null;
        const ext = exts.find((x) => x.learnerId === id)?.dueAt ?? null;
        return {
          learner: { id, displayName: names.get(id) ?? '' },
          state: stateOf(s, ext ?? a.dueAt, now),
          submissionId: s?.id ?? null,
          submittedAt: s?.submittedAt.toISOString() ?? null,
          channel: (s?.channel as 'online' | 'paper' | undefined) ?? null,
          extendedTo: ext?.toISOString() ?? null,
          paper: onPaper.has(id),
        };
      })
      .sort((x, y) => x.learner.displayName.localeCompare(y.learner.displayName));
  }

  return {
    /** R-WORK-1, -2: what setting this work would do (late against the set-by time? bunching deadlines?), before it is set. */
    async check(ctx: Ctx, body: NewAssignmentParsed): Promise<AssignmentCheck> {
      return db.withTenant(ctx.actor.organisationId, async (tx) => {
        const p = await plan(tx, ctx, body);
        if (p.problems.length) throw WorkInvalid().withDetails(p.problems);
        return checkOf(p);
      });
    },

    /** R-WORK-1: set work for a class or named learners, with its links and text, in one transaction. */
    async setWork(ctx: Ctx, body: NewAssignmentParsed): Promise<AssignmentDetail & { check: AssignmentCheck }> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const p = await plan(tx, ctx, body);
        if (p.problems.length) throw WorkInvalid().withDetails(p.problems);
        const [row] = await tx
          .insert(assignments)
          .values({
            organisationId: org,
            classId: p.c.id,
            setBy: ctx.actor.userId,
            title: body.title,
            instructions: body.instructions,
            subject: p.subjectName,
            forDate: body.forDate,
            dueAt: p.due,
            estimatedMinutes: body.estimatedMinutes,
            screenFree: body.screenFree,
            audience: p.named.length ? 'learners' : 'class',
            cover: p.cover,
            publishedAt: p.now,
            setLate: p.setBy.late,
            minutesLate: p.setBy.minutesLate,
          })
          .returning();
        const a = row!;
        if (p.named.length) await tx.insert(assignmentLearners).values(p.named.map((learnerId) => ({ organisationId: org, assignmentId: a.id, learnerId })));
        if (body.resources.length) {
          await tx.insert(resources).values(
            body.resources.map((r, position) => ({
              organisationId: org,
              assignmentId: a.id,
              position,
              kind: r.kind,
              title: r.title,
              url: r.kind === 'link' ? r.url : null,
              body: r.kind === 'text' ? r.body : null,
            })),
          );
        }
        const check = checkOf(p);
        await audit(tx, ctx, 'work.assignment.set', a.id, {
          requirement: 'R-WORK-1',
          classId: a.classId,
          title: a.title,
          dueAt: a.dueAt.toISOString(),
          learners: p.named.length || null,
          setLate: a.setLate,
          minutesLate: a.minutesLate,
          cover: a.cover,
          spacing: check.spacing,
        });
        const detail = await staffDetail(tx, ctx, a, p.c);
        return { ...detail, check };
      });
    },

    /** R-WORK-3: a file, pre-recorded video or audio for a piece of work (staged by the route, recorded here). */
    async addResource(
      ctx: Ctx,
      assignmentId: string,
      input: { kind: 'file' | 'video' | 'audio'; title: string; file: StagedBlob; poster?: StagedBlob; captions?: StagedBlob },
    ): Promise<ResourceView> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const a = await oneAssignment(tx, org, assignmentId);
        const c = await oneClass(tx, org, a.classId);
        const subject = await classSubject(tx, org, c, { withBubble: true });
        if (!permissions.authorize(ctx.actor, 'work.set', subject).allowed) throw NotFound();
        const at = clock.now();
        const blobId = await blobs.record(tx, org, input.file, ctx.actor.userId, at);
        const posterId = input.poster ? await blobs.record(tx, org, input.poster, ctx.actor.userId, at) : null;
        const captionsId = input.captions ? await blobs.record(tx, org, input.captions, ctx.actor.userId, at) : null;
        const [{ n }] = (await tx
          .select({ n: sql<number>`coalesce(max(${resources.position}) + 1, 0)` })
          .from(resources)
          .where(and(eq(resources.organisationId, org), eq(resources.assignmentId, a.id)))) as [{ n: number }];
        const [row] = await tx
          .insert(resources)
          .values({ organisationId: org, assignmentId: a.id, position: Number(n), kind: input.kind, title: input.title, blobId, posterBlobId: posterId, captionsBlobId: captionsId })
          .returning();
        await audit(tx, ctx, 'work.resource.added', a.id, { requirement: 'R-WORK-3', resourceId: row!.id, kind: input.kind, contentType: input.file.contentType, byteSize: input.file.byteSize });
        return (await resourcesOf(tx, org, a.id)).find((r) => r.id === row!.id)!;
      });
    },

    /** The classes whose work the actor may look at (R-WORK-1, -2): their own first, then those they oversee, by site and name. */
    async classes(ctx: Ctx): Promise<WorkClasses> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const ids = await openClassIds(tx, org);
        const all = await classFacts(tx, org, ids);
        const visible = ids.flatMap((id) => all.get(id) ?? []).filter((c) => permissions.authorize(ctx.actor, 'work.class.read', { organisationId: org, siteIds: [c.siteId], teacherIds: c.staff.map((s) => s.userId) }).allowed);
        // Today where the classes are (an organisation's sites share a time zone in practice).
        const today = DateTime.fromJSDate(clock.now(), { zone: visible[0]?.timeZone ?? 'Europe/London' }).toISODate()!;
        const counts = new Map<string, number>();
        for (const e of await enrolmentsIn(tx, org, visible.map((c) => c.id), today)) counts.set(e.classId, (counts.get(e.classId) ?? 0) + 1);
        const teaches = (c: ClassFacts) => c.staff.some((s) => s.userId === ctx.actor.userId);
        const ordered = [...visible.filter(teaches), ...visible.filter((c) => !teaches(c))];
        return { classes: ordered.map((c) => ({ id: c.id, name: c.name, subject: c.subject, siteName: c.siteName, learners: counts.get(c.id) ?? 0, teaches: teaches(c) })) };
      });
    },

    /** R-WORK-1, -5: a class's work: what was set, when, and how many handed it in. */
    async classWork(ctx: Ctx, classId: string): Promise<ClassWork> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const c = await oneClass(tx, org, classId);
        const subject = await classSubject(tx, org, c, { withBubble: true });
        const canSet = permissions.authorize(ctx.actor, 'work.set', subject).allowed && !c.ended;
        if (!canSet && !permissions.authorize(ctx.actor, 'work.class.read', subject).allowed) throw NotFound();
        const { today } = await calendarAt(tx, org, c.siteId, clock);
        const rows = await tx
          .select()
          .from(assignments)
          .where(and(eq(assignments.organisationId, org), eq(assignments.classId, c.id), isNull(assignments.withdrawnAt)))
          .orderBy(desc(assignments.dueAt))
          .limit(100);
        const learnerIds = await learnersOf(tx, org, c.id, today);
        const ids = rows.map((r) => r.id);
        const handed = ids.length
          ? await tx
              .select({ id: submissions.assignmentId, n: count(), waiting: sql<number>`count(*) filter (where ${submissions.feedbackAt} is null)` })
              .from(submissions)
              .where(and(eq(submissions.organisationId, org), inArray(submissions.assignmentId, ids)))
              .groupBy(submissions.assignmentId)
          : [];
        const byId = await summaries(tx, org, rows, new Map([[c.id, c]]));
        const names = await personNames(tx, org, learnerIds);
        const paper = learnerIds.length ? await tx.select({ id: paperLearners.learnerId }).from(paperLearners).where(and(eq(paperLearners.organisationId, org), inArray(paperLearners.learnerId, learnerIds))) : [];
        const rules = await workRules(tx, org, c.siteId);
        const onPaper = new Set(paper.map((p) => p.id));
        return {
          class: { id: c.id, name: c.name, subject: c.subject, siteId: c.siteId, siteName: c.siteName },
          assignments: rows.map((r) => {
            const h = handed.find((x) => x.id === r.id);
            const summary = byId.get(r.id)!;
            return { ...summary, handedIn: Number(h?.n ?? 0), learners: summary.learnerCount ?? learnerIds.length, awaitingFeedback: Number(h?.waiting ?? 0) };
          }),
          canSet,
          cover: subject.coverTeacherIds.includes(ctx.actor.userId) && !c.staff.some((s) => s.userId === ctx.actor.userId),
          learners: learnerIds.map((id) => ({ id, displayName: names.get(id) ?? '', paper: onPaper.has(id) })).sort((x, y) => x.displayName.localeCompare(y.displayName)),
          policy: { setBy: rules.setBy, maxSubjectsPerDay: rules.maxSubjectsPerDay, screenFreeMinimum: rules.screenFreeMinimum },
        };
      });
    },

    /**
     * R-WORK-1, -5, -6: one piece of work. Staff of the class see every learner's progress; a
     * learner (or their parent, naming the child) sees their own hand-in, feedback and replies.
     */
    async assignmentDetail(ctx: Ctx, assignmentId: string, learnerId?: string): Promise<AssignmentDetail> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const a = await oneAssignment(tx, org, assignmentId);
        const c = await oneClass(tx, org, a.classId);
        const subject = await classSubject(tx, org, c, { withBubble: a.cover });
        if (learnerId === undefined && permissions.authorize(ctx.actor, 'work.class.read', subject).allowed) return staffDetail(tx, ctx, a, c);
        return learnerDetail(tx, ctx, a, c, learnerId ?? ctx.actor.userId);
      });
    },

    /** R-WORK-4: say that a learner works from paper packs (until the access module records devices). */
    async setPaper(ctx: Ctx, learnerId: string, paper: boolean): Promise<void> {
      const org = ctx.actor.organisationId;
      await db.withTenant(org, async (tx) => {
        const facts = await personFacts(tx, org, learnerId);
        if (!facts) throw NotFound();
        const classes = await classFacts(tx, org, await classesOfLearner(tx, org, learnerId, clock.now().toISOString().slice(0, 10)));
        const teacherIds = [...classes.values()].flatMap((c) => c.staff.map((s) => s.userId));
        if (!permissions.authorize(ctx.actor, 'work.pack', { ...facts, teacherIds }).allowed) throw NotFound();
        if (paper) {
          await tx.insert(paperLearners).values({ organisationId: org, learnerId, setBy: ctx.actor.userId, since: clock.now() }).onConflictDoNothing();
        } else {
          await tx.delete(paperLearners).where(and(eq(paperLearners.organisationId, org), eq(paperLearners.learnerId, learnerId)));
        }
        await recordAudit(tx, { organisationId: org, actorId: ctx.actor.userId, action: paper ? 'work.paper.on' : 'work.paper.off', subjectType: 'person', subjectId: learnerId, meta: ctx.meta, at: clock.now(), details: { requirement: 'R-WORK-4' } });
      });
    },
  };

  async function staffDetail(tx: TenantTx, ctx: Ctx, a: AssignmentRow, c: ClassFacts): Promise<AssignmentDetail> {
    const org = ctx.actor.organisationId;
    const { today } = await calendarAt(tx, org, c.siteId, clock);
    const subject = await classSubject(tx, org, c, { withBubble: true });
    const summary = (await summaries(tx, org, [a], new Map([[c.id, c]]))).get(a.id)!;
    const rules = await workRules(tx, org, c.siteId);
    return {
      assignment: summary,
      instructions: a.instructions,
      resources: await resourcesOf(tx, org, a.id),
      learners: await progressOf(tx, org, a, today),
      mine: null,
      dueAt: a.dueAt.toISOString(),
      can: {
        submit: false,
        mark: permissions.authorize(ctx.actor, 'work.mark', subject).allowed,
        manage: permissions.authorize(ctx.actor, 'work.set', subject).allowed,
      },
      ownWorkDeclaration: rules.ownWorkDeclaration,
    };
  }

  async function learnerDetail(tx: TenantTx, ctx: Ctx, a: AssignmentRow, c: ClassFacts, learnerId: string): Promise<AssignmentDetail> {
    const org = ctx.actor.organisationId;
    const facts = await personFacts(tx, org, learnerId);
    if (!facts) throw NotFound();
    const teacherIds = c.staff.map((s) => s.userId);
    if (!permissions.authorize(ctx.actor, 'work.learner.read', { ...facts, siteIds: [...(facts.siteIds ?? []), c.siteId], teacherIds }).allowed) throw NotFound();
    const { today } = await calendarAt(tx, org, c.siteId, clock);
    if (!(await audienceOf(tx, org, a, today)).includes(learnerId)) throw NotFound();
    const rules = await workRules(tx, org, c.siteId);
    const [sub] = await tx.select().from(submissions).where(and(eq(submissions.organisationId, org), eq(submissions.assignmentId, a.id), eq(submissions.learnerId, learnerId)));
    const [ext] = await tx.select().from(extensions).where(and(eq(extensions.organisationId, org), eq(extensions.assignmentId, a.id), eq(extensions.learnerId, learnerId)));
    const summary = (await summaries(tx, org, [a], new Map([[c.id, c]]))).get(a.id)!;
    const submitAllowed = permissions.authorize(ctx.actor, 'work.submit', facts).allowed && (ctx.actor.userId === learnerId || rules.parentsMaySubmit);
    return {
      assignment: summary,
      instructions: a.instructions,
      resources: await resourcesOf(tx, org, a.id),
      learners: null,
      mine: sub ? await submissionView(tx, org, sub) : null,
      dueAt: (ext?.dueAt ?? a.dueAt).toISOString(),
      can: { submit: submitAllowed && (!sub || sub.feedbackAt === null), mark: false, manage: false },
      ownWorkDeclaration: rules.ownWorkDeclaration,
    };
  }
}

export type WorkService = ReturnType<typeof createWorkService>;

export function summaryOf(r: AssignmentRow, className: string, setByName: string, learnerCount: number | null): AssignmentSummary {
  return {
    id: r.id,
    classId: r.classId,
    className,
    subject: r.subject,
    title: r.title,
    forDate: r.forDate,
    dueAt: r.dueAt.toISOString(),
    estimatedMinutes: r.estimatedMinutes,
    screenFree: r.screenFree,
    setBy: { id: r.setBy, displayName: setByName },
    publishedAt: r.publishedAt.toISOString(),
    setLate: r.setLate,
    minutesLate: r.minutesLate,
    cover: r.cover,
    learnerCount,
  };
}
