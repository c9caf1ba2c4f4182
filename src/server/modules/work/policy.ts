import { z } from 'zod';
import { ClockTime } from '../../../shared/organisation.js';
import { ROLES } from '../../../shared/roles.js';
import { byDefault, cited, type Cited } from '../policy/policy.js';

/**
 * The work module's section of the policy document (R-POL-1, R-WORK-1..8): when the day's work is
 * set by, when feedback is due, how far apart deadlines must be, how much work is off screen, the
 * own-work rules, whether parents may hand work in, and when missed deadlines are referred and to
 * whom. Each value is cited; see policy/cited.ts. The rules that use them are in work/rules.ts.
 */

/** "By the end of the school day it came in" (seed 001), or "within N working days". */
export const FeedbackDue = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('end_of_school_day') }),
  z.strictObject({ kind: z.literal('working_days'), days: z.number().int().min(1).max(20) }),
]);
export type FeedbackDue = z.infer<typeof FeedbackDue>;

export const DeadlineSpacing = z.strictObject({
  /** At most this many subjects may have work due on one day for one class. */
  maxSubjectsPerDay: z.number().int().min(1).max(10),
});
export type DeadlineSpacing = z.infer<typeof DeadlineSpacing>;

export const NonCompletion = z.strictObject({
  /** This many deadlines missed… */
  missed: z.number().int().min(1).max(20),
  /** …within this many days puts the learner on the referral list. */
  withinDays: z.number().int().min(1).max(90),
});
export type NonCompletion = z.infer<typeof NonCompletion>;

/** Whom missed work may be referred to: staff, never learners, families or employers. */
export const StaffRole = z.enum(ROLES).exclude(['learner', 'guardian', 'employer']);
export type StaffRole = z.infer<typeof StaffRole>;

export const WorkPolicyShape = {
  /** The day's work is published by this time in the site's zone (seed 001: 09:30); null: no daily time. */
  setBy: cited(ClockTime.nullable()),
  feedbackDue: cited(FeedbackDue),
  /** null: deadlines are not checked for spacing. */
  deadlineSpacing: cited(DeadlineSpacing.nullable()),
  /** The least share of a learner's week, in per cent of estimated minutes, that is off screen; null: no minimum. */
  screenFreeMinimum: cited(z.number().int().min(0).max(100).nullable()),
  /** Learners confirm the work is their own when they hand it in. */
  ownWorkDeclaration: cited(z.boolean()),
  /** Text answers this similar (per cent) to another's in the same work are shown to the teacher; null: no check. */
  similarityThreshold: cited(z.number().int().min(30).max(100).nullable()),
  /** A parent or carer may hand work in for their child. */
  parentsMaySubmit: cited(z.boolean()),
  /** When missed deadlines are referred; null: never. */
  nonCompletion: cited(NonCompletion.nullable()),
  /** Whose list a referred learner goes on. */
  nonCompletionReferTo: cited(z.array(StaffRole).min(1, 'Say who is told about missed work.')),
};

export const WorkPolicy = z.strictObject(WorkPolicyShape).superRefine((s, ctx) => {
  const roles = s.nonCompletionReferTo.value;
  roles.forEach((r, i) => {
    if (roles.indexOf(r) !== i) ctx.addIssue({ code: 'custom', path: ['nonCompletionReferTo', 'value', i], message: 'This role is listed twice.' });
  });
});
export type WorkPolicy = z.infer<typeof WorkPolicy>;

export const WORK_LABELS: Record<keyof WorkPolicy, string> = {
  setBy: 'Daily work set by',
  feedbackDue: 'Feedback due',
  deadlineSpacing: 'Spacing of deadlines',
  screenFreeMinimum: 'Screen-free share',
  ownWorkDeclaration: 'Own-work declaration',
  similarityThreshold: 'Similar answers shown from',
  parentsMaySubmit: 'Parents hand work in',
  nonCompletion: 'Missed work referred',
  nonCompletionReferTo: 'Missed work referred to',
};

const SILENT = 'the seed is silent;';

export const WORK_DEFAULTS: {
  noSetBy: Cited<string | null>;
  fiveWorkingDays: Cited<FeedbackDue>;
  noSpacing: Cited<DeadlineSpacing | null>;
  noScreenFreeMinimum: Cited<number | null>;
  noDeclaration: Cited<boolean>;
  similarity: Cited<number | null>;
  parentsMaySubmit: Cited<boolean>;
  learnersSubmit: Cited<boolean>;
  threeInTwoWeeks: Cited<NonCompletion | null>;
  seniorLeaders: Cited<StaffRole[]>;
} = {
  noSetBy: { value: null, source: byDefault(`${SILENT} it sets no time of day by which work is set, so none is checked`) },
  fiveWorkingDays: { value: { kind: 'working_days', days: 5 }, source: byDefault(`${SILENT} feedback within five working days, so no work waits longer than a school week`) },
  noSpacing: { value: null, source: byDefault(`${SILENT} deadlines are not checked for spacing, though teachers still see the week's deadlines`) },
  noScreenFreeMinimum: { value: null, source: byDefault(`${SILENT} no minimum of screen-free work, though the share is still shown`) },
  noDeclaration: { value: false, source: byDefault(`${SILENT} learners are not asked to declare that work is their own`) },
  similarity: { value: 80, source: byDefault(`${SILENT} teachers still see text answers that are at least 80% the same, which are rarely chance`) },
  parentsMaySubmit: { value: true, source: byDefault(`${SILENT} younger pupils often work on a parent's phone, so a parent may hand work in for them`) },
  learnersSubmit: { value: false, source: byDefault(`${SILENT} its learners are adults or young adults who hand in their own work`) },
  threeInTwoWeeks: {
    value: { missed: 3, withinDays: 14 },
    source: byDefault(`${SILENT} three deadlines missed within two weeks is when a pattern, not a bad day, shows`),
  },
  seniorLeaders: { value: ['senior_leader'], source: byDefault(`${SILENT} senior leaders, who monitor engagement with remote learning, follow up missed work`) },
};
