import type { PermissionTable } from '../../platform/authz.js';

const SITE_STAFF = ['teacher', 'teaching_assistant', 'subject_lead', 'senco', 'dsl', 'assessor'] as const;
const LEADERSHIP = ['senior_leader', 'admin', 'dpo'] as const;

/** Who may do what with people's identities (roles × scope × relationship). */
export const identityPermissions = {
  /** Anything about one's own account: who am I, sign out, change password. */
  'identity.me': [{ roles: 'any', relationship: 'organisation' }],
  /** See a person's name and roles. */
  'identity.person.read': [
    { roles: 'any', relationship: 'self' },
    { roles: ['guardian'], relationship: 'guardian' },
    { roles: ['employer'], relationship: 'employer' },
    { roles: SITE_STAFF, relationship: 'site' },
    { roles: LEADERSHIP, relationship: 'organisation' },
  ],
  /** See a person's contact details: need-to-know, and every read is audited. */
  'identity.person.contact.read': [
    { roles: 'any', relationship: 'self' },
    { roles: ['guardian'], relationship: 'guardian' },
    { roles: ['senco', 'dsl'], relationship: 'site' },
    { roles: LEADERSHIP, relationship: 'organisation' },
  ],
  /** Link learners to their parents and carers, and apprentices to their employers (R-ORG-1). */
  'identity.links.manage': [{ roles: ['admin'], relationship: 'organisation' }],
} as const satisfies PermissionTable;
