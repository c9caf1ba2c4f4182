import type { PermissionTable } from '../../platform/authz.js';

/** Who may read and change the organisation's remote-learning policy (R-POL-1..3). */
export const policyPermissions = {
  /**
   * The policy in force, as prose with its sources: everyone in the organisation. Schools publish
   * these policies to families; learners, parents and employers are told what to expect.
   */
  'policy.read': [{ roles: 'any', relationship: 'organisation' }],
  /** The policy as a site runs it (with the site's own values): people of that site, and those who hold a role organisation-wide. */
  'policy.site.read': [{ roles: 'any', relationship: 'site' }],
  /** Edit the policy (a new version with who, when and why): senior leaders, who own it in every seed. */
  'policy.edit': [{ roles: ['senior_leader'], relationship: 'organisation' }],
  /**
   * Record that a review took place (R-POL-2): senior leaders, and governors, who review and
   * approve the policy in seed 002; the service also checks the person reviews that cycle.
   */
  'policy.review': [{ roles: ['senior_leader', 'governor'], relationship: 'organisation' }],
} as const satisfies PermissionTable;
