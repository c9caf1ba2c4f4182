import type { Faker } from '@faker-js/faker';
import type { Role } from '../../shared/roles.js';
import { FAMILY_NAMES, GIVEN_NAMES } from './names.js';
import type { Plan } from './plan.js';
import type { SchoolYear } from './academic-year.js';

/** Apprenticeship programmes a small provider runs, with the weekday of each group's training. */
const PROGRAMMES = [
  { name: 'Business Administrator (Level 3)', subject: 'Business administration' },
  { name: 'Early Years Educator (Level 3)', subject: 'Early years' },
  { name: 'Customer Service Practitioner (Level 2)', subject: 'Customer service' },
] as const;

const EMPLOYERS = ['Aire Valley Nurseries', 'Calder Print & Packaging', 'Kirkgate Housing Association', 'Wharfe Dental Group', 'Pennine Logistics'];

export interface ProviderOptions {
  organisationId: string;
  siteIds: readonly string[];
  emailDomain: string;
  apprenticesPerGroup: number;
  year: SchoolYear;
  now: Date;
  named: { tutorId: string; assessorId: string; apprenticeId: string; employerId: string };
}

/**
 * R-ORG-1: a training provider as rows: apprenticeship programmes at each centre, a group per
 * programme with a weekly off-the-job training day, tutors and an assessor, apprentices each
 * linked to an employer (the named employer employs the named apprentice and one more).
 */
export function planProvider(f: Faker, plan: Plan, o: ProviderOptions): void {
  const org = o.organisationId;
  const addPerson = (roles: Role[], siteId: string | null, email: string | null, id = f.string.uuid()) => {
    plan.users.push({ organisationId: org, id, givenName: f.helpers.arrayElement(GIVEN_NAMES), familyName: f.helpers.arrayElement(FAMILY_NAMES), email, createdAt: o.now });
    for (const role of roles) plan.roleAssignments.push({ organisationId: org, userId: id, role, siteId });
    return id;
  };
  const employerIds = [o.named.employerId, ...EMPLOYERS.slice(1).map((_, i) => addPerson(['employer'], null, `employer${i + 2}@${o.emailDomain}.example`))];
  let apprentices = 0;
  let groupNumber = 0;
  for (const [centre, siteId] of o.siteIds.entries()) {
    for (const t of o.year.terms) plan.terms.push({ organisationId: org, siteId, name: t.name, startDate: t.start, endDate: t.end });
    for (const [p, programme] of PROGRAMMES.entries()) {
      groupNumber++;
      const cohortId = f.string.uuid();
      plan.cohorts.push({ organisationId: org, id: cohortId, siteId, kind: 'apprenticeship_standard', name: programme.name, code: null, yearOfSchooling: null });
      const classId = f.string.uuid();
      plan.classes.push({ organisationId: org, id: classId, siteId, cohortId, name: `${programme.subject} group ${groupNumber}`, subject: programme.subject, kind: 'scheduled' });
      const tutor = centre === 0 && p === 0 ? o.named.tutorId : addPerson(['teacher'], siteId, `tutor${groupNumber}@${o.emailDomain}.example`);
      plan.classStaff.push({ organisationId: org, classId, userId: tutor, role: 'teacher', isPrimary: true });
      if (centre === 0) plan.classStaff.push({ organisationId: org, classId, userId: o.named.assessorId, role: 'teacher', isPrimary: false });
      // One training day a week at the centre, a different weekday for each group.
      const weekday = ((groupNumber - 1) % 5) + 1;
      plan.timetablePeriods.push({ organisationId: org, classId, weekday, startTime: '09:30', endTime: '12:30', room: null, week: null });
      plan.timetablePeriods.push({ organisationId: org, classId, weekday, startTime: '13:15', endTime: '15:30', room: null, week: null });
      for (let a = 0; a < o.apprenticesPerGroup; a++) {
        apprentices++;
        const id = centre === 0 && p === 0 && a === 0 ? o.named.apprenticeId : addPerson(['learner'], siteId, null);
        plan.cohortMembers.push({ organisationId: org, cohortId, learnerId: id });
        plan.enrolments.push({ organisationId: org, classId, learnerId: id, startDate: o.year.terms[0]?.start ?? null, endDate: null });
        const employer = apprentices <= 2 ? o.named.employerId : employerIds[apprentices % employerIds.length]!;
        plan.employerLinks.push({ organisationId: org, employerId: employer, apprenticeId: id });
      }
    }
  }
}
