import type { PermissionTable } from '../../platform/authz.js';

const CLASS_STAFF = ['teacher', 'teaching_assistant'] as const;
const OVERSIGHT = ['subject_lead', 'senco', 'senior_leader'] as const;
const STAFF = ['teacher', 'teaching_assistant', 'subject_lead', 'senco', 'dsl', 'senior_leader', 'admin', 'assessor'] as const;

/** Who may set, hand in, mark and oversee remote work (R-WORK-1..8). */
export const workPermissions = {
  /** Set work for a class they teach (or cover in their bubble: the service adds the bubble's teachers). */
  'work.set': [
    { roles: ['teacher'], relationship: 'teaches' },
    { roles: ['subject_lead', 'senior_leader'], relationship: 'site' },
  ],
  /** A class's work, its learners' progress and their hand-ins: its staff, and those who oversee the site. */
  'work.class.read': [
    { roles: CLASS_STAFF, relationship: 'teaches' },
    { roles: OVERSIGHT, relationship: 'site' },
  ],
  /** Give feedback, record paper returns and grant extensions: the class's staff. */
  'work.mark': [
    { roles: CLASS_STAFF, relationship: 'teaches' },
    { roles: ['subject_lead', 'senior_leader'], relationship: 'site' },
  ],
  /** A learner's own work and feedback: the learner, their parents and carers, their apprentice's employer, their teachers. */
  'work.learner.read': [
    { roles: ['learner'], relationship: 'self' },
    { roles: ['guardian'], relationship: 'guardian' },
    { roles: ['employer'], relationship: 'employer' },
    { roles: CLASS_STAFF, relationship: 'teaches' },
    { roles: OVERSIGHT, relationship: 'site' },
  ],
  /** Hand work in: the learner, or a parent or carer where the policy allows it. */
  'work.submit': [
    { roles: ['learner'], relationship: 'self' },
    { roles: ['guardian'], relationship: 'guardian' },
  ],
  /** Reply to feedback: the learner. */
  'work.reply': [{ roles: ['learner'], relationship: 'self' }],
  /** The week's balance, spacing and screen-free share (R-WORK-2, -3). */
  'work.oversee': [
    { roles: CLASS_STAFF, relationship: 'teaches' },
    { roles: OVERSIGHT, relationship: 'site' },
  ],
  /** The list of learners with missed work (R-WORK-8): staff; the service keeps it to the roles the policy names. */
  'work.referrals.read': [{ roles: STAFF, relationship: 'organisation' }],
  /** Print paper packs and say who works on paper (R-WORK-4). */
  'work.pack': [
    { roles: CLASS_STAFF, relationship: 'teaches' },
    { roles: [...OVERSIGHT, 'admin'], relationship: 'site' },
  ],
} as const satisfies PermissionTable;
