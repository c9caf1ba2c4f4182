import type { PermissionTable } from '../../platform/authz.js';

/** Who may read and change the organisation's remote-learning policy (R-POL-1..3). */
export const policyPermissions = {
  /**
   * The policy in force, as prose with its sources: everyone in the organisation. Schools publish
   * these policies to families; learners, parents and employers are told what to expect.
   */
  'policy.read': [{ roles: 'any', relationship: 'organisation' }],
  /** Edit the policy (a new version with who, when and why): senior leaders, who own it in every seed. */
  'policy.edit': [{ roles: ['senior_leader'], relationship: 'organisation' }],
} as const satisfies PermissionTable;
