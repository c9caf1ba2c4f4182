// Zod-free on purpose: the web app imports these values, and zod would add ~20 KB to a
// learner's first load. Schemas built on them live in identity.ts.

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
export type Role = (typeof ROLES)[number];

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
