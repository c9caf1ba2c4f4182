import { classStaff, classes, cohortMembers, cohorts, enrolments, terms, timetablePeriods } from '../modules/organisation/schema.js';
import { randomBytes } from 'node:crypto';
import type { Role } from '../../shared/identity.js';
import type { Db } from '../platform/db/client.js';
import { hashPassword, insertPerson, linkEmployer, linkGuardian } from '../modules/identity/index.js';
import { insertOrganisation } from '../modules/organisation/index.js';

/** The password every factory-made person signs in with. */
export const TEST_PASSWORD = 'Test-pass-1!';
let testHash: Promise<string> | undefined;
const passwordHash = () => (testHash ??= hashPassword(TEST_PASSWORD));

const FIXED = new Date('2026-09-07T08:00:00Z');

export interface TestOrg {
  id: string;
  siteIds: string[];
}

/** An organisation with the sites the test names (one by default). */
export async function makeOrganisation(db: Db, o: { name?: string; sites?: number; kind?: string } = {}): Promise<TestOrg> {
  const tag = randomBytes(3).toString('hex');
  return insertOrganisation(db, {
    name: o.name ?? `Test School ${tag}`,
    kind: o.kind ?? 'school',
    now: FIXED,
    sites: Array.from({ length: o.sites ?? 1 }, (_, i) => ({ name: `Site ${i + 1} ${tag}` })),
  });
}

export interface TestPerson {
  id: string;
  email: string;
  organisationId: string;
}

/** A person holding the given roles at a site (or organisation-wide with `site: null`). */
export async function makePerson(
  db: Db,
  org: TestOrg,
  p: { roles: Role[]; site?: string | null; email?: string; givenName?: string; familyName?: string },
): Promise<TestPerson> {
  const email = p.email ?? `${p.roles[0] ?? 'person'}-${randomBytes(4).toString('hex')}@test.example`;
  const siteId = p.site === undefined ? (org.siteIds[0] ?? null) : p.site;
  const id = await insertPerson(db, {
    organisationId: org.id,
    givenName: p.givenName ?? 'Sam',
    familyName: p.familyName ?? 'Tester',
    email,
    roles: p.roles.map((role) => ({ role, siteId })),
    passwordHash: await passwordHash(),
    now: FIXED,
  });
  return { id, email: email.toLowerCase(), organisationId: org.id };
}

export async function makeFamily(
  db: Db,
  org: TestOrg,
  site?: string,
): Promise<{ learner: TestPerson; guardian: TestPerson }> {
  const learner = await makePerson(db, org, { roles: ['learner'], site: site ?? org.siteIds[0] });
  const guardian = await makePerson(db, org, { roles: ['guardian'], site: site ?? org.siteIds[0] });
  await linkGuardian(db, org.id, guardian.id, learner.id);
  return { learner, guardian };
}

/** An apprentice on an apprenticeship standard (a cohort of that kind at the first site), with their employer. */
export async function makeApprenticeship(db: Db, org: TestOrg, p: { givenName?: string; familyName?: string } = {}): Promise<{ apprentice: TestPerson; employer: TestPerson }> {
  const apprentice = await makePerson(db, org, { roles: ['learner'], ...p });
  const employer = await makePerson(db, org, { roles: ['employer'], site: null });
  await linkEmployer(db, org.id, employer.id, apprentice.id);
  const [standard] = await db
    .insert(cohorts)
    .values({ organisationId: org.id, siteId: org.siteIds[0]!, kind: 'apprenticeship_standard', name: 'Business Administrator L3', code: `ST0070-${randomBytes(3).toString('hex')}` })
    .returning({ id: cohorts.id });
  await db.insert(cohortMembers).values({ organisationId: org.id, cohortId: standard!.id, learnerId: apprentice.id });
  return { apprentice, employer };
}

export interface TestClass {
  id: string;
  name: string;
}

/** A class at a site with the learners and staff named, and optionally weekly lessons. */
export async function makeClass(
  db: Db,
  org: TestOrg,
  o: {
    site?: string;
    name?: string;
    subject?: string;
    learners?: string[];
    teachers?: string[];
    assistants?: string[];
    periods?: { weekday: number; start: string; end: string; room?: string }[];
  } = {},
): Promise<TestClass> {
  const name = o.name ?? `Class ${++classCount}`;
  const [row] = await db
    .insert(classes)
    .values({ organisationId: org.id, siteId: o.site ?? org.siteIds[0]!, name, subject: o.subject ?? 'Mathematics' })
    .returning({ id: classes.id });
  const id = row!.id;
  for (const learnerId of o.learners ?? []) await db.insert(enrolments).values({ organisationId: org.id, classId: id, learnerId });
  for (const userId of o.teachers ?? []) await db.insert(classStaff).values({ organisationId: org.id, classId: id, userId, role: 'teacher', isPrimary: true });
  for (const userId of o.assistants ?? []) await db.insert(classStaff).values({ organisationId: org.id, classId: id, userId, role: 'teaching_assistant' });
  for (const p of o.periods ?? []) {
    await db.insert(timetablePeriods).values({ organisationId: org.id, classId: id, weekday: p.weekday, startTime: p.start, endTime: p.end, room: p.room ?? null });
  }
  return { id, name };
}
let classCount = 0;

/** Term dates for a site, so its calendar has working days. */
export async function makeTerm(db: Db, org: TestOrg, o: { site?: string; name?: string; start: string; end: string }): Promise<void> {
  await db.insert(terms).values({ organisationId: org.id, siteId: o.site ?? org.siteIds[0]!, name: o.name ?? 'Term', startDate: o.start, endDate: o.end });
}
