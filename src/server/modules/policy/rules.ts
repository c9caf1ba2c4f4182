import { DateTime } from 'luxon';
import type { ReviewStatus } from '../../../shared/policy-contract.js';
import type { Role } from '../../../shared/roles.js';
import { nextReviewDue, type ReviewFacts, type ReviewSection } from './review.js';

/** The reminder shows from this many days before the review is due (R-POL-2). */
export const REMIND_DAYS_BEFORE = 30;

export interface ReviewHistory {
  /** The local date the policy was adopted (version 1). */
  adoptedOn: string;
  /** The local date of each cycle's latest recorded review, by cycle id. */
  reviewedOn: Readonly<Record<string, string>>;
}

/**
 * R-POL-2: when the policy is next due for review and whether that is soon (from 30 days before)
 * or past, on `today` (the local date, read once by the service). A cycle never reviewed counts
 * from the adoption. Whether to remind is for the person asking: senior leaders, who own the
 * policy in every seed, and the reviewers of the cycle that falls due.
 */
export function reviewStatus(review: ReviewSection, history: ReviewHistory, facts: ReviewFacts, today: string, roles: readonly Role[]): ReviewStatus {
  const last = Object.fromEntries(review.cycles.map((c) => [c.id, history.reviewedOn[c.id] ?? history.adoptedOn]));
  const due = nextReviewDue(review, last, facts);
  const remindFrom = DateTime.fromISO(due.due, { zone: 'UTC' }).minus({ days: REMIND_DAYS_BEFORE }).toISODate() ?? due.due;
  const state = today > due.due ? 'overdue' : today >= remindFrom ? 'due_soon' : 'ok';
  return {
    due: due.due,
    state,
    remindFrom,
    cycle: due.cycle,
    label: due.label,
    reviewers: due.reviewers,
    approvers: due.approvers,
    lastReviewedOn: last[due.cycle] ?? history.adoptedOn,
    bubbleIsolating: facts.bubbleIsolating,
    remind: roles.includes('senior_leader') || roles.some((r) => due.reviewers.includes(r)),
    source: due.source,
  };
}
