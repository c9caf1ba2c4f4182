import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../../testing/app.js';
import { makeClass, makeFamily, makeOrganisation, makePerson, makeTerm, type TestOrg, type TestPerson } from '../../testing/factories.js';

let t: TestApp;
let org: TestOrg;
let family: { learner: TestPerson; guardian: TestPerson };
let teacher: TestPerson;
let otherTeacher: TestPerson;
let mathsId: string;

beforeAll(async () => {
  // Monday 23 November 2026, 08:00 UTC (GMT).
  t = await startTestApp({ now: '2026-11-23T08:00:00Z' });
  const db = t.db.system;
  org = await makeOrganisation(db);
  await makeTerm(db, org, { name: 'Autumn 2026', start: '2026-09-01', end: '2026-12-18' });
  await t.db.systemPool.query(`insert into closures (organisation_id, site_id, start_date, end_date, reason) values ($1, $2, '2026-10-26', '2026-10-30', 'October half term')`, [org.id, org.siteIds[0]]);
  family = await makeFamily(db, org);
  teacher = await makePerson(db, org, { roles: ['teacher'], givenName: 'Priya', familyName: 'Shah' });
  otherTeacher = await makePerson(db, org, { roles: ['teacher'] });
  mathsId = (
    await makeClass(db, org, {
      name: '8A Mathematics',
      learners: [family.learner.id],
      teachers: [teacher.id],
      periods: [
        { weekday: 1, start: '08:50', end: '09:50', room: 'M4' },
        { weekday: 3, start: '11:10', end: '12:10' },
      ],
    })
  ).id;
  await makeClass(db, org, { name: '8A English', subject: 'English', learners: [family.learner.id], teachers: [otherTeacher.id], periods: [{ weekday: 1, start: '13:00', end: '14:00' }] });
});
afterAll(() => t.close());

describe('timetables', () => {
  it('R-ORG-2 shows a learner today’s lessons in order, with times in the school’s zone, teachers and rooms', async () => {
    const s = await signIn(t, family.learner.email);
    const res = await t.app.inject({ method: 'GET', url: '/api/timetable', headers: s.headers });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ date: '2026-11-23', working: true, reason: null, nextWorkingDay: '2026-11-24' });
    expect(body.lessons.map((l: { className: string; start: string; room: string | null; teachers: string[] }) => [l.className, l.start, l.room, l.teachers])).toEqual([
      ['8A Mathematics', '2026-11-23T08:50:00.000Z', 'M4', ['Priya Shah']],
      ['8A English', '2026-11-23T13:00:00.000Z', null, [expect.any(String)]],
    ]);
  });

  it('R-ORG-2 says why there are no lessons in half term, and when school is next open', async () => {
    const s = await signIn(t, family.learner.email);
    const res = await t.app.inject({ method: 'GET', url: '/api/timetable?date=2026-10-28', headers: s.headers });
    expect(res.json()).toMatchObject({ working: false, reason: 'October half term', lessons: [], nextWorkingDay: '2026-11-02' });
  });

  it('R-ORG-2 in summer time a 08:50 lesson starts at 07:50 UTC', async () => {
    const s = await signIn(t, family.learner.email);
    const res = await t.app.inject({ method: 'GET', url: '/api/timetable?date=2026-10-19', headers: s.headers });
    expect(res.json().lessons[0].start).toBe('2026-10-19T07:50:00.000Z');
  });

  it('R-ORG-1 a parent sees their child’s timetable, but not another child’s (404)', async () => {
    const s = await signIn(t, family.guardian.email);
    const own = await t.app.inject({ method: 'GET', url: `/api/timetable?personId=${family.learner.id}`, headers: s.headers });
    expect(own.statusCode).toBe(200);
    expect(own.json().lessons).toHaveLength(2);
    const stranger = await makeFamily(t.db.system, org);
    const other = await t.app.inject({ method: 'GET', url: `/api/timetable?personId=${stranger.learner.id}`, headers: s.headers });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('not_found');
  });

  it('R-ORG-2 a teacher sees the lessons they teach', async () => {
    const s = await signIn(t, teacher.email);
    const res = await t.app.inject({ method: 'GET', url: '/api/timetable?date=2026-11-25', headers: s.headers });
    expect(res.json().lessons.map((l: { className: string }) => l.className)).toEqual(['8A Mathematics']);
  });

  it('refuses a date that is not a date, saying what to send', async () => {
    const s = await signIn(t, family.learner.email);
    const res = await t.app.inject({ method: 'GET', url: '/api/timetable?date=23/11/2026', headers: s.headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('request.invalid');
    expect(res.json().error.details[0].message).toContain('2026-09-03');
  });
});

describe('classes', () => {
  it('R-ORG-1 lists a teacher’s classes with how many learners are in each', async () => {
    const s = await signIn(t, teacher.email);
    const res = await t.app.inject({ method: 'GET', url: '/api/classes', headers: s.headers });
    expect(res.json().classes).toEqual([expect.objectContaining({ id: mathsId, name: '8A Mathematics', learners: 1, as: 'teacher' })]);
  });

  it('R-ORG-1 shows the class to its teacher with staff, learners and timetable', async () => {
    const s = await signIn(t, teacher.email);
    const res = await t.app.inject({ method: 'GET', url: `/api/classes/${mathsId}`, headers: s.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: '8A Mathematics',
      staff: [{ id: teacher.id, displayName: 'Priya Shah', role: 'teacher' }],
      learners: [{ id: family.learner.id }],
      periods: [
        { weekday: 1, start: '08:50', end: '09:50', room: 'M4' },
        { weekday: 3, start: '11:10', end: '12:10' },
      ],
    });
  });

  it('R-ORG-1 hides a class from a teacher who does not teach it (404) and refuses its learners (403)', async () => {
    for (const [email, status] of [
      [otherTeacher.email, 404],
      [family.learner.email, 403],
    ] as const) {
      const s = await signIn(t, email);
      const res = await t.app.inject({ method: 'GET', url: `/api/classes/${mathsId}`, headers: s.headers });
      expect(res.statusCode, email).toBe(status);
      expect(res.body).not.toContain('8A Mathematics');
    }
  });
});
