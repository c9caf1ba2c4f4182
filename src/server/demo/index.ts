import { Faker, base, en, en_GB } from '@faker-js/faker';
import { FAMILY_NAMES, GIVEN_NAMES } from './names.js';
import { sql } from 'drizzle-orm';
import type { Role } from '../../shared/identity.js';
import type { Clock } from '../platform/clock.js';
import type { Database, Db } from '../platform/db/client.js';
import { hashPassword } from '../modules/identity/index.js';
import { bankHolidaysEnglandWales } from '../modules/organisation/index.js';
import { academicYearOf, englishSchoolYear } from './academic-year.js';
import { emptyPlan, writePlan } from './plan.js';
import { planLive } from './live.js';
import { demoPolicyVersionAt, writeDemoPolicies } from './policy.js';
import { planProvider } from './provider.js';
import { planSchool } from './school.js';
import { planWork } from './work.js';

/** Every demo account signs in with this password (it meets the R-DATA-5 rule). */
export const DEMO_PASSWORD = 'Continuum#2026';

export interface DemoLogin {
  organisation: 'school' | 'provider';
  role: string;
  email: string;
  roles: Role[];
  /** Printed by `npm start`. */
  highlight?: boolean;
}

/** The named demo accounts, one per role to click through (the README lists the same). */
export const DEMO_LOGINS: DemoLogin[] = [
  { organisation: 'school', role: 'Learner', email: 'learner@oakfield.example', roles: ['learner'], highlight: true },
  { organisation: 'school', role: 'Parent', email: 'parent@oakfield.example', roles: ['guardian'], highlight: true },
  { organisation: 'school', role: 'Teacher', email: 'teacher@oakfield.example', roles: ['teacher'], highlight: true },
  { organisation: 'school', role: 'Safeguarding lead', email: 'dsl@oakfield.example', roles: ['dsl', 'teacher'], highlight: true },
  { organisation: 'school', role: 'Senior leader', email: 'senior@oakfield.example', roles: ['senior_leader'], highlight: true },
  { organisation: 'school', role: 'Administrator', email: 'admin@oakfield.example', roles: ['admin'], highlight: true },
  { organisation: 'school', role: 'Data protection officer', email: 'dpo@oakfield.example', roles: ['dpo'] },
  { organisation: 'school', role: 'Teaching assistant', email: 'ta@oakfield.example', roles: ['teaching_assistant'] },
  { organisation: 'school', role: 'Subject lead', email: 'subjectlead@oakfield.example', roles: ['subject_lead', 'teacher'] },
  { organisation: 'school', role: 'SENCo', email: 'senco@oakfield.example', roles: ['senco'] },
  { organisation: 'school', role: 'IT staff', email: 'it@oakfield.example', roles: ['it'] },
  { organisation: 'school', role: 'Governor', email: 'governor@oakfield.example', roles: ['governor'] },
  { organisation: 'provider', role: 'Apprentice', email: 'apprentice@northgate.example', roles: ['learner'] },
  { organisation: 'provider', role: 'Employer', email: 'employer@northgate.example', roles: ['employer'] },
  { organisation: 'provider', role: 'Assessor', email: 'assessor@northgate.example', roles: ['assessor'] },
  { organisation: 'provider', role: 'Tutor', email: 'tutor@northgate.example', roles: ['teacher'] },
  { organisation: 'provider', role: 'Centre manager', email: 'manager@northgate.example', roles: ['senior_leader'] },
  { organisation: 'provider', role: 'Safeguarding lead', email: 'dsl@northgate.example', roles: ['dsl'] },
  { organisation: 'provider', role: 'Administrator', email: 'admin@northgate.example', roles: ['admin'] },
];

/** Roles that hold across the whole organisation rather than at one site. */
const ORGANISATION_WIDE: ReadonlySet<Role> = new Set(['senior_leader', 'admin', 'dpo', 'it', 'governor', 'employer']);

export interface DemoSummary {
  school: { id: string; siteIds: string[] };
  provider: { id: string; siteIds: string[] };
  people: number;
}

/**
 * A deterministic, fictional demo: a secondary school (Years 7 to 11, two tutor groups a year,
 * a clash-free timetable) and a training provider with two centres, UK English names from a
 * seeded generator, every role signed in by a named account (DEMO_LOGINS), in the academic year
 * that contains `now`, so the autumn term so far is history.
 */
export async function generateDemoData(db: Db, now: Date, seed = 2026): Promise<DemoSummary> {
  const f = new Faker({ locale: [en_GB, en, base] });
  f.seed(seed);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const plan = emptyPlan();
  const startYear = academicYearOf(now.toISOString().slice(0, 10));
  const goodFriday = bankHolidaysEnglandWales(startYear + 1).find((h) => h.name === 'Good Friday')!.date;
  const year = englishSchoolYear(startYear, goodFriday);

  const school = { id: f.string.uuid(), siteIds: [f.string.uuid()] };
  const provider = { id: f.string.uuid(), siteIds: [f.string.uuid(), f.string.uuid()] };
  plan.organisations.push({ id: school.id, name: 'Oakfield Academy', kind: 'school', createdAt: now });
  plan.organisations.push({ id: provider.id, name: 'Northgate Skills', kind: 'training_provider', createdAt: now });
  plan.sites.push({ organisationId: school.id, id: school.siteIds[0]!, name: 'Oakfield Academy', kind: 'school', dayStart: '08:45', dayEnd: '15:15' });
  plan.sites.push({ organisationId: provider.id, id: provider.siteIds[0]!, name: 'Northgate Leeds Centre', kind: 'centre', dayStart: '09:00', dayEnd: '17:00' });
  plan.sites.push({ organisationId: provider.id, id: provider.siteIds[1]!, name: 'Northgate Bradford Centre', kind: 'centre', dayStart: '09:00', dayEnd: '17:00' });

  // The named accounts, with credentials: one per role to sign in as.
  const ids = new Map<string, string>();
  for (const login of DEMO_LOGINS) {
    const org = login.organisation === 'school' ? school : provider;
    const id = f.string.uuid();
    ids.set(login.email, id);
    plan.users.push({ organisationId: org.id, id, givenName: f.helpers.arrayElement(GIVEN_NAMES), familyName: f.helpers.arrayElement(FAMILY_NAMES), email: login.email, createdAt: now });
    for (const role of login.roles) {
      plan.roleAssignments.push({ organisationId: org.id, userId: id, role, siteId: ORGANISATION_WIDE.has(role) ? null : org.siteIds[0]! });
    }
    plan.credentials.push({ email: login.email, organisationId: org.id, userId: id, passwordHash, passwordChangedAt: now });
  }
  const id = (email: string) => ids.get(email)!;

  // The demo parent's children: the demo learner (8A) and a sibling (10B) of the same family.
  const learner = plan.users.find((u) => u.id === id('learner@oakfield.example'))!;
  const parent = plan.users.find((u) => u.id === id('parent@oakfield.example'))!;
  parent.familyName = learner.familyName;
  const sibling = f.string.uuid();
  plan.users.push({ organisationId: school.id, id: sibling, givenName: f.helpers.arrayElement(GIVEN_NAMES), familyName: learner.familyName, email: null, createdAt: now });
  plan.roleAssignments.push({ organisationId: school.id, userId: sibling, role: 'learner', siteId: school.siteIds[0]! });
  plan.guardianships.push({ organisationId: school.id, guardianId: parent.id!, learnerId: learner.id! });
  plan.guardianships.push({ organisationId: school.id, guardianId: parent.id!, learnerId: sibling });

  planSchool(f, plan, {
    organisationId: school.id,
    siteId: school.siteIds[0]!,
    emailDomain: 'oakfield',
    years: [7, 8, 9, 10, 11],
    groupsPerYear: 2,
    learnersPerGroup: 12,
    year,
    now,
    named: {
      teacherId: id('teacher@oakfield.example'),
      subjectLeadId: id('subjectlead@oakfield.example'),
      teachingAssistantId: id('ta@oakfield.example'),
      learners: [
        { id: learner.id!, group: '8A' },
        { id: sibling, group: '10B' },
      ],
    },
  });
  planProvider(f, plan, {
    organisationId: provider.id,
    siteIds: provider.siteIds,
    emailDomain: 'northgate',
    apprenticesPerGroup: 6,
    year,
    now,
    named: {
      tutorId: id('tutor@northgate.example'),
      assessorId: id('assessor@northgate.example'),
      apprenticeId: id('apprentice@northgate.example'),
      employerId: id('employer@northgate.example'),
    },
  });
  // Remote work under the presets writeDemoPolicies adopts: Oakfield's bubbles, Northgate's blended provider.
  planWork(f, plan, {
    now,
    school: {
      organisationId: school.id,
      siteId: school.siteIds[0]!,
      preset: 'blended-school-bubbles',
      teacherId: id('teacher@oakfield.example'),
      subjectLeadId: id('subjectlead@oakfield.example'),
      learnerId: learner.id!,
      siblingId: sibling,
    },
    provider: { organisationId: provider.id, siteId: provider.siteIds[0]!, preset: 'blended-training-provider', tutorId: id('tutor@northgate.example'), apprenticeId: id('apprentice@northgate.example') },
  });
  // Live sessions that have run (and one booked) under the same presets.
  planLive(f, plan, {
    now,
    policyVersionAt: (organisationId, at) => demoPolicyVersionAt(organisationId === school.id ? 'school' : 'provider', startYear, now, at),
    school: {
      organisationId: school.id,
      siteId: school.siteIds[0]!,
      preset: 'blended-school-bubbles',
      teacherId: id('teacher@oakfield.example'),
      sencoId: id('senco@oakfield.example'),
      learnerId: learner.id!,
      siblingId: sibling,
      otherClasses: ['8A English', '8A Science', '10B History'],
    },
    provider: { organisationId: provider.id, siteId: provider.siteIds[0]!, preset: 'blended-training-provider', tutorId: id('tutor@northgate.example'), apprenticeId: id('apprentice@northgate.example') },
  });
  await writePlan(db, plan);
  await writeDemoPolicies(db, plan, now, startYear, { school, provider });
  return { school, provider, people: plan.users.length };
}

/** Loads the demo once: only into a database with no organisations yet. Returns whether it did. */
export async function loadDemoDataIfEmpty(database: Database, clock: Clock): Promise<boolean> {
  return database.system.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727002)`);
    const existing = await tx.execute(sql`select 1 from organisations limit 1`);
    if (existing.rows.length > 0) return false;
    await generateDemoData(tx as unknown as Db, clock.now());
    return true;
  });
}
