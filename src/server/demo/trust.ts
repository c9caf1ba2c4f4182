import { Faker, base, en, en_GB } from '@faker-js/faker';
import type { Role } from '../../shared/roles.js';
import type { Db } from '../platform/db/client.js';
import { hashPassword } from '../modules/identity/index.js';
import { bankHolidaysEnglandWales } from '../modules/organisation/index.js';
import { academicYearOf, englishSchoolYear, type SchoolYear } from './academic-year.js';
import { FAMILY_NAMES, GIVEN_NAMES } from './names.js';
import { emptyPlan, writePlan, type Plan } from './plan.js';
import { planSchool } from './school.js';

/** The large dataset's central accounts sign in with the demo password. */
export const TRUST_NAME = 'Riverside Learning Trust';

/**
 * `npm run seed -- --size large`: builds the trust in memory from the seed, then writes it in
 * batches on the connection given (one transaction when the caller passes one). Deterministic.
 */
export async function generateTrust(
  db: Db,
  now: Date,
  o: { schools: number; learners: number; password: string; seed?: number; onProgress?: (table: string, rows: number) => void },
): Promise<{ organisationId: string; people: number; rows: number; logins: TrustLogin[] }> {
  const f = new Faker({ locale: [en_GB, en, base] });
  f.seed(o.seed ?? 2027);
  const startYear = academicYearOf(now.toISOString().slice(0, 10));
  const goodFriday = bankHolidaysEnglandWales(startYear + 1).find((h) => h.name === 'Good Friday')!.date;
  const plan = emptyPlan();
  const trust = planTrust(f, plan, {
    name: TRUST_NAME,
    emailDomain: 'riverside',
    schools: o.schools,
    learners: o.learners,
    year: englishSchoolYear(startYear, goodFriday),
    now,
    passwordHash: await hashPassword(o.password),
  });
  await writePlan(db, plan, o.onProgress);
  const rows = Object.values(plan).reduce((n, list: unknown[]) => n + list.length, 0);
  return { organisationId: trust.organisationId, people: plan.users.length, rows, logins: trust.logins };
}

export interface TrustOptions {
  name: string;
  /** Short code for e-mail addresses of the trust's central staff: 'riverside' → admin@riverside.example. */
  emailDomain: string;
  schools: number;
  learners: number;
  year: SchoolYear;
  now: Date;
  passwordHash: string;
}

export interface TrustLogin {
  email: string;
  role: string;
}

/** Year groups and learners per tutor group of every school of the trust. */
const YEARS = [7, 8, 9, 10, 11] as const;
const LEARNERS_PER_GROUP = 25;

/**
 * R-ORG-1, for benchmarks: a multi-academy trust as one organisation with a site per school,
 * each school built by the same planner as the demo school (year groups, tutor groups, a class per
 * subject with a clash-free timetable, teachers some part-time, learners with one or two carers,
 * a bubble per year), plus the trust's central senior leader and administrator. Learners are shared
 * out evenly; a school's groups are sized to 25.
 */
export function planTrust(f: Faker, plan: Plan, o: TrustOptions): { organisationId: string; siteIds: string[]; logins: TrustLogin[] } {
  const organisationId = f.string.uuid();
  plan.organisations.push({ id: organisationId, name: o.name, kind: 'trust', createdAt: o.now });
  const perSchool = Math.ceil(o.learners / o.schools);
  const groupsPerYear = Math.max(1, Math.round(perSchool / (YEARS.length * LEARNERS_PER_GROUP)));
  const learnersPerGroup = Math.ceil(perSchool / (YEARS.length * groupsPerYear));
  const siteIds: string[] = [];
  let remaining = o.learners;
  for (let s = 0; s < o.schools; s++) {
    const siteId = f.string.uuid();
    siteIds.push(siteId);
    const town = f.helpers.arrayElement(FAMILY_NAMES);
    plan.sites.push({ organisationId, id: siteId, name: `${town} Academy ${s + 1}`, kind: 'school', dayStart: '08:45', dayEnd: '15:15' });
    // The last school takes what is left, so the trust has exactly the learners asked for.
    const here = Math.min(perSchool, remaining);
    remaining -= here;
    planSchool(f, plan, {
      organisationId,
      siteId,
      emailDomain: `${o.emailDomain}${s + 1}`,
      years: YEARS,
      groupsPerYear,
      learnersPerGroup: Math.min(learnersPerGroup, Math.ceil(here / (YEARS.length * groupsPerYear))),
      year: o.year,
      now: o.now,
      learnerEmails: true,
    });
  }
  const logins: TrustLogin[] = [];
  const central: { email: string; role: Role; label: string }[] = [
    { email: `ceo@${o.emailDomain}.example`, role: 'senior_leader', label: 'Trust senior leader' },
    { email: `admin@${o.emailDomain}.example`, role: 'admin', label: 'Trust administrator' },
  ];
  for (const c of central) {
    const userId = f.string.uuid();
    plan.users.push({ organisationId, id: userId, givenName: f.helpers.arrayElement(GIVEN_NAMES), familyName: f.helpers.arrayElement(FAMILY_NAMES), email: c.email, createdAt: o.now });
    plan.roleAssignments.push({ organisationId, userId, role: c.role, siteId: null });
    plan.credentials.push({ email: c.email, organisationId, userId, passwordHash: o.passwordHash, passwordChangedAt: o.now });
    logins.push({ email: c.email, role: c.label });
  }
  return { organisationId, siteIds, logins };
}
