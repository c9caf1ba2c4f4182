import { Faker, base, en, en_GB } from '@faker-js/faker';
import { FAMILY_NAMES, GIVEN_NAMES } from './names.js';
import { sql } from 'drizzle-orm';
import type { Role } from '../../shared/identity.js';
import type { Clock } from '../platform/clock.js';
import type { Database, Db } from '../platform/db/client.js';
import { hashPassword, insertPerson, linkEmployer, linkGuardian } from '../modules/identity/index.js';
import { insertOrganisation } from '../modules/organisation/index.js';

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
 * A deterministic, fictional demo: a small secondary school and a small training provider with
 * two centres, UK English names from a seeded generator, every role signed in by a named account
 * (DEMO_LOGINS), and classes of learners with their parents and carers.
 */
export async function generateDemoData(db: Db, now: Date, seed = 2026): Promise<DemoSummary> {
  const f = new Faker({ locale: [en_GB, en, base] });
  f.seed(seed);
  const givenName = () => f.helpers.arrayElement(GIVEN_NAMES);
  const familyName = () => f.helpers.arrayElement(FAMILY_NAMES);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let people = 0;
  const person = async (
    organisationId: string,
    email: string,
    roles: Role[],
    siteId: string | null,
    name?: { givenName: string; familyName: string },
  ) => {
    people++;
    return insertPerson(db, {
      organisationId,
      id: f.string.uuid(),
      givenName: name?.givenName ?? givenName(),
      familyName: name?.familyName ?? familyName(),
      email,
      roles: roles.map((role) => ({ role, siteId: ORGANISATION_WIDE.has(role) ? null : siteId })),
      passwordHash,
      now,
    });
  };

  const school = await insertOrganisation(db, {
    id: f.string.uuid(),
    name: 'Oakfield Academy',
    kind: 'school',
    now,
    sites: [{ id: f.string.uuid(), name: 'Oakfield Academy' }],
  });
  const provider = await insertOrganisation(db, {
    id: f.string.uuid(),
    name: 'Northgate Skills',
    kind: 'training_provider',
    now,
    sites: [
      { id: f.string.uuid(), name: 'Northgate Leeds Centre' },
      { id: f.string.uuid(), name: 'Northgate Bradford Centre' },
    ],
  });
  const schoolSite = school.siteIds[0]!;
  const ids = new Map<string, string>();
  for (const login of DEMO_LOGINS) {
    const org = login.organisation === 'school' ? school : provider;
    ids.set(login.email, await person(org.id, login.email, login.roles, org.siteIds[0]!));
  }

  // The demo parent's child is the demo learner, with a sibling: a parent sees two children.
  const parentId = ids.get('parent@oakfield.example')!;
  await linkGuardian(db, school.id, parentId, ids.get('learner@oakfield.example')!);
  const [family] = await db.execute<{ family_name: string }>(
    sql`select family_name from users where id = ${ids.get('learner@oakfield.example')!}`,
  ).then((r) => r.rows);
  const sibling = await person(school.id, 'sibling@oakfield.example', ['learner'], schoolSite, {
    givenName: givenName(),
    familyName: family!.family_name,
  });
  await linkGuardian(db, school.id, parentId, sibling);

  // Two classes' worth of learners, each with a parent or carer of the same family name.
  for (let i = 0; i < 48; i++) {
    const family = familyName();
    const learner = await person(school.id, `pupil${i + 1}@oakfield.example`, ['learner'], schoolSite, {
      givenName: givenName(),
      familyName: family,
    });
    const carer = await person(school.id, `carer${i + 1}@oakfield.example`, ['guardian'], schoolSite, {
      givenName: givenName(),
      familyName: family,
    });
    await linkGuardian(db, school.id, carer, learner);
  }
  for (let i = 0; i < 4; i++) {
    await person(school.id, `staff${i + 1}@oakfield.example`, ['teacher'], schoolSite);
  }

  // Apprentices at both centres; the demo employer employs the demo apprentice and one more.
  const employerId = ids.get('employer@northgate.example')!;
  await linkEmployer(db, provider.id, employerId, ids.get('apprentice@northgate.example')!);
  for (let i = 0; i < 12; i++) {
    const site = provider.siteIds[i % 2]!;
    const apprentice = await person(provider.id, `apprentice${i + 1}@northgate.example`, ['learner'], site);
    if (i === 0) await linkEmployer(db, provider.id, employerId, apprentice);
  }
  return { school, provider, people };
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
