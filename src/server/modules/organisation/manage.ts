import { and, asc, count, eq, gte, ilike, inArray, isNotNull, isNull, lte, ne, or, sql } from 'drizzle-orm';
import { DateTime, IANAZone } from 'luxon';
import type {
  AdminClassList,
  AdminClassQuery,
  AdminSite,
  AdminSites,
  BubbleClassesBody,
  BubbleList,
  CalendarQuery,
  ClassStaffBody,
  ClassUpdateBody,
  ClosureBody,
  CohortList,
  EndEnrolmentBody,
  EnrolBody,
  NewBubbleBody,
  NewClassBody,
  NewCohortBody,
  NewSiteBody,
  Overview,
  PeopleList,
  PeopleQuery,
  PeriodsBody,
  SiteCalendarView,
  SiteHours,
  StaffHoursBody,
  StaffPatternList,
  TermBody,
} from '../../../shared/organisation.js';
import type { Ctx } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit/record.js';
import type { Permissions } from '../../platform/authz.js';
import type { Clock } from '../../platform/clock.js';
import type { Database, TenantTx } from '../../platform/db/client.js';
import { AppError, Forbidden, NotFound } from '../../platform/errors.js';
import { findPeople, holdersOf, personNames } from '../identity/index.js';
import { bankHolidaysBetween } from './bank-holidays.js';
import {
  BubbleNameTaken,
  CalendarInvalid,
  EnrolmentBeforeStart,
  LearnerNotAtSite,
  NameTaken,
  NotALearner,
  NotStaff,
  SiteHoursInvalid,
  StaffHoursInvalid,
  TimetableInvalid,
} from './errors.js';
import { siteCalendar } from './service.js';
import { findTimetableOverlaps, localDateOf, nextWorkingDay, nonWorkingReason, staffPatternProblems, termChangeProblems, termProblems, workingDaysBetween, type CalendarProblem, type TimetablePeriod } from './working-time.js';
import { bubbleClasses, bubbles, classStaff, classes, closures, cohorts, enrolments, sites, staffHours, terms, timetablePeriods } from './schema.js';

const STAFF_ROLES = ['teacher', 'teaching_assistant', 'subject_lead', 'senco', 'dsl', 'assessor', 'senior_leader'] as const;
const hhmm = (t: string) => t.slice(0, 5);

/**
 * R-ORG-1, R-ORG-2: admins keep the organisation's structure and calendar: each site's hours and
 * working days, its terms and closures, its classes with their staff, learners and weekly lessons.
 * Every change is checked with the pure calendar rules (terms that overlap, lessons that clash),
 * refused whole with located problems, written in one transaction and audited.
 */
export function createManageService(deps: { db: Database; clock: Clock; permissions: Permissions }) {
  const { db, clock, permissions } = deps;

  /** Runs `work` for an actor who may manage the organisation (the guard checked the role; this checks the record's organisation). */
  function asManager<T>(ctx: Ctx, work: (tx: TenantTx, org: string) => Promise<T>): Promise<T> {
    const { actor } = ctx;
    if (!permissions.authorize(actor, 'organisation.manage', { organisationId: actor.organisationId }).allowed) throw Forbidden();
    return db.withTenant(actor.organisationId, (tx) => work(tx, actor.organisationId));
  }

  function audit(tx: TenantTx, ctx: Ctx, action: string, subjectType: string, subjectId: string, details: Record<string, unknown> = {}) {
    return recordAudit(tx, {
      organisationId: ctx.actor.organisationId,
      actorId: ctx.actor.userId,
      action,
      subjectType,
      subjectId,
      meta: ctx.meta,
      at: clock.now(),
      details,
    });
  }

  async function siteRow(tx: TenantTx, org: string, siteId: string) {
    const [site] = await tx.select().from(sites).where(and(eq(sites.organisationId, org), eq(sites.id, siteId)));
    if (!site) throw NotFound();
    return site;
  }

  async function classRow(tx: TenantTx, org: string, classId: string) {
    const [row] = await tx.select().from(classes).where(and(eq(classes.organisationId, org), eq(classes.id, classId)));
    if (!row) throw NotFound();
    return row;
  }

  async function adminSites(tx: TenantTx, org: string, only?: string): Promise<AdminSite[]> {
    const rows = await tx
      .select()
      .from(sites)
      .where(and(eq(sites.organisationId, org), only ? eq(sites.id, only) : undefined))
      .orderBy(asc(sites.name));
    const today = clock.now().toISOString().slice(0, 10);
    const classCounts = await tx
      .select({ siteId: classes.siteId, n: count() })
      .from(classes)
      .where(and(eq(classes.organisationId, org), isNull(classes.endedAt)))
      .groupBy(classes.siteId);
    const learnerCounts = await tx
      .select({ siteId: classes.siteId, n: sql<number>`count(distinct ${enrolments.learnerId})` })
      .from(enrolments)
      .innerJoin(classes, and(eq(classes.organisationId, enrolments.organisationId), eq(classes.id, enrolments.classId)))
      .where(and(eq(enrolments.organisationId, org), isNull(classes.endedAt), currentOn(today)))
      .groupBy(classes.siteId);
    const termRows = await tx
      .select()
      .from(terms)
      .where(and(eq(terms.organisationId, org), gte(terms.endDate, today)))
      .orderBy(asc(terms.startDate));
    return rows.map((s) => {
      const term = termRows.find((t) => t.siteId === s.id);
      return {
        id: s.id,
        name: s.name,
        kind: s.kind,
        timeZone: s.timeZone,
        workingDays: [...s.workingDays].sort(),
        dayStart: hhmm(s.dayStart),
        dayEnd: hhmm(s.dayEnd),
        classes: Number(classCounts.find((c) => c.siteId === s.id)?.n ?? 0),
        learners: Number(learnerCounts.find((c) => c.siteId === s.id)?.n ?? 0),
        currentTerm: term ? { name: term.name, startDate: term.startDate, endDate: term.endDate } : null,
      };
    });
  }

  /** Refuses a new or changed term that is impossible or overlaps another of the site's terms (R-ORG-2). */
  async function checkTerm(tx: TenantTx, org: string, siteId: string, body: TermBody, termId?: string) {
    const others = await tx.select().from(terms).where(and(eq(terms.organisationId, org), eq(terms.siteId, siteId)));
    const problems = termChangeProblems(
      others.filter((t) => t.id !== termId).map((t) => ({ name: t.name, start: t.startDate, end: t.endDate })),
      { name: body.name, start: body.startDate, end: body.endDate },
    );
    refuseCalendar(problems);
  }

  return {
    /** R-ORG-1: the organisation's sites with their hours, current term and size. */
    async sites(ctx: Ctx): Promise<AdminSites> {
      return asManager(ctx, async (tx, org) => ({ sites: await adminSites(tx, org) }));
    },

    /** R-ORG-1, R-ORG-2: leaders' view of today at each site (open or closed and why, lessons on). */
    async overview(ctx: Ctx): Promise<Overview> {
      const { actor } = ctx;
      if (!permissions.authorize(actor, 'organisation.overview.read', { organisationId: actor.organisationId }).allowed) throw Forbidden();
      return db.withTenant(actor.organisationId, async (tx) => {
        const org = actor.organisationId;
        const now = clock.now();
        const result: Overview['sites'] = [];
        for (const site of await adminSites(tx, org)) {
          const { calendar } = (await siteCalendar(tx, org, site.id, now.toISOString().slice(0, 10)))!;
          const today = localDateOf(calendar, now);
          const holidays = new Map(bankHolidaysBetween(Number(today.slice(0, 4)) - 1, Number(today.slice(0, 4)) + 1).map((h) => [h.date, h.name]));
          const reason = nonWorkingReason(calendar, today, (d) => holidays.get(d));
          const weekday = DateTime.fromISO(today, { zone: calendar.timeZone }).weekday;
          const [{ n } = { n: 0 }] =
            reason === null
              ? await tx
                  .select({ n: count() })
                  .from(timetablePeriods)
                  .innerJoin(classes, and(eq(classes.organisationId, timetablePeriods.organisationId), eq(classes.id, timetablePeriods.classId)))
                  .where(and(eq(timetablePeriods.organisationId, org), eq(classes.siteId, site.id), isNull(classes.endedAt), eq(timetablePeriods.weekday, weekday)))
              : [];
          result.push({ ...site, today, working: reason === null, reason, lessonsToday: Number(n), nextWorkingDay: nextWorkingDay(calendar, today) });
        }
        return { sites: result };
      });
    },

    /** R-ORG-1: a new site or centre, on the platform's default calendar until its hours are set. */
    async addSite(ctx: Ctx, body: NewSiteBody): Promise<{ id: string }> {
      return asManager(ctx, async (tx, org) => {
        const [taken] = await tx.select({ id: sites.id }).from(sites).where(and(eq(sites.organisationId, org), sql`lower(${sites.name}) = lower(${body.name})`));
        if (taken) throw NameTaken('site', body.name).withDetails([{ path: ['name'], code: NameTaken.code, message: `There is already a site called ${body.name}.` }]);
        const [row] = await tx.insert(sites).values({ organisationId: org, name: body.name, kind: body.kind ?? 'school' }).returning({ id: sites.id });
        await audit(tx, ctx, 'organisation.site.added', 'site', row!.id, { ...body });
        return row!;
      });
    },

    /** R-ORG-1: a year group, study programme or apprenticeship standard at a site. */
    async addCohort(ctx: Ctx, body: NewCohortBody): Promise<{ id: string }> {
      return asManager(ctx, async (tx, org) => {
        await siteRow(tx, org, body.siteId);
        const [row] = await tx
          .insert(cohorts)
          .values({ organisationId: org, siteId: body.siteId, kind: body.kind, name: body.name, code: body.code ?? null, yearOfSchooling: body.kind === 'year_group' ? (body.yearOfSchooling ?? null) : null })
          .onConflictDoNothing()
          .returning({ id: cohorts.id });
        if (!row) throw NameTaken('cohort', body.code ?? body.name).withDetails([{ path: ['code'], code: NameTaken.code, message: `This site already has one with the code ${body.code}.` }]);
        await audit(tx, ctx, 'organisation.cohort.added', 'cohort', row.id, { ...body });
        return row;
      });
    },

    /** R-ORG-2: a site's time zone, working days and school-day hours. */
    async setSiteHours(ctx: Ctx, siteId: string, body: SiteHours): Promise<AdminSite> {
      const problems: { path: string[]; code: string; message: string }[] = [];
      if (!IANAZone.isValidZone(body.timeZone)) {
        problems.push({ path: ['timeZone'], code: 'organisation.site.bad_zone', message: `${body.timeZone} is not a time zone we know; use one like Europe/London.` });
      }
      if (body.dayStart >= body.dayEnd) {
        problems.push({ path: ['dayEnd'], code: 'organisation.site.day_ends_before_start', message: `The school day must end after it starts (${body.dayStart}–${body.dayEnd}).` });
      }
      if (new Set(body.workingDays).size !== body.workingDays.length) {
        problems.push({ path: ['workingDays'], code: 'organisation.site.repeated_day', message: 'Each working day can be chosen once.' });
      }
      if (problems.length) throw SiteHoursInvalid().withDetails(problems);
      return asManager(ctx, async (tx, org) => {
        const before = await siteRow(tx, org, siteId);
        await tx
          .update(sites)
          .set({ timeZone: body.timeZone, workingDays: [...body.workingDays].sort(), dayStart: body.dayStart, dayEnd: body.dayEnd })
          .where(and(eq(sites.organisationId, org), eq(sites.id, siteId)));
        await audit(tx, ctx, 'organisation.site.hours_changed', 'site', siteId, {
          before: { timeZone: before.timeZone, workingDays: before.workingDays, dayStart: hhmm(before.dayStart), dayEnd: hhmm(before.dayEnd) },
          after: body,
        });
        return (await adminSites(tx, org, siteId))[0]!;
      });
    },

    /** R-ORG-2: a site's terms, closures and the bank holidays in the range, for one screen. */
    async calendar(ctx: Ctx, siteId: string, q: CalendarQuery): Promise<SiteCalendarView> {
      return asManager(ctx, async (tx, org) => {
        const [site] = await adminSites(tx, org, siteId);
        if (!site) throw NotFound();
        const now = clock.now();
        const loaded = (await siteCalendar(tx, org, siteId, now.toISOString().slice(0, 10)))!;
        const today = localDateOf(loaded.calendar, now);
        const year = Number(today.slice(0, 4));
        const from = q.from ?? `${today.slice(5) >= '08-01' ? year : year - 1}-08-01`;
        const to = q.to ?? `${Number(from.slice(0, 4)) + 1}-07-31`;
        const termRows = await tx
          .select()
          .from(terms)
          .where(and(eq(terms.organisationId, org), eq(terms.siteId, siteId), gte(terms.endDate, from), lte(terms.startDate, to)))
          .orderBy(asc(terms.startDate));
        const closureRows = await tx
          .select()
          .from(closures)
          .where(and(eq(closures.organisationId, org), eq(closures.siteId, siteId), gte(closures.endDate, from), lte(closures.startDate, to)))
          .orderBy(asc(closures.startDate));
        const dayBefore = (d: string) => DateTime.fromISO(d).minus({ days: 1 }).toISODate()!;
        return {
          site,
          from,
          to,
          terms: termRows.map((t) => ({
            id: t.id,
            name: t.name,
            startDate: t.startDate,
            endDate: t.endDate,
            fromRoster: t.sourcedId !== null,
            workingDays: workingDaysBetween(loaded.calendar, dayBefore(t.startDate), t.endDate),
          })),
          closures: closureRows.map((c) => ({ id: c.id, startDate: c.startDate, endDate: c.endDate, reason: c.reason })),
          bankHolidays: bankHolidaysBetween(Number(from.slice(0, 4)), Number(to.slice(0, 4))).filter((h) => h.date >= from && h.date <= to),
        };
      });
    },

    async addTerm(ctx: Ctx, siteId: string, body: TermBody): Promise<{ id: string }> {
      return asManager(ctx, async (tx, org) => {
        await siteRow(tx, org, siteId);
        await checkTerm(tx, org, siteId, body);
        const [row] = await tx.insert(terms).values({ organisationId: org, siteId, name: body.name, startDate: body.startDate, endDate: body.endDate }).returning({ id: terms.id });
        await audit(tx, ctx, 'organisation.term.added', 'term', row!.id, { siteId, ...body });
        return row!;
      });
    },

    async updateTerm(ctx: Ctx, termId: string, body: TermBody): Promise<{ id: string }> {
      return asManager(ctx, async (tx, org) => {
        const [before] = await tx.select().from(terms).where(and(eq(terms.organisationId, org), eq(terms.id, termId)));
        if (!before) throw NotFound();
        await checkTerm(tx, org, before.siteId, body, termId);
        await tx.update(terms).set({ name: body.name, startDate: body.startDate, endDate: body.endDate }).where(and(eq(terms.organisationId, org), eq(terms.id, termId)));
        await audit(tx, ctx, 'organisation.term.changed', 'term', termId, { before: { name: before.name, startDate: before.startDate, endDate: before.endDate }, after: body });
        return { id: termId };
      });
    },

    async removeTerm(ctx: Ctx, termId: string): Promise<void> {
      await asManager(ctx, async (tx, org) => {
        const [gone] = await tx.delete(terms).where(and(eq(terms.organisationId, org), eq(terms.id, termId))).returning();
        if (!gone) throw NotFound();
        await audit(tx, ctx, 'organisation.term.removed', 'term', termId, { siteId: gone.siteId, name: gone.name, startDate: gone.startDate, endDate: gone.endDate });
      });
    },

    async addClosure(ctx: Ctx, siteId: string, body: ClosureBody): Promise<{ id: string }> {
      return asManager(ctx, async (tx, org) => {
        await siteRow(tx, org, siteId);
        refuseCalendar(termProblems([], [{ start: body.startDate, end: body.endDate, reason: body.reason }]));
        const [row] = await tx.insert(closures).values({ organisationId: org, siteId, ...body }).returning({ id: closures.id });
        await audit(tx, ctx, 'organisation.closure.added', 'closure', row!.id, { siteId, ...body });
        return row!;
      });
    },

    async removeClosure(ctx: Ctx, closureId: string): Promise<void> {
      await asManager(ctx, async (tx, org) => {
        const [gone] = await tx.delete(closures).where(and(eq(closures.organisationId, org), eq(closures.id, closureId))).returning();
        if (!gone) throw NotFound();
        await audit(tx, ctx, 'organisation.closure.removed', 'closure', closureId, { siteId: gone.siteId, startDate: gone.startDate, endDate: gone.endDate, reason: gone.reason });
      });
    },

    /** R-ORG-1: every class of the organisation (or a site), with its teachers and size. */
    async classes(ctx: Ctx, q: AdminClassQuery): Promise<AdminClassList> {
      return asManager(ctx, async (tx, org) => {
        const pattern = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
        const where = and(
          eq(classes.organisationId, org),
          q.siteId ? eq(classes.siteId, q.siteId) : undefined,
          q.includeEnded === 'true' ? undefined : isNull(classes.endedAt),
          pattern ? or(ilike(classes.name, pattern), ilike(classes.subject, pattern)) : undefined,
        );
        const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(classes).where(where);
        const rows = await tx
          .select({ c: classes, siteName: sites.name, cohortName: cohorts.name })
          .from(classes)
          .innerJoin(sites, and(eq(sites.organisationId, classes.organisationId), eq(sites.id, classes.siteId)))
          .leftJoin(cohorts, and(eq(cohorts.organisationId, classes.organisationId), eq(cohorts.id, classes.cohortId)))
          .where(where)
          .orderBy(asc(sites.name), asc(classes.name))
          .limit(200);
        const ids = rows.map((r) => r.c.id);
        const today = clock.now().toISOString().slice(0, 10);
        // One query at a time: a transaction's client runs them in turn anyway (and pg 9 will refuse overlap).
        const staff = ids.length ? await tx.select().from(classStaff).where(and(eq(classStaff.organisationId, org), inArray(classStaff.classId, ids), eq(classStaff.role, 'teacher'))) : [];
        const learnerCounts = ids.length
          ? await tx.select({ classId: enrolments.classId, n: count() }).from(enrolments).where(and(eq(enrolments.organisationId, org), inArray(enrolments.classId, ids), currentOn(today))).groupBy(enrolments.classId)
          : [];
        const periodCounts = ids.length
          ? await tx.select({ classId: timetablePeriods.classId, n: count() }).from(timetablePeriods).where(and(eq(timetablePeriods.organisationId, org), inArray(timetablePeriods.classId, ids))).groupBy(timetablePeriods.classId)
          : [];
        const names = await personNames(tx, org, staff.map((s) => s.userId));
        return {
          total: Number(total),
          classes: rows.map(({ c, siteName, cohortName }) => ({
            id: c.id,
            name: c.name,
            subject: c.subject,
            kind: c.kind === 'homeroom' ? ('homeroom' as const) : ('scheduled' as const),
            site: { id: c.siteId, name: siteName },
            cohort: c.cohortId && cohortName ? { id: c.cohortId, name: cohortName } : null,
            teachers: staff.filter((s) => s.classId === c.id).map((s) => names.get(s.userId) ?? ''),
            learners: Number(learnerCounts.find((n) => n.classId === c.id)?.n ?? 0),
            periods: Number(periodCounts.find((n) => n.classId === c.id)?.n ?? 0),
            ended: c.endedAt !== null,
            fromRoster: c.sourcedId !== null,
          })),
        };
      });
    },

    async cohorts(ctx: Ctx, siteId?: string): Promise<CohortList> {
      return asManager(ctx, async (tx, org) => ({
        cohorts: await tx
          .select({ id: cohorts.id, name: cohorts.name, kind: cohorts.kind, siteId: cohorts.siteId })
          .from(cohorts)
          .where(and(eq(cohorts.organisationId, org), siteId ? eq(cohorts.siteId, siteId) : undefined))
          .orderBy(asc(cohorts.yearOfSchooling), asc(cohorts.name)),
      }));
    },

    /** Learners or staff to choose from when adding them to a class. */
    async people(ctx: Ctx, q: PeopleQuery): Promise<PeopleList> {
      return asManager(ctx, async (tx, org) => ({
        people: await findPeople(tx, org, { roles: q.kind === 'staff' ? STAFF_ROLES : [q.kind], siteId: q.siteId, q: q.q, limit: 25 }),
      }));
    },

    async addClass(ctx: Ctx, body: NewClassBody): Promise<{ id: string }> {
      return asManager(ctx, async (tx, org) => {
        await siteRow(tx, org, body.siteId);
        await checkCohort(tx, org, body.siteId, body.cohortId ?? null);
        const [row] = await tx
          .insert(classes)
          .values({ organisationId: org, siteId: body.siteId, name: body.name, subject: body.subject, kind: body.kind ?? 'scheduled', cohortId: body.cohortId ?? null })
          .returning({ id: classes.id });
        await audit(tx, ctx, 'organisation.class.added', 'class', row!.id, { ...body });
        return row!;
      });
    },

    async updateClass(ctx: Ctx, classId: string, body: ClassUpdateBody): Promise<{ id: string }> {
      return asManager(ctx, async (tx, org) => {
        const before = await classRow(tx, org, classId);
        await checkCohort(tx, org, before.siteId, body.cohortId);
        await tx.update(classes).set(body).where(and(eq(classes.organisationId, org), eq(classes.id, classId)));
        await audit(tx, ctx, 'organisation.class.changed', 'class', classId, {
          before: { name: before.name, subject: before.subject, kind: before.kind, cohortId: before.cohortId },
          after: body,
        });
        return { id: classId };
      });
    },

    /** Ends a class: kept with its history, gone from timetables and class lists. */
    async endClass(ctx: Ctx, classId: string): Promise<void> {
      await asManager(ctx, async (tx, org) => {
        const row = await classRow(tx, org, classId);
        if (row.endedAt) return;
        await tx.update(classes).set({ endedAt: clock.now() }).where(and(eq(classes.organisationId, org), eq(classes.id, classId)));
        await audit(tx, ctx, 'organisation.class.ended', 'class', classId, { name: row.name });
      });
    },

    /** R-ORG-1: who teaches the class, replaced as a whole (the form shows the full list). */
    async setStaff(ctx: Ctx, classId: string, body: ClassStaffBody): Promise<void> {
      await asManager(ctx, async (tx, org) => {
        const cls = await classRow(tx, org, classId);
        const wanted = new Map(body.staff.map((s) => [s.personId, s]));
        const ids = [...wanted.keys()];
        const eligible = new Set((await holdersOf(tx, org, ids, STAFF_ROLES, cls.siteId)).map((p) => p.id));
        const refused = ids.map((id, i) => ({ id, i })).filter(({ id }) => !eligible.has(id));
        if (refused.length) {
          throw NotStaff().withDetails(refused.map(({ i }) => ({ path: ['staff', i, 'personId'], code: 'organisation.class.not_staff', message: 'This person is not on the staff of the class’s site.' })));
        }
        const before = await tx.select().from(classStaff).where(and(eq(classStaff.organisationId, org), eq(classStaff.classId, classId)));
        await tx.delete(classStaff).where(and(eq(classStaff.organisationId, org), eq(classStaff.classId, classId)));
        if (wanted.size) {
          await tx.insert(classStaff).values([...wanted.values()].map((s) => ({ organisationId: org, classId, userId: s.personId, role: s.role, isPrimary: s.isPrimary ?? false })));
        }
        await audit(tx, ctx, 'organisation.class.staff_changed', 'class', classId, {
          before: before.map((s) => ({ personId: s.userId, role: s.role })),
          after: [...wanted.values()].map((s) => ({ personId: s.personId, role: s.role })),
        });
      });
    },

    /** R-ORG-1: enrols learners of the class's site from a date (today by default). */
    async enrol(ctx: Ctx, classId: string, body: EnrolBody): Promise<{ enrolled: number }> {
      return asManager(ctx, async (tx, org) => {
        const cls = await classRow(tx, org, classId);
        const ids = [...new Set(body.learnerIds)];
        const learners = await holdersOf(tx, org, ids, ['learner']);
        const atSite = new Set((await holdersOf(tx, org, ids, ['learner'], cls.siteId)).map((p) => p.id));
        const isLearner = new Set(learners.map((p) => p.id));
        const details = body.learnerIds.flatMap((id, i) =>
          !isLearner.has(id)
            ? [{ path: ['learnerIds', i], code: NotALearner.code, message: 'This person is not a learner here.' }]
            : !atSite.has(id)
              ? [{ path: ['learnerIds', i], code: LearnerNotAtSite.code, message: 'This learner is at another site.' }]
              : [],
        );
        if (details.length) throw (details.some((d) => d.code === NotALearner.code) ? NotALearner() : LearnerNotAtSite()).withDetails(details);
        const startDate = body.startDate ?? (await todayAt(tx, org, cls.siteId));
        // Re-enrolling a learner whose enrolment ended starts it again from the new date.
        await tx
          .insert(enrolments)
          .values(ids.map((learnerId) => ({ organisationId: org, classId, learnerId, startDate })))
          .onConflictDoUpdate({ target: [enrolments.organisationId, enrolments.classId, enrolments.learnerId], set: { startDate, endDate: null }, setWhere: isNotNull(enrolments.endDate) });
        await audit(tx, ctx, 'organisation.class.enrolled', 'class', classId, { learnerIds: ids, startDate });
        return { enrolled: ids.length };
      });
    },

    /** Ends a learner's enrolment on a date (today by default); the enrolment is kept. */
    async endEnrolment(ctx: Ctx, classId: string, learnerId: string, body: EndEnrolmentBody): Promise<void> {
      await asManager(ctx, async (tx, org) => {
        const cls = await classRow(tx, org, classId);
        const [row] = await tx.select().from(enrolments).where(and(eq(enrolments.organisationId, org), eq(enrolments.classId, classId), eq(enrolments.learnerId, learnerId)));
        if (!row) throw NotFound();
        const endDate = body.endDate ?? (await todayAt(tx, org, cls.siteId));
        if (row.startDate && endDate < row.startDate) {
          throw EnrolmentBeforeStart(row.startDate).withDetails([{ path: ['endDate'], code: EnrolmentBeforeStart.code, message: `The enrolment started on ${row.startDate}.` }]);
        }
        await tx.update(enrolments).set({ endDate }).where(and(eq(enrolments.organisationId, org), eq(enrolments.classId, classId), eq(enrolments.learnerId, learnerId)));
        await audit(tx, ctx, 'organisation.class.enrolment_ended', 'class', classId, { learnerId, endDate });
      });
    },

    /** R-ORG-1 (seed 002): the bubbles of a site (or every site), with their classes. */
    async bubbles(ctx: Ctx, siteId?: string): Promise<BubbleList> {
      return asManager(ctx, async (tx, org) => {
        const rows = await tx
          .select({ b: bubbles, siteName: sites.name })
          .from(bubbles)
          .innerJoin(sites, and(eq(sites.organisationId, bubbles.organisationId), eq(sites.id, bubbles.siteId)))
          .where(and(eq(bubbles.organisationId, org), siteId ? eq(bubbles.siteId, siteId) : undefined))
          .orderBy(asc(sites.name), asc(bubbles.name));
        const ids = rows.map((r) => r.b.id);
        const members = ids.length
          ? await tx
              .select({ bubbleId: bubbleClasses.bubbleId, id: classes.id, name: classes.name })
              .from(bubbleClasses)
              .innerJoin(classes, and(eq(classes.organisationId, bubbleClasses.organisationId), eq(classes.id, bubbleClasses.classId)))
              .where(and(eq(bubbleClasses.organisationId, org), inArray(bubbleClasses.bubbleId, ids), isNull(classes.endedAt)))
              .orderBy(asc(classes.name))
          : [];
        return {
          bubbles: rows.map(({ b, siteName }) => ({
            id: b.id,
            name: b.name,
            site: { id: b.siteId, name: siteName },
            classes: members.filter((m) => m.bubbleId === b.id).map((m) => ({ id: m.id, name: m.name })),
          })),
        };
      });
    },

    async addBubble(ctx: Ctx, body: NewBubbleBody): Promise<{ id: string }> {
      return asManager(ctx, async (tx, org) => {
        await siteRow(tx, org, body.siteId);
        const [row] = await tx
          .insert(bubbles)
          .values({ organisationId: org, siteId: body.siteId, name: body.name })
          .onConflictDoNothing()
          .returning({ id: bubbles.id });
        if (!row) throw BubbleNameTaken(body.name).withDetails([{ path: ['name'], code: BubbleNameTaken.code, message: `This site already has a bubble called ${body.name}.` }]);
        await audit(tx, ctx, 'organisation.bubble.added', 'bubble', row.id, { ...body });
        return row;
      });
    },

    /** Which classes are in the bubble (replaced as a whole); each class must be of the bubble's site. */
    async setBubbleClasses(ctx: Ctx, bubbleId: string, body: BubbleClassesBody): Promise<void> {
      await asManager(ctx, async (tx, org) => {
        const [bubble] = await tx.select().from(bubbles).where(and(eq(bubbles.organisationId, org), eq(bubbles.id, bubbleId)));
        if (!bubble) throw NotFound();
        const ids = [...new Set(body.classIds)];
        const found = ids.length ? await tx.select({ id: classes.id, siteId: classes.siteId }).from(classes).where(and(eq(classes.organisationId, org), inArray(classes.id, ids))) : [];
        const ok = new Set(found.filter((c) => c.siteId === bubble.siteId).map((c) => c.id));
        const details = body.classIds.flatMap((id, i) => (ok.has(id) ? [] : [{ path: ['classIds', i], code: 'organisation.bubble.other_site', message: 'This class is not at the bubble’s site.' }]));
        if (details.length) throw new AppError('organisation.bubble.other_site', 400, 'A bubble can only hold classes of its own site.', details);
        await tx.delete(bubbleClasses).where(and(eq(bubbleClasses.organisationId, org), eq(bubbleClasses.bubbleId, bubbleId)));
        if (ids.length) await tx.insert(bubbleClasses).values(ids.map((classId) => ({ organisationId: org, bubbleId, classId })));
        await audit(tx, ctx, 'organisation.bubble.classes_changed', 'bubble', bubbleId, { classIds: ids });
      });
    },

    async removeBubble(ctx: Ctx, bubbleId: string): Promise<void> {
      await asManager(ctx, async (tx, org) => {
        const [gone] = await tx.delete(bubbles).where(and(eq(bubbles.organisationId, org), eq(bubbles.id, bubbleId))).returning();
        if (!gone) throw NotFound();
        await audit(tx, ctx, 'organisation.bubble.removed', 'bubble', bubbleId, { name: gone.name, siteId: gone.siteId });
      });
    },

    /** Seed staff hours: the staff of a site with their working patterns (part-time days and hours). */
    async staffPatterns(ctx: Ctx, siteId: string): Promise<StaffPatternList> {
      return asManager(ctx, async (tx, org) => {
        await siteRow(tx, org, siteId);
        const people = await findPeople(tx, org, { roles: STAFF_ROLES, siteId, limit: 1000 });
        const hours = people.length
          ? await tx.select().from(staffHours).where(and(eq(staffHours.organisationId, org), inArray(staffHours.userId, people.map((p) => p.id))))
          : [];
        return {
          staff: people.map((p) => ({
            id: p.id,
            displayName: p.displayName,
            roles: p.roles,
            days: hours
              .filter((h) => h.userId === p.id)
              .map((h) => ({ weekday: h.weekday, start: hhmm(h.startTime), end: hhmm(h.endTime) }))
              .sort((a, b) => a.weekday - b.weekday),
          })),
        };
      });
    },

    /** Seed staff hours: a member of staff's working pattern, replaced as a whole (no days: the site's full school day). */
    async setStaffHours(ctx: Ctx, personId: string, body: StaffHoursBody): Promise<void> {
      const problems = staffPatternProblems(body.days);
      if (problems.length) throw StaffHoursInvalid().withDetails(problems.map((p) => ({ path: ['days', ...p.path], code: p.code, message: p.message })));
      await asManager(ctx, async (tx, org) => {
        const [staff] = await holdersOf(tx, org, [personId], STAFF_ROLES);
        if (!staff) throw NotFound();
        const before = await tx.select().from(staffHours).where(and(eq(staffHours.organisationId, org), eq(staffHours.userId, personId)));
        await tx.delete(staffHours).where(and(eq(staffHours.organisationId, org), eq(staffHours.userId, personId)));
        if (body.days.length) {
          await tx.insert(staffHours).values(body.days.map((d) => ({ organisationId: org, userId: personId, weekday: d.weekday, startTime: d.start, endTime: d.end })));
        }
        await audit(tx, ctx, 'organisation.staff_hours.changed', 'person', personId, {
          before: before.map((d) => `${d.weekday} ${hhmm(d.startTime)}-${hhmm(d.endTime)}`),
          after: body.days.map((d) => `${d.weekday} ${d.start}-${d.end}`),
        });
      });
    },

    /**
     * R-ORG-2: the class's weekly lessons, replaced as a whole. Refused with every located problem
     * when two of its lessons overlap or one of its teachers is teaching another class then.
     */
    async setPeriods(ctx: Ctx, classId: string, body: PeriodsBody): Promise<void> {
      await asManager(ctx, async (tx, org) => {
        await classRow(tx, org, classId);
        const proposed: TimetablePeriod[] = body.periods.map((p, i) => ({ id: `new-${i}`, classId, weekday: p.weekday, start: p.start, end: p.end, room: p.room ?? null, week: p.week ?? null }));
        const problems: CalendarProblem[] = findTimetableOverlaps(proposed);
        problems.push(...(await staffClashes(tx, org, classId, proposed)));
        if (problems.length) {
          throw TimetableInvalid().withDetails(problems.map((p) => ({ path: ['periods', ...p.path], code: p.code, message: p.message })));
        }
        const before = await tx.select().from(timetablePeriods).where(and(eq(timetablePeriods.organisationId, org), eq(timetablePeriods.classId, classId)));
        await tx.delete(timetablePeriods).where(and(eq(timetablePeriods.organisationId, org), eq(timetablePeriods.classId, classId)));
        if (proposed.length) {
          await tx.insert(timetablePeriods).values(
            proposed.map((p) => ({ organisationId: org, classId, weekday: p.weekday, startTime: p.start, endTime: p.end, room: p.room ?? null, week: p.week ?? null })),
          );
        }
        await audit(tx, ctx, 'organisation.class.timetable_changed', 'class', classId, {
          before: before.map((p) => `${p.weekday} ${hhmm(p.startTime)}-${hhmm(p.endTime)}${p.week ? ` ${p.week}` : ''}`),
          after: proposed.map((p) => `${p.weekday} ${p.start}-${p.end}${p.week ? ` ${p.week}` : ''}`),
        });
      });
    },
  };

  async function checkCohort(tx: TenantTx, org: string, siteId: string, cohortId: string | null) {
    if (!cohortId) return;
    const [row] = await tx.select({ siteId: cohorts.siteId }).from(cohorts).where(and(eq(cohorts.organisationId, org), eq(cohorts.id, cohortId)));
    if (!row || row.siteId !== siteId) {
      throw new AppError('organisation.class.bad_cohort', 400, 'Choose a year group or programme of the class’s own site.', [
        { path: ['cohortId'], code: 'organisation.class.bad_cohort', message: 'Choose a year group or programme of the class’s own site.' },
      ]);
    }
  }

  async function todayAt(tx: TenantTx, org: string, siteId: string): Promise<string> {
    const now = clock.now();
    const loaded = await siteCalendar(tx, org, siteId, now.toISOString().slice(0, 10));
    return loaded ? localDateOf(loaded.calendar, now) : now.toISOString().slice(0, 10);
  }

  /** Lessons of other classes taught by this class's staff that overlap the proposed ones. */
  async function staffClashes(tx: TenantTx, org: string, classId: string, proposed: TimetablePeriod[]): Promise<CalendarProblem[]> {
    const staff = await tx.select({ userId: classStaff.userId }).from(classStaff).where(and(eq(classStaff.organisationId, org), eq(classStaff.classId, classId)));
    if (staff.length === 0 || proposed.length === 0) return [];
    const others = await tx
      .select({ p: timetablePeriods, className: classes.name, userId: classStaff.userId })
      .from(timetablePeriods)
      .innerJoin(classes, and(eq(classes.organisationId, timetablePeriods.organisationId), eq(classes.id, timetablePeriods.classId)))
      .innerJoin(classStaff, and(eq(classStaff.organisationId, classes.organisationId), eq(classStaff.classId, classes.id)))
      .where(
        and(
          eq(timetablePeriods.organisationId, org),
          ne(timetablePeriods.classId, classId),
          isNull(classes.endedAt),
          inArray(classStaff.userId, staff.map((s) => s.userId)),
          // Teaching assistants support several classes; only a teacher cannot be in two lessons.
          eq(classStaff.role, 'teacher'),
        ),
      );
    const names = await personNames(tx, org, others.map((o) => o.userId));
    const problems: CalendarProblem[] = [];
    proposed.forEach((p, i) => {
      const clash = others.find(
        (o) =>
          o.p.weekday === p.weekday &&
          (!o.p.week || !p.week || o.p.week === p.week) &&
          hhmm(o.p.startTime) < p.end &&
          p.start < hhmm(o.p.endTime),
      );
      if (clash) {
        problems.push({
          code: 'organisation.timetable.teacher_busy',
          path: [i],
          message: `${names.get(clash.userId) ?? 'A teacher of this class'} teaches ${clash.className} then (${hhmm(clash.p.startTime)}–${hhmm(clash.p.endTime)}).`,
        });
      }
    });
    return problems;
  }
}

/** An enrolment that has started and not ended on `date` (an open start or end counts as open). */
export function currentOn(date: string) {
  return and(or(isNull(enrolments.startDate), lte(enrolments.startDate, date)), or(isNull(enrolments.endDate), gte(enrolments.endDate, date)));
}

/** Calendar problems point at [kind, i, 'start'|'end']; the form's fields are startDate/endDate. */
function refuseCalendar(problems: CalendarProblem[]): void {
  if (problems.length === 0) return;
  const field = (p: CalendarProblem) => (p.path[p.path.length - 1] === 'end' ? 'endDate' : 'startDate');
  throw CalendarInvalid().withDetails(problems.map((p) => ({ path: [field(p)], code: p.code, message: p.message })));
}

export type ManageService = ReturnType<typeof createManageService>;
