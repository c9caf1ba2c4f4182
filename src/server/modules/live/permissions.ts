import type { PermissionTable } from '../../platform/authz.js';

const CLASS_STAFF = ['teacher', 'teaching_assistant'] as const;
const OVERSIGHT = ['subject_lead', 'senco', 'senior_leader'] as const;
const STAFF = ['teacher', 'teaching_assistant', 'subject_lead', 'senco', 'dsl', 'senior_leader', 'assessor'] as const;

/**
 * Who may open, join, run and review live sessions (R-LIVE-1..14). Which roles the policy lets
 * open sessions narrows `live.open` further in the service; joining is by invitation only, so
 * `live.join` is held by anyone and the session's own list of participants decides.
 */
export const livePermissions = {
  /** Open a timetabled lesson as a live session: its teachers, and leaders of the site. */
  'live.open': [
    { roles: ['teacher'], relationship: 'teaches' },
    { roles: ['subject_lead', 'senior_leader'], relationship: 'site' },
  ],
  /** Book a 1-1 or a meeting with a family (R-LIVE-10, -13): staff at the learner's site. */
  'live.book': [{ roles: STAFF, relationship: 'site' }],
  /** Record a senior manager's authorisation of a 1-1 from home or another centre (R-LIVE-10, seed 000). */
  'live.authorise': [{ roles: ['senior_leader'], relationship: 'site' }],
  /** Join a session one is invited to (R-LIVE-3): the invitation decides, not the role. */
  'live.join': [{ roles: 'any', relationship: 'organisation' }],
  /** A session's register and notices (R-LIVE-6, -8): its staff and those who oversee the site. */
  'live.register.read': [
    { roles: CLASS_STAFF, relationship: 'teaches' },
    { roles: OVERSIGHT, relationship: 'site' },
  ],
  /**
   * A learner's live record (R-LIVE-10, -13): their 1-1s, recordings kept in the record, meetings
   * with their family and the views heard. Staff at the learner's site; the learner their own.
   */
  'live.record.read': [
    { roles: STAFF, relationship: 'site' },
    { roles: ['learner'], relationship: 'self' },
  ],
  /** The list of recent sessions to look back on (R-LIVE-7, -8): staff; each session is listed only if its register or a recording is theirs to open. */
  'live.sessions.list': [{ roles: STAFF, relationship: 'site' }],
  /** Watch a recording (R-LIVE-7): the policy names who, within the site; viewing is audited. */
  'live.recording.view': [{ roles: STAFF, relationship: 'site' }],
} as const satisfies PermissionTable;
