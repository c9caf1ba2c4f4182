import { PassThrough } from 'node:stream';
import { and, asc, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Ctx } from '../../platform/auth/actor.js';
import type { Permissions } from '../../platform/authz.js';
import { recordAudit } from '../../platform/audit/record.js';
import type { Clock } from '../../platform/clock.js';
import type { Database, TenantTx } from '../../platform/db/client.js';
import { NotFound } from '../../platform/errors.js';
import { personFacts, personNames } from '../identity/index.js';
import { classFacts, classesOfLearner, enrolmentsOf, learnersOf, nextWorkingDay, organisationOf, type ClassFacts } from '../organisation/index.js';
import { NoPaperLearners } from './errors.js';
import { calendarAt, classSubject, oneClass } from './load.js';
import { writePack, type PackInput, type PackLearner } from './pack.js';
import { assignmentLearners, assignments, paperLearners, resources } from './schema.js';

type AssignmentRow = typeof assignments.$inferSelect;

export interface RenderedPack {
  fileName: string;
  pdf: Buffer;
  learners: number;
  tasks: number;
}

/**
 * R-WORK-4: paper packs of a week's work, for a class (its work, per learner) or one learner (the
 * work of all their classes), to print before a learner leaves to isolate or for those with no
 * device. Rendered whole before sending, so the browser knows the size and can show progress.
 */
export function createPackService(deps: { db: Database; clock: Clock; permissions: Permissions }) {
  const { db, clock, permissions } = deps;

  async function weekOf(tx: TenantTx, org: string, siteId: string, week?: string) {
    const { calendar, today } = await calendarAt(tx, org, siteId, clock);
    const monday = DateTime.fromISO(week ?? today, { zone: calendar.timeZone }).startOf('week');
    const weekOfDate = monday.toISODate()!;
    const friday = monday.plus({ days: 4 }).toISODate()!;
    return { calendar, weekOf: weekOfDate, weekEnd: friday, returnBy: nextWorkingDay(calendar, friday) };
  }

  /** The week's tasks of these classes for each learner (the class's work, or work naming them). */
  async function tasksFor(tx: TenantTx, org: string, classIds: string[], learnerIds: string[], from: string, to: string) {
    const rows = classIds.length
      ? await tx
          .select()
          .from(assignments)
          .where(and(eq(assignments.organisationId, org), inArray(assignments.classId, classIds), isNull(assignments.withdrawnAt), gte(assignments.forDate, from), lte(assignments.forDate, to)))
          .orderBy(asc(assignments.dueAt))
      : [];
    const ids = rows.map((r) => r.id);
    const named = ids.length
      ? await tx.select().from(assignmentLearners).where(and(eq(assignmentLearners.organisationId, org), inArray(assignmentLearners.assignmentId, ids), inArray(assignmentLearners.learnerId, learnerIds)))
      : [];
    const res = ids.length ? await tx.select().from(resources).where(and(eq(resources.organisationId, org), inArray(resources.assignmentId, ids))).orderBy(asc(resources.position)) : [];
    const task = (a: AssignmentRow) => ({
      title: a.title,
      subject: a.subject,
      instructions: a.instructions,
      dueAt: a.dueAt.toISOString(),
      estimatedMinutes: a.estimatedMinutes,
      screenFree: a.screenFree,
      resources: res.filter((r) => r.assignmentId === a.id).map((r) => ({ kind: r.kind as 'file', title: r.title, url: r.url, body: r.body })),
    });
    return (learnerId: string, inClass: (classId: string) => boolean) =>
      rows.filter((a) => (a.audience === 'class' ? inClass(a.classId) : named.some((n) => n.assignmentId === a.id && n.learnerId === learnerId))).map(task);
  }

  async function render(tx: TenantTx, ctx: Ctx, input: PackInput, fileName: string, subject: string): Promise<RenderedPack> {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writePack(input, out);
    const tasks = input.learners.reduce((n, l) => n + l.tasks.length, 0);
    await recordAudit(tx, {
      organisationId: ctx.actor.organisationId,
      actorId: ctx.actor.userId,
      action: 'work.pack.printed',
      subjectType: 'pack',
      subjectId: subject,
      meta: ctx.meta,
      at: clock.now(),
      details: { requirement: 'R-WORK-4', weekOf: input.weekOf, learners: input.learners.length, tasks },
    });
    return { fileName, pdf: Buffer.concat(chunks), learners: input.learners.length, tasks };
  }

  async function header(tx: TenantTx, org: string, c: ClassFacts, classes: ClassFacts[]) {
    const organisation = await organisationOf(tx, org);
    const staff = [...new Map(classes.flatMap((k) => k.staff.filter((s) => s.role === 'teacher').map((s) => [s.userId, k] as const))).entries()];
    const names = await personNames(tx, org, staff.map(([id]) => id));
    return {
      organisationName: organisation?.name ?? '',
      siteName: c.siteName,
      timeZone: c.timeZone,
      contact: staff.map(([id, k]) => ({ name: names.get(id) ?? '', role: `Teacher, ${k.name} (${k.subject})`, phone: null, email: null })),
    };
  }

  /** A learner's own pages of a pack, or null when the asker may not print for them or they are in no class. */
  async function learnerPages(tx: TenantTx, ctx: Ctx, learnerId: string, week?: string) {
    const org = ctx.actor.organisationId;
    const facts = await personFacts(tx, org, learnerId);
    if (!facts) return null;
    const classIds = await classesOfLearner(tx, org, learnerId, clock.now().toISOString().slice(0, 10));
    const classes = [...(await classFacts(tx, org, classIds)).values()];
    const teacherIds = classes.flatMap((k) => k.staff.map((s) => s.userId));
    const siteIds = [...new Set(classes.map((k) => k.siteId))];
    if (!permissions.authorize(ctx.actor, 'work.pack', { ...facts, siteIds: [...(facts.siteIds ?? []), ...siteIds], teacherIds }).allowed) return null;
    const home = classes[0];
    if (!home) return null;
    const w = await weekOf(tx, org, home.siteId, week);
    const pairs = await enrolmentsOf(tx, org, [learnerId], w.weekOf);
    const mine = new Set(pairs.map((p) => p.classId));
    const forLearner = await tasksFor(tx, org, classIds, [learnerId], w.weekOf, w.weekEnd);
    const names = await personNames(tx, org, [learnerId]);
    const className = classes.map((k) => k.name).sort().join(', ');
    const learner: PackLearner = { name: names.get(learnerId) ?? '', className, tasks: forLearner(learnerId, (id) => mine.has(id)) };
    return { home, classes, w: { weekOf: w.weekOf, weekEnd: w.weekEnd, returnBy: w.returnBy }, learner };
  }

  return {
    /** A pack for every learner of a class: that class's work for the week. */
    async classPack(ctx: Ctx, classId: string, week?: string): Promise<RenderedPack> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const c = await oneClass(tx, org, classId);
        if (!permissions.authorize(ctx.actor, 'work.pack', await classSubject(tx, org, c)).allowed) throw NotFound();
        const w = await weekOf(tx, org, c.siteId, week);
        const learnerIds = await learnersOf(tx, org, c.id, w.weekOf);
        const names = await personNames(tx, org, learnerIds);
        const forLearner = await tasksFor(tx, org, [c.id], learnerIds, w.weekOf, w.weekEnd);
        const learners: PackLearner[] = learnerIds
          .map((id) => ({ name: names.get(id) ?? '', className: c.name, tasks: forLearner(id, () => true) }))
          .sort((x, y) => x.name.localeCompare(y.name));
        const input: PackInput = { ...(await header(tx, org, c, [c])), weekOf: w.weekOf, weekEnd: w.weekEnd, returnBy: w.returnBy, learners };
        return render(tx, ctx, input, `paper-pack-${slug(c.name)}-${w.weekOf}.pdf`, c.id);
      });
    },

    /** One learner's pack: the week's work of all their classes (before they leave to isolate). */
    async learnerPack(ctx: Ctx, learnerId: string, week?: string): Promise<RenderedPack> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const own = await learnerPages(tx, ctx, learnerId, week);
        if (!own) throw NotFound();
        const input: PackInput = { ...(await header(tx, org, own.home, own.classes)), ...own.w, learners: [own.learner] };
        return render(tx, ctx, input, `paper-pack-${slug(own.learner.name || 'learner')}-${own.w.weekOf}.pdf`, learnerId);
      });
    },

    /**
     * Everyone without a device (R-WORK-4): one pack of every learner flagged as working on paper
     * whom the asker may print for, each with the week's work of all their classes and their own
     * teachers to contact.
     */
    async paperPack(ctx: Ctx, week?: string): Promise<RenderedPack> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const flagged = await tx.select({ id: paperLearners.learnerId }).from(paperLearners).where(eq(paperLearners.organisationId, org));
        const pages = [];
        for (const { id } of flagged) {
          const own = await learnerPages(tx, ctx, id, week);
          if (own) pages.push({ ...own, learner: { ...own.learner, contact: (await header(tx, org, own.home, own.classes)).contact } });
        }
        pages.sort((x, y) => x.learner.name.localeCompare(y.learner.name));
        const first = pages[0];
        if (!first) throw NoPaperLearners();
        const input: PackInput = { ...(await header(tx, org, first.home, [])), ...first.w, learners: pages.map((p) => p.learner) };
        return render(tx, ctx, input, `paper-packs-${first.w.weekOf}.pdf`, org);
      });
    },
  };

}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'pack';

export type PackService = ReturnType<typeof createPackService>;
