import type { Me, Role } from '../../shared/identity.js';

/**
 * The primary navigation, declared once. Later modules add their entries here: who sees an
 * entry is decided by the person's roles and by the abilities the server reported (`me.can`).
 */
export interface NavItem {
  label: string;
  path: string;
  /** Shown to holders of any of these roles (omit for everyone). */
  roles?: readonly Role[];
  /** Shown only when the server grants this ability. */
  ability?: keyof Me['can'];
}

export const NAVIGATION: readonly NavItem[] = [
  { label: 'Home', path: '/' },
  { label: 'Work', path: '/work', roles: ['learner', 'guardian', 'employer', 'teacher', 'teaching_assistant', 'subject_lead', 'senco', 'senior_leader', 'admin'] },
  { label: 'Marking', path: '/work/marking', ability: 'markWork' },
  { label: 'Live lessons', path: '/live', roles: ['learner', 'guardian', 'teacher', 'teaching_assistant', 'subject_lead', 'senco', 'dsl', 'senior_leader', 'assessor'] },
  { label: 'Organisation', path: '/organisation', ability: 'manageOrganisation' },
  { label: 'Import from MIS', path: '/roster-import', ability: 'importRoster' },
  { label: 'Policy', path: '/policy', ability: 'readPolicy' },
  { label: 'Audit log', path: '/audit', ability: 'readAudit' },
  { label: 'Your account', path: '/profile' },
];

export function navigationFor(me: Me): NavItem[] {
  const held = new Set(me.roles.map((r) => r.role));
  return NAVIGATION.filter((item) => (!item.roles || item.roles.some((r) => held.has(r))) && (!item.ability || me.can[item.ability]));
}
