import { IANAZone } from 'luxon';
import { z } from 'zod';
import { ClockTime } from '../../../shared/organisation.js';
import { byDefault, cited, type Cited } from '../policy/policy.js';

/**
 * The organisation module's sections of the policy document (R-POL-1, R-ORG-2): what kind of
 * institution this is and whom the policy covers (`organisation`), when it works (`calendar`) and
 * when its staff can be reached (`staffHours`). Each value is cited; see policy/cited.ts.
 */

// ——— organisation ———

export const InstitutionKind = z.enum(['school', 'special_school', 'further_education_college', 'training_provider']);
export type InstitutionKind = z.infer<typeof InstitutionKind>;

/** Who learns here: school pupils, further-education learners (e.g. 16–19 study programmes), apprentices. */
export const LearnerGroup = z.enum(['pupils', 'fe_learners', 'apprentices']);
export type LearnerGroup = z.infer<typeof LearnerGroup>;

/** Whom the policy sets expectations for. */
export const Audience = z.enum(['staff', 'learners', 'families', 'employers']);
export type Audience = z.infer<typeof Audience>;

export const AgeRange = z.strictObject({
  from: z.number().int().min(2).max(99),
  /** null: no upper age (adult learners). */
  to: z.number().int().min(2).max(99).nullable(),
});
export type AgeRange = z.infer<typeof AgeRange>;

export const OrganisationPolicyShape = {
  kind: cited(InstitutionKind),
  learners: z.array(cited(LearnerGroup)).min(1, 'Name at least one group of learners.'),
  /** Learners enrolled through subcontracted providers are covered too (seed 003). */
  subcontractedLearners: cited(z.boolean()),
  /** null: the policy states no ages. */
  ageRange: cited(AgeRange.nullable()),
  appliesTo: z.array(cited(Audience)).min(1, 'Say whom the policy applies to.'),
};

export const OrganisationPolicy = z.strictObject(OrganisationPolicyShape).superRefine((s, ctx) => {
  const range = s.ageRange.value;
  if (range && range.to !== null && range.to < range.from) {
    ctx.addIssue({ code: 'custom', path: ['ageRange', 'value', 'to'], message: `The age range ends at ${range.to}, below where it starts (${range.from}).` });
  }
  repeated(s.learners).forEach((i) => ctx.addIssue({ code: 'custom', path: ['learners', i], message: 'This group of learners is listed twice.' }));
  repeated(s.appliesTo).forEach((i) => ctx.addIssue({ code: 'custom', path: ['appliesTo', i], message: 'This group is listed twice.' }));
});
export type OrganisationPolicy = z.infer<typeof OrganisationPolicy>;

export const ORGANISATION_LABELS: Record<keyof OrganisationPolicy, string> = {
  kind: 'Kind of institution',
  learners: 'Learners',
  subcontractedLearners: 'Learners at subcontractors',
  ageRange: 'Ages of learners',
  appliesTo: 'Whom the policy applies to',
};

// ——— calendar ———

export const ClockWindow = z.strictObject({ start: ClockTime, end: ClockTime });
export type ClockWindow = z.infer<typeof ClockWindow>;

/** zod runs a section's checks even when a time is badly written; compare only real 'HH:mm' times. */
export const isClockTime = (time: string) => ClockTime.safeParse(time).success;

/** A window of well-written times whose end is not after its start. */
export function endsBeforeStart(window: { start: string; end: string }): boolean {
  return isClockTime(window.start) && isClockTime(window.end) && window.end <= window.start;
}

/** What puts learners into remote learning under this policy. */
export const RemoteLearningTrigger = z.enum([
  'lockdown',
  'closure',
  'individual_isolation',
  'bubble_isolation',
  'case_by_case',
  'blended_by_design',
]);
export type RemoteLearningTrigger = z.infer<typeof RemoteLearningTrigger>;

export const CalendarPolicyShape = {
  /** IANA time zone of the sites; every "by 09:30" is read in it. */
  timeZone: cited(z.string().refine((zone) => IANAZone.isValidZone(zone), { message: 'Use a time zone name such as Europe/London.' })),
  /** ISO weekdays, 1 = Monday. */
  workingDays: cited(z.array(z.number().int().min(1, 'Weekdays run from 1 (Monday) to 7 (Sunday).').max(7, 'Weekdays run from 1 (Monday) to 7 (Sunday).')).min(1, 'Choose at least one working day.')),
  /** The default school (or centre) day for sites; a site's calendar may set its own. */
  schoolDay: cited(ClockWindow),
  /** Whether learners are grouped in bubbles that isolate together. */
  bubbles: cited(z.boolean()),
  remoteLearningWhen: z.array(cited(RemoteLearningTrigger)).min(1, 'Say when remote learning is used.'),
};

export const CalendarPolicy = z.strictObject(CalendarPolicyShape).superRefine((s, ctx) => {
  const day = s.schoolDay.value;
  if (endsBeforeStart(day)) {
    ctx.addIssue({ code: 'custom', path: ['schoolDay', 'value', 'end'], message: `The school day ends at ${day.end}, which is not after it starts (${day.start}).` });
  }
  const days = s.workingDays.value;
  days.forEach((d, i) => {
    if (days.indexOf(d) !== i) ctx.addIssue({ code: 'custom', path: ['workingDays', 'value', i], message: `${WEEKDAY_NAMES[d] ?? d} is listed twice.` });
  });
  repeated(s.remoteLearningWhen).forEach((i) => ctx.addIssue({ code: 'custom', path: ['remoteLearningWhen', i], message: 'This occasion is listed twice.' }));
  const bubbleTrigger = s.remoteLearningWhen.findIndex((t) => t.value === 'bubble_isolation');
  if (bubbleTrigger !== -1 && !s.bubbles.value) {
    ctx.addIssue({ code: 'custom', path: ['remoteLearningWhen', bubbleTrigger, 'value'], message: 'Remote learning starts when a bubble isolates, but this policy has no bubbles.' });
  }
});
export type CalendarPolicy = z.infer<typeof CalendarPolicy>;

export const CALENDAR_LABELS: Record<keyof CalendarPolicy, string> = {
  timeZone: 'Time zone',
  workingDays: 'Working days',
  schoolDay: 'School day',
  bubbles: 'Bubbles',
  remoteLearningWhen: 'When remote learning is used',
};

export const WEEKDAY_NAMES: Readonly<Record<number, string>> = { 1: 'Monday', 2: 'Tuesday', 3: 'Wednesday', 4: 'Thursday', 5: 'Friday', 6: 'Saturday', 7: 'Sunday' };

// ——— staff hours ———

/**
 * When a member of staff can be reached by learners and families: fixed hours (seed 004: 09:15 to
 * 15:15), the site's school day (seed 002: "usual school hours"), or their own contracted or
 * directed hours (seed 001), which the platform takes from each person's working pattern.
 */
export const StaffAvailability = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fixed'), start: ClockTime, end: ClockTime }),
  z.strictObject({ kind: z.literal('school_day') }),
  z.strictObject({ kind: z.literal('contracted_hours') }),
]);
export type StaffAvailability = z.infer<typeof StaffAvailability>;

export const StaffHoursPolicyShape = {
  teachers: cited(StaffAvailability),
  teachingAssistants: cited(StaffAvailability),
  /** No one is expected to read or answer messages after this time (seed 002: 3.30pm); null: no cut-off beyond their hours. */
  notExpectedAfter: cited(ClockTime.nullable()),
  /** Part-time staff are only expected on the days they usually work (seed 002). */
  partTimeOnlyOnWorkingDays: cited(z.boolean()),
};

export const StaffHoursPolicy = z.strictObject(StaffHoursPolicyShape).superRefine((s, ctx) => {
  for (const key of ['teachers', 'teachingAssistants'] as const) {
    const a = s[key].value;
    if (a.kind !== 'fixed' || !isClockTime(a.start)) continue;
    if (endsBeforeStart(a)) {
      ctx.addIssue({ code: 'custom', path: [key, 'value', 'end'], message: `${STAFF_HOURS_LABELS[key]} end at ${a.end}, which is not after they start (${a.start}).` });
    }
    const cutOff = s.notExpectedAfter.value;
    if (cutOff !== null && isClockTime(cutOff) && cutOff <= a.start) {
      ctx.addIssue({ code: 'custom', path: ['notExpectedAfter', 'value'], message: `No one is expected after ${cutOff}, but ${STAFF_HOURS_LABELS[key].toLowerCase()} only start at ${a.start}.` });
    }
  }
});
export type StaffHoursPolicy = z.infer<typeof StaffHoursPolicy>;

export const STAFF_HOURS_LABELS: Record<keyof StaffHoursPolicy, string> = {
  teachers: "Teachers' hours",
  teachingAssistants: "Teaching assistants' hours",
  notExpectedAfter: 'No messages expected after',
  partTimeOnlyOnWorkingDays: 'Part-time staff',
};

// ——— platform defaults, for presets whose seed is silent ———

const SILENT = 'the seed is silent;';

export const ORGANISATION_DEFAULTS: { noSubcontractors: Cited<boolean>; noAgesStated: Cited<AgeRange | null> } = {
  noSubcontractors: { value: false, source: byDefault(`${SILENT} it mentions no subcontracted provision, so only the institution's own learners are covered`) },
  noAgesStated: { value: null, source: byDefault(`${SILENT} it states no ages, so the age of each learner comes from their record`) },
};

export const CALENDAR_DEFAULTS: {
  timeZone: Cited<string>;
  workingDays: Cited<number[]>;
  schoolDay: Cited<ClockWindow>;
  centreDay: Cited<ClockWindow>;
  noBubbles: Cited<boolean>;
} = {
  timeZone: { value: 'Europe/London', source: byDefault(`${SILENT} every site is in the UK, so times are read in Europe/London (clock changes included)`) },
  workingDays: { value: [1, 2, 3, 4, 5], source: byDefault(`${SILENT} Monday to Friday, the usual English school and college week; bank holidays and closures come from each site's calendar`) },
  schoolDay: {
    value: { start: '08:45', end: '15:15' },
    source: byDefault(`${SILENT} 08:45 to 15:15, the 32.5-hour week the Department for Education expects of mainstream schools; each site sets its real times`),
  },
  centreDay: { value: { start: '09:00', end: '17:00' }, source: byDefault(`${SILENT} 09:00 to 17:00, a usual working day for a training centre; each centre sets its real times`) },
  noBubbles: { value: false, source: byDefault(`${SILENT} it does not group learners in bubbles`) },
};

export const STAFF_HOURS_DEFAULTS: { schoolDay: Cited<StaffAvailability>; noCutOff: Cited<string | null>; partTimeOnlyOnWorkingDays: Cited<boolean> } = {
  schoolDay: { value: { kind: 'school_day' }, source: byDefault(`${SILENT} it gives no hours, so staff are reachable during the site's working day`) },
  noCutOff: { value: null, source: byDefault(`${SILENT} it names no cut-off, so no one is expected to answer outside their hours`) },
  partTimeOnlyOnWorkingDays: {
    value: true,
    source: byDefault(`${SILENT} part-time staff are only expected on the days they work, as for every other duty`),
  },
};

/** Indexes of items whose value already appeared earlier in the list. */
function repeated(items: readonly { value: unknown }[]): number[] {
  const seen = new Set<unknown>();
  return items.flatMap((item, i) => {
    if (seen.has(item.value)) return [i];
    seen.add(item.value);
    return [];
  });
}
