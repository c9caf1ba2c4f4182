import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import type { ClassDetail, ClassList, Timetable, TimetableQuery } from '../../../shared/organisation.js';
import type { Permissions } from '../../platform/authz.js';
import type { Ctx } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Database, TenantTx } from '../../platform/db/client.js';
import { NotFound } from '../../platform/errors.js';
import { personFacts, personNames } from '../identity/index.js';
import { bankHolidaysBetween } from './bank-holidays.js';
import { lessonsOn, localDateOf, nextWorkingDay, nonWorkingReason } from './working-time.js';
import { NoSite } from './errors.js';
import { currentOn } from './manage.js';
import { siteCalendar } from './service.js';
import { timetableOf } from './facts.js';
import { classStaff, classes, cohorts, enrolments, sites } from './schema.js';


/** R-ORG-1, R-ORG-2: who is in which class, and what is on a person's timetable today. */
export function createStructureService(deps: { db: Database; clock: Clock; permissions: Permissions }) {
  const { db, clock, permissions } = deps;

  /** Classes a person is in on a date: enrolled as a learner (enrolment current) or on the staff. */
  async function classIdsOf(tx: TenantTx, organisationId: string, personId: string, date: string): Promise<Map<string, 'learner' | 'teacher' | 'teaching_assistant'>> {
    const taught = await tx
      .select({ classId: classStaff.classId, role: classStaff.role })
      .from(classStaff)
      .innerJoin(classes, and(eq(classes.organisationId, classStaff.organisationId), eq(classes.id, classStaff.classId)))
      .where(and(eq(classStaff.organisationId, organisationId), eq(classStaff.userId, personId), isNull(classes.endedAt)));
    const learning = await tx
      .select({ classId: enrolments.classId })
      .from(enrolments)
      .innerJoin(classes, and(eq(classes.organisationId, enrolments.organisationId), eq(classes.id, enrolments.classId)))
      .where(
        and(
          eq(enrolments.organisationId, organisationId),
          eq(enrolments.learnerId, personId),
          isNull(classes.endedAt),
          currentOn(date),
        ),
      );
    const result = new Map<string, 'learner' | 'teacher' | 'teaching_assistant'>();
    for (const l of learning) result.set(l.classId, 'learner');
    for (const t of taught) result.set(t.classId, t.role === 'teaching_assistant' ? 'teaching_assistant' : 'teacher');
    return result;
  }

  return {
    /** R-ORG-2: a person's lessons on a date (today in their site's time zone by default). */
    async timetable(ctx: Ctx, q: TimetableQuery): Promise<Timetable> {
      const { actor } = ctx;
      const personId = q.personId ?? actor.userId;
      return db.withTenant(actor.organisationId, async (tx) => {
        const facts = await personFacts(tx, actor.organisationId, personId);
        if (!facts || !permissions.authorize(actor, 'organisation.timetable.read', facts).allowed) throw NotFound();
        const now = clock.now();
        let siteId = facts.siteIds?.[0];
        if (!siteId) {
          const [first] = await tx.select({ id: sites.id }).from(sites).where(eq(sites.organisationId, actor.organisationId)).limit(1);
          siteId = first?.id;
        }
        if (!siteId) throw NoSite();
        const provisional = await siteCalendar(tx, actor.organisationId, siteId, now.toISOString().slice(0, 10));
        if (!provisional) throw NoSite();
        const date = q.date ?? localDateOf(provisional.calendar, now);
        const { site, calendar } = (await siteCalendar(tx, actor.organisationId, siteId, date))!;
        const names = await personNames(tx, actor.organisationId, [personId]);
        const holidays = new Map(bankHolidaysBetween(Number(date.slice(0, 4)) - 1, Number(date.slice(0, 4)) + 1).map((h) => [h.date, h.name]));
        const reason = nonWorkingReason(calendar, date, (d) => holidays.get(d));

        const member = await classIdsOf(tx, actor.organisationId, personId, date);
        const ids = [...member.keys()];
        const slots = lessonsOn(calendar, await timetableOf(tx, actor.organisationId, ids), date);
        const classIds = [...new Set(slots.map((s) => s.classId))];
        const classRows = classIds.length
          ? await tx.select({ id: classes.id, name: classes.name, subject: classes.subject }).from(classes).where(and(eq(classes.organisationId, actor.organisationId), inArray(classes.id, classIds)))
          : [];
        const staff = classIds.length
          ? await tx.select({ classId: classStaff.classId, userId: classStaff.userId }).from(classStaff).where(and(eq(classStaff.organisationId, actor.organisationId), inArray(classStaff.classId, classIds), eq(classStaff.role, 'teacher')))
          : [];
        const staffNames = await personNames(tx, actor.organisationId, staff.map((s) => s.userId));
        const byId = new Map(classRows.map((c) => [c.id, c]));
        return {
          person: { id: personId, displayName: names.get(personId) ?? '' },
          date,
          site,
          working: reason === null,
          reason,
          lessons: slots.map((s) => ({
            classId: s.classId,
            className: byId.get(s.classId)?.name ?? '',
            subject: byId.get(s.classId)?.subject ?? '',
            start: s.start.toISOString(),
            end: s.end.toISOString(),
            room: s.room,
            teachers: staff.filter((t) => t.classId === s.classId).map((t) => staffNames.get(t.userId) ?? ''),
          })),
          nextWorkingDay: nextWorkingDay(calendar, date),
        };
      });
    },

    /** R-ORG-1: the classes the asker is in, as learner or staff. */
    async myClasses(ctx: Ctx): Promise<ClassList> {
      const { actor } = ctx;
      return db.withTenant(actor.organisationId, async (tx) => {
        const member = await classIdsOf(tx, actor.organisationId, actor.userId, clock.now().toISOString().slice(0, 10));
        const ids = [...member.keys()];
        if (ids.length === 0) return { classes: [] };
        const rows = await tx
          .select({ id: classes.id, name: classes.name, subject: classes.subject, siteName: sites.name })
          .from(classes)
          .innerJoin(sites, and(eq(sites.organisationId, classes.organisationId), eq(sites.id, classes.siteId)))
          .where(and(eq(classes.organisationId, actor.organisationId), inArray(classes.id, ids)))
          .orderBy(classes.name);
        const counts = await tx
          .select({ classId: enrolments.classId, n: count() })
          .from(enrolments)
          .where(and(eq(enrolments.organisationId, actor.organisationId), inArray(enrolments.classId, ids), currentOn(clock.now().toISOString().slice(0, 10))))
          .groupBy(enrolments.classId);
        const countOf = new Map(counts.map((c) => [c.classId, Number(c.n)]));
        return { classes: rows.map((r) => ({ ...r, learners: countOf.get(r.id) ?? 0, as: member.get(r.id) ?? 'oversight' })) };
      });
    },

    /** R-ORG-1: a class with its staff, learners and weekly timetable, to those who may see it. */
    async classDetail(ctx: Ctx, classId: string): Promise<ClassDetail> {
      const { actor } = ctx;
      return db.withTenant(actor.organisationId, async (tx) => {
        const [row] = await tx
          .select({ c: classes, siteName: sites.name })
          .from(classes)
          .innerJoin(sites, and(eq(sites.organisationId, classes.organisationId), eq(sites.id, classes.siteId)))
          .where(and(eq(classes.organisationId, actor.organisationId), eq(classes.id, classId)));
        if (!row) throw NotFound();
        const staff = await tx.select().from(classStaff).where(and(eq(classStaff.organisationId, actor.organisationId), eq(classStaff.classId, classId)));
        const subject = { organisationId: actor.organisationId, siteIds: [row.c.siteId], teacherIds: staff.map((s) => s.userId) };
        if (!permissions.authorize(actor, 'organisation.class.read', subject).allowed) throw NotFound();
        const learners = await tx
          .select({ id: enrolments.learnerId })
          .from(enrolments)
          .where(and(eq(enrolments.organisationId, actor.organisationId), eq(enrolments.classId, classId), currentOn(clock.now().toISOString().slice(0, 10))));
        const names = await personNames(tx, actor.organisationId, [...staff.map((s) => s.userId), ...learners.map((l) => l.id)]);
        const [cohort] = row.c.cohortId
          ? await tx.select({ id: cohorts.id, name: cohorts.name }).from(cohorts).where(and(eq(cohorts.organisationId, actor.organisationId), eq(cohorts.id, row.c.cohortId)))
          : [];
        const periods = await timetableOf(tx, actor.organisationId, [classId]);
        const byName = (a: { displayName: string }, b: { displayName: string }) => a.displayName.localeCompare(b.displayName);
        return {
          id: row.c.id,
          name: row.c.name,
          subject: row.c.subject,
          kind: row.c.kind === 'homeroom' ? ('homeroom' as const) : ('scheduled' as const),
          ended: row.c.endedAt !== null,
          site: { id: row.c.siteId, name: row.siteName },
          cohort: cohort ?? null,
          staff: staff
            .map((s) => ({ id: s.userId, displayName: names.get(s.userId) ?? '', role: s.role === 'teaching_assistant' ? ('teaching_assistant' as const) : ('teacher' as const) }))
            .sort(byName),
          learners: learners.map((l) => ({ id: l.id, displayName: names.get(l.id) ?? '' })).sort(byName),
          periods: periods
            .map((p) => ({ id: p.id, weekday: p.weekday, start: p.start, end: p.end, room: p.room ?? null, week: p.week ?? null }))
            .sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start)),
        };
      });
    },
  };
}

export type StructureService = ReturnType<typeof createStructureService>;
