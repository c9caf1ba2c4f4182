import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PolicyView, ReviewStatus, VersionSummary } from '../../shared/policy-contract.js';
import { ROLE_LABELS, type Role } from '../../shared/roles.js';
import { api } from '../api.js';
import { ErrorSummary, Field, fieldErrorsOf, type FieldError } from '../ui/forms.js';
import { calendarDate } from './format.js';

const rolesText = (roles: readonly Role[]) => roles.map((r) => ROLE_LABELS[r].toLowerCase()).join(', ');

/** R-POL-2: when the policy is next reviewed, by whom, and whether that is soon or past. */
export function ReviewSummary({ review }: { review: ReviewStatus }) {
  return (
    <div>
      <dt>Next review</dt>
      <dd>
        {review.state === 'overdue' ? <strong>Overdue: it was due on {calendarDate(review.due)}. </strong> : `Due on ${calendarDate(review.due)}. `}
        Reviewed {review.label} by {rolesText(review.reviewers)}
        {review.approvers.length ? `, approved by ${rolesText(review.approvers)}` : ''}. Last reviewed or adopted on {calendarDate(review.lastReviewedOn)}.
      </dd>
    </div>
  );
}

/** R-POL-2: a reviewer records that a review took place; the next review counts from today. */
export function RecordReview({ view, onSaved }: { view: PolicyView; onSaved: (v: VersionSummary) => void }) {
  const cycles = ((view.document as { review?: { cycles?: { id: string }[] } }).review?.cycles ?? []).map((c) => c.id);
  const [cycle, setCycle] = useState(view.review.cycle);
  const [why, setWhy] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: () => api<VersionSummary>('POST', '/api/policy/reviews', { basedOn: view.version.version, cycle, why }),
    onSuccess: async (v) => {
      setErrors([]);
      setWhy('');
      // The reminder on the home page is answered: drop it rather than show it stale until it refetches.
      client.removeQueries({ queryKey: ['policy', 'review'] });
      await client.invalidateQueries({ queryKey: ['policy'] });
      onSaved(v);
    },
    onError: (err) => setErrors(fieldErrorsOf(err, () => 'review-why', 'review-why')),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!why.trim()) return setErrors([{ field: 'review-why', message: 'Say what the review found, for the version history.' }]);
    save.mutate();
  }
  const error = errors[0]?.message;
  return (
    <section aria-labelledby="record-review-title" className="panel">
      <h2 id="record-review-title">Record a review</h2>
      <p>When the policy has been reviewed, record it here. The policy stays as it is; the next review then counts from today.</p>
      <ErrorSummary title="The review was not recorded" errors={errors} />
      <form onSubmit={submit} noValidate aria-label="Record a review">
        <div className="field">
          <label htmlFor="review-cycle">Which review</label>
          <select id="review-cycle" value={cycle} onChange={(e) => setCycle(e.target.value)}>
            {cycles.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <Field id="review-why" label="What did the review find?" value={why} onChange={(e) => setWhy(e.target.value)} error={error} />
        <button type="submit" className="button secondary" disabled={save.isPending}>
          Record the review
        </button>
      </form>
    </section>
  );
}
