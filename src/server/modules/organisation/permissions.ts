import type { PermissionTable } from '../../platform/authz.js';

const SITE_STAFF = ['teacher', 'teaching_assistant', 'subject_lead', 'senco', 'dsl', 'assessor'] as const;
const LEADERSHIP = ['senior_leader', 'admin'] as const;

/** Who may see the organisation's structure: classes, timetables (R-ORG-1, R-ORG-2). */
export const organisationPermissions = {
  /** A person's timetable: their own, their child's, their apprentice's, or as staff of their site. */
  'organisation.timetable.read': [
    { roles: 'any', relationship: 'self' },
    { roles: ['guardian'], relationship: 'guardian' },
    { roles: ['employer'], relationship: 'employer' },
    { roles: SITE_STAFF, relationship: 'site' },
    { roles: LEADERSHIP, relationship: 'organisation' },
  ],
  /** The classes one belongs to (as learner or staff). */
  'organisation.class.list': [{ roles: 'any', relationship: 'organisation' }],
  /** A class with its staff, learners and timetable: its own staff, pastoral staff of the site, leaders. */
  'organisation.class.read': [
    { roles: ['teacher', 'teaching_assistant'], relationship: 'teaches' },
    { roles: ['subject_lead', 'senco', 'dsl'], relationship: 'site' },
    { roles: LEADERSHIP, relationship: 'organisation' },
  ],
  /** Today across the organisation's sites: open or closed and why, classes, learners, lessons. */
  'organisation.overview.read': [{ roles: ['senior_leader', 'admin', 'governor', 'dpo'], relationship: 'organisation' }],
  /** Manage the organisation's structure and calendar: sites, terms, closures, classes, staff, enrolments, periods. */
  'organisation.manage': [{ roles: ['admin'], relationship: 'organisation' }],
  /** Upload, preview and apply a OneRoster import from the MIS (R-ORG-3). */
  'organisation.roster.import': [{ roles: ['admin'], relationship: 'organisation' }],
} as const satisfies PermissionTable;
