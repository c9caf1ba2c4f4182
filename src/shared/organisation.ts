import { z } from 'zod';

/** The API contract of the organisation module (R-ORG-1, R-ORG-2). */

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-09-03')
    .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
  }, 'That date does not exist (use a date like 2026-09-03)');
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time like 08:45');

export const TimetableQuery = z.object({
  date: IsoDate.optional(),
  /** Whose timetable: yourself when omitted; a parent asks for a child. */
  personId: z.string().uuid().optional(),
});
export type TimetableQuery = z.infer<typeof TimetableQuery>;

export const Lesson = z.object({
  classId: z.string().uuid(),
  className: z.string(),
  subject: z.string(),
  start: z.string().datetime(),
  end: z.string().datetime(),
  room: z.string().nullable(),
  teachers: z.array(z.string()),
});
export type Lesson = z.infer<typeof Lesson>;

export const Timetable = z.object({
  person: z.object({ id: z.string().uuid(), displayName: z.string() }),
  date: IsoDate,
  site: z.object({ id: z.string().uuid(), name: z.string(), timeZone: z.string() }).nullable(),
  /** Whether the site works that day and, when it does not, why (half term, bank holiday…). */
  working: z.boolean(),
  reason: z.string().nullable(),
  lessons: z.array(Lesson),
  /** The next working day, for "what's next" when today has no lessons. */
  nextWorkingDay: IsoDate.nullable(),
});
export type Timetable = z.infer<typeof Timetable>;

export const ClassSummary = z.object({
  id: z.string().uuid(),
  name: z.string(),
  subject: z.string(),
  siteName: z.string(),
  learners: z.number().int(),
  /** How the asker belongs to the class. */
  as: z.enum(['teacher', 'teaching_assistant', 'learner', 'oversight']),
});
export type ClassSummary = z.infer<typeof ClassSummary>;
export const ClassList = z.object({ classes: z.array(ClassSummary) });
export type ClassList = z.infer<typeof ClassList>;

export const Period = z.object({
  id: z.string().uuid(),
  weekday: z.number().int().min(1).max(7),
  start: ClockTime,
  end: ClockTime,
  room: z.string().nullable(),
  week: z.enum(['A', 'B']).nullable(),
});
export type Period = z.infer<typeof Period>;

export const ClassDetail = z.object({
  id: z.string().uuid(),
  name: z.string(),
  subject: z.string(),
  kind: z.enum(['scheduled', 'homeroom']),
  ended: z.boolean(),
  site: z.object({ id: z.string().uuid(), name: z.string() }),
  cohort: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
  staff: z.array(z.object({ id: z.string().uuid(), displayName: z.string(), role: z.enum(['teacher', 'teaching_assistant']) })),
  learners: z.array(z.object({ id: z.string().uuid(), displayName: z.string() })),
  periods: z.array(Period),
});
export type ClassDetail = z.infer<typeof ClassDetail>;

export const ClassParams = z.object({ classId: z.string().uuid() });

// ---- Managing the organisation (admins): sites' calendars, terms, closures, classes (R-ORG-1, R-ORG-2) ----

const Id = z.string().uuid();
const Name = (max: number, what: string) => z.string().trim().min(1, `Give the ${what}.`).max(max, `Keep the ${what} under ${max} characters.`);

export const SiteParams = z.object({ siteId: Id });
export const TermParams = z.object({ termId: Id });
export const ClosureParams = z.object({ closureId: Id });
export const EnrolmentParams = z.object({ classId: Id, learnerId: Id });

export const SiteHours = z.object({
  timeZone: z.string().min(1).max(64),
  /** ISO weekdays the site works, 1 = Monday. */
  workingDays: z.array(z.number().int().min(1).max(7)).min(1, 'Choose at least one working day.').max(7),
  dayStart: ClockTime,
  dayEnd: ClockTime,
});
export type SiteHours = z.infer<typeof SiteHours>;

export const AdminSite = SiteHours.extend({
  id: Id,
  name: z.string(),
  kind: z.string(),
  classes: z.number().int(),
  learners: z.number().int(),
  /** The term containing today, or the next one. */
  currentTerm: z.object({ name: z.string(), startDate: IsoDate, endDate: IsoDate }).nullable(),
});
export type AdminSite = z.infer<typeof AdminSite>;
export const AdminSites = z.object({ sites: z.array(AdminSite) });
export type AdminSites = z.infer<typeof AdminSites>;

export const TermBody = z.object({ name: Name(80, 'term’s name'), startDate: IsoDate, endDate: IsoDate });
export type TermBody = z.infer<typeof TermBody>;
export const ClosureBody = z.object({ startDate: IsoDate, endDate: IsoDate, reason: Name(200, 'reason for the closure') });
export type ClosureBody = z.infer<typeof ClosureBody>;

export const CalendarQuery = z.object({ from: IsoDate.optional(), to: IsoDate.optional() });
export type CalendarQuery = z.infer<typeof CalendarQuery>;

export const SiteCalendarView = z.object({
  site: AdminSite,
  /** The range shown: a school year, 1 August to 31 July, unless asked otherwise. */
  from: IsoDate,
  to: IsoDate,
  terms: z.array(z.object({ id: Id, name: z.string(), startDate: IsoDate, endDate: IsoDate, fromRoster: z.boolean(), workingDays: z.number().int() })),
  closures: z.array(z.object({ id: Id, startDate: IsoDate, endDate: IsoDate, reason: z.string() })),
  bankHolidays: z.array(z.object({ date: IsoDate, name: z.string() })),
});
export type SiteCalendarView = z.infer<typeof SiteCalendarView>;

export const ClassKind = z.enum(['scheduled', 'homeroom']);
export const AdminClassQuery = z.object({
  siteId: Id.optional(),
  q: z.string().trim().max(80).optional(),
  includeEnded: z.enum(['true', 'false']).optional(),
});
export type AdminClassQuery = z.infer<typeof AdminClassQuery>;
export const AdminClass = z.object({
  id: Id,
  name: z.string(),
  subject: z.string(),
  kind: ClassKind,
  site: z.object({ id: Id, name: z.string() }),
  cohort: z.object({ id: Id, name: z.string() }).nullable(),
  teachers: z.array(z.string()),
  learners: z.number().int(),
  periods: z.number().int(),
  ended: z.boolean(),
  fromRoster: z.boolean(),
});
export type AdminClass = z.infer<typeof AdminClass>;
export const AdminClassList = z.object({ classes: z.array(AdminClass), total: z.number().int() });
export type AdminClassList = z.infer<typeof AdminClassList>;

export const NewClassBody = z.object({
  siteId: Id,
  name: Name(60, 'class name'),
  subject: Name(60, 'subject'),
  kind: ClassKind.default('scheduled'),
  cohortId: Id.nullable().optional(),
});
export type NewClassBody = z.input<typeof NewClassBody>;
export const ClassUpdateBody = z.object({
  name: Name(60, 'class name'),
  subject: Name(60, 'subject'),
  kind: ClassKind,
  cohortId: Id.nullable(),
});
export type ClassUpdateBody = z.infer<typeof ClassUpdateBody>;
export const Created = z.object({ id: Id });

export const ClassStaffBody = z.object({
  staff: z
    .array(z.object({ personId: Id, role: z.enum(['teacher', 'teaching_assistant']), isPrimary: z.boolean().default(false) }))
    .max(20, 'A class can have at most 20 staff.'),
});
export type ClassStaffBody = z.input<typeof ClassStaffBody>;

export const EnrolBody = z.object({
  learnerIds: z.array(Id).min(1, 'Choose at least one learner.').max(500),
  startDate: IsoDate.optional(),
});
export type EnrolBody = z.infer<typeof EnrolBody>;
export const EndEnrolmentBody = z.object({ endDate: IsoDate.optional() });
export type EndEnrolmentBody = z.infer<typeof EndEnrolmentBody>;

export const PeriodInput = z.object({
  weekday: z.number().int().min(1).max(7),
  start: ClockTime,
  end: ClockTime,
  room: z.string().trim().max(40).nullable().optional(),
  week: z.enum(['A', 'B']).nullable().optional(),
});
export type PeriodInput = z.infer<typeof PeriodInput>;
export const PeriodsBody = z.object({ periods: z.array(PeriodInput).max(60, 'A class can have at most 60 lessons a fortnight.') });
export type PeriodsBody = z.infer<typeof PeriodsBody>;

export const PeopleQuery = z.object({
  kind: z.enum(['learner', 'staff', 'guardian', 'employer']),
  siteId: Id.optional(),
  q: z.string().trim().max(80).optional(),
});
export type PeopleQuery = z.infer<typeof PeopleQuery>;
export const PeopleList = z.object({
  people: z.array(z.object({ id: Id, displayName: z.string(), email: z.string().nullable(), roles: z.array(z.string()) })),
});
export type PeopleList = z.infer<typeof PeopleList>;

export const CohortList = z.object({
  cohorts: z.array(z.object({ id: Id, name: z.string(), kind: z.string(), siteId: Id })),
});
export type CohortList = z.infer<typeof CohortList>;

export const BubbleParams = z.object({ bubbleId: Id });
export const BubbleQuery = z.object({ siteId: Id.optional() });
export const BubbleList = z.object({
  bubbles: z.array(z.object({ id: Id, name: z.string(), site: z.object({ id: Id, name: z.string() }), classes: z.array(z.object({ id: Id, name: z.string() })) })),
});
export type BubbleList = z.infer<typeof BubbleList>;
export const NewBubbleBody = z.object({ siteId: Id, name: Name(60, 'bubble’s name') });
export type NewBubbleBody = z.infer<typeof NewBubbleBody>;
export const BubbleClassesBody = z.object({ classIds: z.array(Id).max(300) });
export type BubbleClassesBody = z.infer<typeof BubbleClassesBody>;

export const WorkingDay = z.object({ weekday: z.number().int().min(1).max(7), start: ClockTime, end: ClockTime });
export type WorkingDay = z.infer<typeof WorkingDay>;
export const StaffHoursBody = z.object({ days: z.array(WorkingDay).max(7) });
export type StaffHoursBody = z.infer<typeof StaffHoursBody>;
export const StaffPatternList = z.object({
  staff: z.array(
    z.object({
      id: Id,
      displayName: z.string(),
      roles: z.array(z.string()),
      /** Empty when no pattern is recorded: the person works the site's full school day. */
      days: z.array(WorkingDay),
    }),
  ),
});
export type StaffPatternList = z.infer<typeof StaffPatternList>;
export const StaffParams = z.object({ personId: Id });

/** Leaders' view of today across the organisation's sites (R-ORG-1, R-ORG-2). */
export const Overview = z.object({
  sites: z.array(
    AdminSite.extend({
      today: IsoDate,
      working: z.boolean(),
      reason: z.string().nullable(),
      lessonsToday: z.number().int(),
      nextWorkingDay: IsoDate.nullable(),
    }),
  ),
});
export type Overview = z.infer<typeof Overview>;

export const NewSiteBody = z.object({
  name: Name(80, 'site’s name'),
  kind: z.enum(['school', 'centre', 'college']).default('school'),
});
export type NewSiteBody = z.input<typeof NewSiteBody>;
export const NewCohortBody = z.object({
  siteId: Id,
  kind: z.enum(['year_group', 'study_programme', 'apprenticeship_standard']),
  name: Name(80, 'name'),
  /** Year group code ('09') or the standard's reference ('ST0118'). */
  code: z.string().trim().max(20).nullable().optional(),
  yearOfSchooling: z.number().int().min(0).max(14).nullable().optional(),
});
export type NewCohortBody = z.input<typeof NewCohortBody>;
