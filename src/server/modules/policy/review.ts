import { DateTime } from 'luxon';
import { z } from 'zod';
import { ROLES, type Role } from '../../../shared/roles.js';
import type { ReviewDue } from '../../../shared/policy.js';
import { cited } from './cited.js';

/**
 * R-POL-2: how often the policy itself is reviewed and by whom. A policy has one or more review
 * cycles: a standing one (every 2 years in seed 001, every year in 003 and 004, every year by
 * governors in 002) and, in seed 002, one that runs only while a bubble is isolating (fortnightly
 * in leadership meetings). The platform reminds the reviewers when the earliest is due.
 */

export const Interval = z.strictObject({
  count: z.number().int().min(1).max(10),
  unit: z.enum(['week', 'month', 'year']),
});
export type Interval = z.infer<typeof Interval>;

export const ReviewCondition = z.enum(['always', 'while_bubble_isolating']);
export type ReviewCondition = z.infer<typeof ReviewCondition>;

export const ReviewCycle = z.strictObject({
  /** Names the cycle in reminders and review history, e.g. 'governors-annual'. */
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'Use lower-case letters, digits and dashes, like governors-annual.'),
  when: cited(ReviewCondition),
  every: cited(Interval),
  reviewers: cited(z.array(z.enum(ROLES)).min(1, 'Say who reviews the policy.')),
  /** Who approves the reviewed policy; empty when the reviewers' review is enough. */
  approvers: cited(z.array(z.enum(ROLES))),
});
export type ReviewCycle = z.infer<typeof ReviewCycle>;

export const ReviewSection = z
  .strictObject({ cycles: z.array(ReviewCycle).min(1, 'The policy needs at least one review cycle.') })
  .superRefine((s, ctx) => {
    s.cycles.forEach((c, i) => {
      if (s.cycles.findIndex((other) => other.id === c.id) !== i) ctx.addIssue({ code: 'custom', path: ['cycles', i, 'id'], message: `Two review cycles are called ${c.id}.` });
    });
    if (!s.cycles.some((c) => c.when.value === 'always')) {
      ctx.addIssue({ code: 'custom', path: ['cycles'], message: 'The policy needs a standing review cycle, so a review always falls due.' });
    }
  });
export type ReviewSection = z.infer<typeof ReviewSection>;

export const REVIEW_CYCLE_LABELS: Record<Exclude<keyof ReviewCycle, 'id'>, string> = {
  when: 'When the review cycle applies',
  every: 'How often',
  reviewers: 'Reviewed by',
  approvers: 'Approved by',
};

export interface ReviewFacts {
  /** A bubble of the organisation is self-isolating now (seed 002). */
  bubbleIsolating: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "every 2 years", "every year", "every 2 weeks". */
export function intervalText(every: Interval): string {
  return every.count === 1 ? `every ${every.unit}` : `every ${every.count} ${every.unit}s`;
}

export function cycleText(cycle: ReviewCycle): string {
  const every = intervalText(cycle.every.value);
  return cycle.when.value === 'while_bubble_isolating' ? `${every} while a bubble is isolating` : every;
}

/** Roles in the plural, as a sentence says them: "senior leaders", "governors". */
const ROLE_PLURALS: Record<Role, string> = {
  learner: 'learners',
  guardian: 'parents and carers',
  teacher: 'teachers',
  teaching_assistant: 'teaching assistants',
  subject_lead: 'subject leads',
  senco: 'SENCos',
  dsl: 'designated safeguarding leads',
  senior_leader: 'senior leaders',
  admin: 'administrators',
  dpo: 'data protection officers',
  it: 'IT staff',
  governor: 'governors',
  employer: 'employers',
  assessor: 'assessors',
};

export function rolesText(roles: readonly Role[]): string {
  const names = roles.map((r) => ROLE_PLURALS[r]);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * R-POL-2: when the policy is next due for review. Each cycle that applies now (a bubble-only
 * cycle applies while a bubble is isolating) is due its interval after that cycle's last review;
 * the earliest wins, the first listed on a tie. `lastReviewedOn` is one date for every cycle, or a
 * date per cycle id (the governors' annual review and the leaders' fortnightly one keep separate
 * histories); a cycle with no date of its own is due at once (on the earliest date given).
 * Dates are local 'YYYY-MM-DD' strings; the clock is not read.
 */
export function nextReviewDue(
  review: ReviewSection,
  lastReviewedOn: string | Readonly<Record<string, string>>,
  facts: ReviewFacts,
): ReviewDue {
  const applicable = review.cycles.filter((c) => c.when.value === 'always' || (c.when.value === 'while_bubble_isolating' && facts.bubbleIsolating));
  let best: ReviewDue | null = null;
  for (const cycle of applicable) {
    const last = typeof lastReviewedOn === 'string' ? lastReviewedOn : lastReviewedOn[cycle.id];
    const due = last === undefined ? null : addInterval(last, cycle.every.value);
    const candidate: ReviewDue = {
      due: due ?? firstKnownDate(lastReviewedOn),
      cycle: cycle.id,
      label: cycleText(cycle),
      reviewers: [...cycle.reviewers.value],
      approvers: [...cycle.approvers.value],
      source: cycle.every.source,
      requirement: 'R-POL-2',
    };
    if (best === null || candidate.due < best.due) best = candidate;
  }
  if (best === null) throw new RangeError('A policy review section needs a standing cycle (validatePolicy checks this).');
  return best;
}

function addInterval(date: string, every: Interval): string {
  if (!DATE.test(date)) throw new RangeError(`Not a date: ${date}`);
  const d = DateTime.fromISO(date, { zone: 'UTC' });
  if (!d.isValid) throw new RangeError(`Not a date: ${date}`);
  return d.plus({ [`${every.unit}s`]: every.count }).toISODate() ?? date;
}

/** A cycle with no review on record is due at once: on the earliest review date we know of. */
function firstKnownDate(history: Readonly<Record<string, string>> | string): string {
  const dates = typeof history === 'string' ? [history] : Object.values(history);
  const first = [...dates].sort()[0];
  if (first === undefined) throw new RangeError('No review date given: pass the date the policy was adopted.');
  return first;
}
