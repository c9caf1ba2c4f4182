import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import type { Me } from '../../shared/identity.js';
import type { ReviewStatus } from '../../shared/policy-contract.js';
import { api } from '../api.js';

/** Roles whose holders never review the policy: their home page does not ask. */
const NEVER_REVIEW = new Set(['learner', 'guardian', 'employer']);
const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * R-POL-2: on the home page of senior leaders and of the reviewers of the cycle that falls due,
 * "Policy review due on …" from 30 days before, and "overdue" after. The server decides whom to
 * remind; there is no e-mail yet.
 */
export function PolicyReviewReminder({ me }: { me: Me }) {
  const asks = me.can.readPolicy && me.roles.some((r) => !NEVER_REVIEW.has(r.role));
  const q = useQuery({
    queryKey: ['policy', 'review'],
    queryFn: () => api<ReviewStatus>('GET', '/api/policy/review'),
    enabled: asks,
    retry: false,
    staleTime: 5 * 60_000,
  });
  const r = q.data;
  if (!r || !r.remind || r.state === 'ok') return null;
  const due = day.format(new Date(`${r.due}T12:00:00Z`));
  return (
    <div className="notice" role="status">
      <p>
        <strong>{r.state === 'overdue' ? `Policy review overdue: it was due on ${due}.` : `Policy review due on ${due}.`}</strong> The remote-learning policy is reviewed {r.label}.{' '}
        <Link href="/policy">Read the policy and record the review</Link>
      </p>
    </div>
  );
}
