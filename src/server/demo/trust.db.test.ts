import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/database.js';
import { generateTrust } from './trust.js';

// The large seed's code path, scaled down (the 20,000-learner run is `npm run bench -- seed`).
let database: TestDatabase;
let organisationId: string;
const q = async <T extends object>(text: string): Promise<T[]> => (await database.db.systemPool.query(text, [organisationId])).rows as T[];

beforeAll(async () => {
  database = await createTestDatabase();
  const trust = await database.db.system.transaction((tx) =>
    generateTrust(tx as never, new Date('2026-11-23T09:00:00Z'), { schools: 2, learners: 250, password: 'Continuum#2026', seed: 7 }),
  );
  organisationId = trust.organisationId;
});
afterAll(() => database.drop());

describe('the large seed, scaled down (R-ORG-1)', () => {
  it('R-ORG-1 builds a trust with the schools and exactly the learners asked for', async () => {
    const [org] = await q<{ kind: string; sites: string; learners: string }>(
      `select o.kind, (select count(*) from sites where organisation_id = o.id) as sites,
              (select count(*) from role_assignments where organisation_id = o.id and role = 'learner') as learners
         from organisations o where o.id = $1`,
    );
    expect(org).toEqual({ kind: 'trust', sites: '2', learners: '250' });
  });

  it('R-ORG-1 every learner has a parent or carer and exactly one tutor group', async () => {
    const orphans = await q(`select r.user_id from role_assignments r where r.organisation_id = $1 and r.role = 'learner'
      and not exists (select 1 from guardianships g where g.organisation_id = r.organisation_id and g.learner_id = r.user_id)`);
    expect(orphans).toEqual([]);
    const tutorGroups = await q<{ n: string }>(`select count(*) as n from role_assignments r
      left join enrolments e on e.organisation_id = r.organisation_id and e.learner_id = r.user_id
      left join classes c on c.organisation_id = e.organisation_id and c.id = e.class_id and c.kind = 'homeroom'
      where r.organisation_id = $1 and r.role = 'learner' group by r.user_id having count(c.id) <> 1`);
    expect(tutorGroups).toEqual([]);
  });

  it('R-ORG-2 no learner and no teacher is timetabled in two lessons at once', async () => {
    const learnerClashes = await q(`select e1.learner_id from enrolments e1
      join enrolments e2 on e2.organisation_id = e1.organisation_id and e2.learner_id = e1.learner_id and e2.class_id > e1.class_id
      join timetable_periods p1 on p1.organisation_id = e1.organisation_id and p1.class_id = e1.class_id
      join timetable_periods p2 on p2.organisation_id = e2.organisation_id and p2.class_id = e2.class_id
      where e1.organisation_id = $1 and p1.weekday = p2.weekday and p1.start_time < p2.end_time and p2.start_time < p1.end_time limit 1`);
    expect(learnerClashes).toEqual([]);
    const teacherClashes = await q(`select s1.user_id from class_staff s1
      join class_staff s2 on s2.organisation_id = s1.organisation_id and s2.user_id = s1.user_id and s2.class_id > s1.class_id and s2.role = 'teacher'
      join timetable_periods p1 on p1.organisation_id = s1.organisation_id and p1.class_id = s1.class_id
      join timetable_periods p2 on p2.organisation_id = s2.organisation_id and p2.class_id = s2.class_id
      where s1.organisation_id = $1 and s1.role = 'teacher' and p1.weekday = p2.weekday and p1.start_time < p2.end_time and p2.start_time < p1.end_time limit 1`);
    expect(teacherClashes).toEqual([]);
  });

  it('R-ORG-1 the trust’s central staff can sign in; learners are there for benchmarks, without passwords', async () => {
    const logins = await q<{ email: string }>(`select email from credentials where organisation_id = $1 order by email`);
    expect(logins.map((l) => l.email)).toEqual(['admin@riverside.example', 'ceo@riverside.example']);
  });
});
