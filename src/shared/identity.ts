import { z } from 'zod';

/** Every role a person can hold, each scoped to an organisation and optionally a site. */
export const ROLES = [
  'learner',
  'guardian',
  'teacher',
  'teaching_assistant',
  'subject_lead',
  'senco',
  'dsl',
  'senior_leader',
  'admin',
  'dpo',
  'it',
  'governor',
  'employer',
  'assessor',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Plain-English names, used by the web app and in messages. */
export const ROLE_LABELS: Record<Role, string> = {
  learner: 'Learner',
  guardian: 'Parent or carer',
  teacher: 'Teacher',
  teaching_assistant: 'Teaching assistant',
  subject_lead: 'Subject lead',
  senco: 'SENCo',
  dsl: 'Designated safeguarding lead',
  senior_leader: 'Senior leader',
  admin: 'Administrator',
  dpo: 'Data protection officer',
  it: 'IT staff',
  governor: 'Governor',
  employer: 'Employer',
  assessor: 'Assessor',
};

/**
 * R-DATA-5: at least 8 characters with upper and lower case, a digit and a special character
 * (seeds 002, 004). Returns what is missing, in words a person can act on; empty means acceptable.
 */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < 8) problems.push('at least 8 characters');
  if (!/[A-Z]/.test(password)) problems.push('an upper-case letter');
  if (!/[a-z]/.test(password)) problems.push('a lower-case letter');
  if (!/[0-9]/.test(password)) problems.push('a digit');
  if (!/[^A-Za-z0-9]/.test(password)) problems.push('a special character such as ! or #');
  return problems;
}

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
    email: z.string(),
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
