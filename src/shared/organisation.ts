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
  site: z.object({ id: z.string().uuid(), name: z.string() }),
  cohort: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
  staff: z.array(z.object({ id: z.string().uuid(), displayName: z.string(), role: z.enum(['teacher', 'teaching_assistant']) })),
  learners: z.array(z.object({ id: z.string().uuid(), displayName: z.string() })),
  periods: z.array(Period),
});
export type ClassDetail = z.infer<typeof ClassDetail>;

export const ClassParams = z.object({ classId: z.string().uuid() });
