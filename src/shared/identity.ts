import { z } from 'zod';

import { ROLES } from './roles.js';

export { ROLES, ROLE_LABELS, passwordProblems } from './roles.js';
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const LoginBody = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(256),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const RoleAssignment = z.object({
  role: Role,
  siteId: z.string().uuid().nullable(),
  siteName: z.string().nullable(),
});
export type RoleAssignment = z.infer<typeof RoleAssignment>;

export const PersonSummary = z.object({
  id: z.string().uuid(),
  displayName: z.string(),
});
export type PersonSummary = z.infer<typeof PersonSummary>;

/** Who am I: the signed-in person, their roles by name, and what the server will let them do. */
export const Me = z.object({
  user: z.object({
    id: z.string().uuid(),
    displayName: z.string(),
    givenName: z.string(),
    familyName: z.string(),
    email: z.string().nullable(),
  }),
  organisation: z.object({ id: z.string().uuid(), name: z.string(), kind: z.string() }),
  roles: z.array(RoleAssignment),
  /** Learners this person is guardian of (parents and carers). */
  children: z.array(PersonSummary),
  /** Apprentices this person employs (employers). */
  apprentices: z.array(PersonSummary),
  /** Abilities decided by the server; the UI shows what these allow and nothing else. */
  can: z.object({
    readAudit: z.boolean(),
    setClock: z.boolean(),
    /** Manage sites, terms, closures, classes, staff, enrolments and the timetable (admins). */
    manageOrganisation: z.boolean(),
    /** Upload a OneRoster bundle from the MIS (admins). */
    importRoster: z.boolean(),
    /** Read the organisation's remote-learning policy. */
    readPolicy: z.boolean(),
    /** Edit the policy (senior leaders). */
    editPolicy: z.boolean(),
    /** Set work for classes (teachers; subject leads and senior leaders of a site). */
    setWork: z.boolean(),
    /** The marking queue: feedback and replies (class staff). */
    markWork: z.boolean(),
    /** The week's balance, spacing and screen-free share. */
    overseeWork: z.boolean(),
    /** May open the missed-work list (the policy decides whose it is). */
    readReferrals: z.boolean(),
    /** Print paper packs and say who works on paper (class staff, leaders, the office). */
    printPacks: z.boolean(),
    /** Book 1-1s and meetings with families, and read learners' live records (staff). */
    bookLive: z.boolean(),
    /** Authorise a 1-1 held from home or another centre (senior managers, seed 000). */
    authoriseLive: z.boolean(),
    /** Read a live record: staff a learner's at their site, a learner their own. */
    readLiveRecord: z.boolean(),
  }),
  csrfToken: z.string(),
  now: z.string().datetime(),
});
export type Me = z.infer<typeof Me>;

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().max(256),
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const Person = z.object({
  id: z.string().uuid(),
  displayName: z.string(),
  roles: z.array(RoleAssignment),
  /** Present only to those who may see contact details; reading it is audited. */
  email: z.string().nullable(),
});
export type Person = z.infer<typeof Person>;

/** R-ORG-1: who a learner's parents and carers, and an apprentice's employers, are. */
export const LearnerLinks = z.object({
  learner: z.object({ id: z.string().uuid(), displayName: z.string() }),
  guardians: z.array(PersonSummary),
  employers: z.array(PersonSummary),
});
export type LearnerLinks = z.infer<typeof LearnerLinks>;
export const GuardiansBody = z.object({ guardianIds: z.array(z.string().uuid()).max(6, 'A learner can have at most six parents or carers here.') });
export type GuardiansBody = z.infer<typeof GuardiansBody>;
export const EmployersBody = z.object({ employerIds: z.array(z.string().uuid()).max(3, 'An apprentice can have at most three employers here.') });
export type EmployersBody = z.infer<typeof EmployersBody>;
