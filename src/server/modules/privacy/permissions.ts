import type { PermissionTable } from '../../platform/authz.js';

export const privacyPermissions = {
  /** Read the audit log (R-DATA-4, issue 3 part 5): the DPO and senior leaders. Nobody may change it. */
  'audit.read': [{ roles: ['dpo', 'senior_leader'], relationship: 'organisation' }],
} as const satisfies PermissionTable;
