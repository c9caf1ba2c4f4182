import { defineError } from '../../platform/errors.js';

export const NoPolicy = defineError('policy.none', 404, () => 'No remote-learning policy has been adopted yet. A senior leader can start from one of the presets.');
export const AlreadyAdopted = defineError('policy.already_adopted', 409, () => 'A policy is already in force. Edit it instead: every change is kept as a new version.');
export const PolicyInvalid = defineError(
  'policy.invalid',
  400,
  (count: number) => `The policy was not saved: ${count === 1 ? 'one thing needs' : `${count} things need`} changing first. Each is shown beside its value.`,
);
export const PolicyStale = defineError(
  'policy.version.stale',
  409,
  (latest: number) => `Someone saved version ${latest} of the policy while you were working. Reload it to see their change, then make yours again.`,
);
export const NoSuchVersion = defineError('policy.version.not_found', 404, (version: number) => `This policy has no version ${version}.`);
export const NoSuchCycle = defineError('policy.review.no_such_cycle', 400, (cycle: string) => `This policy has no review cycle called ${cycle}.`);
export const NotAReviewer = defineError('policy.review.not_reviewer', 403, (who: string) => `This review is carried out by ${who}.`);
