import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type Session, type TestApp } from '../../testing/app.js';
import { makeClass, makeFamily, makeOrganisation, makePerson, makeTerm, type TestOrg, type TestPerson } from '../../testing/factories.js';

let t: TestApp;
let org: TestOrg;
let other: TestOrg;
let admin: Session;
let adminPerson: TestPerson;
let teacher: TestPerson;
let secondTeacher: TestPerson;
let learner: TestPerson;
let otherSiteLearner: TestPerson;

// Monday 23 November 2026, 10:00 GMT.
beforeAll(async () => {
  t = await startTestApp({ now: '2026-11-23T10:00:00Z' });
  const db = t.db.system;
  org = await makeOrganisation(db, { sites: 2, name: 'Manage Academy' });
  other = await makeOrganisation(db, { sites: 1, name: 'Elsewhere' });
  await makeTerm(db, org, { name: 'Autumn 2026', start: '2026-09-02', end: '2026-12-18' });
  adminPerson = await makePerson(db, org, { roles: ['admin'], site: null });
  teacher = await makePerson(db, org, { roles: ['teacher'], site: org.siteIds[0], givenName: 'Ada', familyName: 'Byron' });
  secondTeacher = await makePerson(db, org, { roles: ['teacher'], site: org.siteIds[0], givenName: 'Alan', familyName: 'Turing' });
  learner = (await makeFamily(db, org, org.siteIds[0])).learner;
  otherSiteLearner = (await makeFamily(db, org, org.siteIds[1])).learner;
  admin = await signIn(t, adminPerson.email);
});
afterAll(() => t.close());

const call = (s: Session, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });

async function auditActions(subjectId: string): Promise<string[]> {
  const { rows } = await t.db.systemPool.query('select action from audit_events where subject_id = $1 order by at, id', [subjectId]);
  return rows.map((r: { action: string }) => r.action);
}

describe('site hours and calendar (R-ORG-2)', () => {
  it('R-ORG-2 an admin sets a site’s zone, days and hours, and the change is audited', async () => {
    const res = await call(admin, 'PUT', `/api/organisation/sites/${org.siteIds[0]}/hours`, { timeZone: 'Europe/London', workingDays: [5, 1, 2, 3, 4], dayStart: '08:40', dayEnd: '15:20' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ workingDays: [1, 2, 3, 4, 5], dayStart: '08:40', dayEnd: '15:20', currentTerm: { name: 'Autumn 2026' } });
    expect(await auditActions(org.siteIds[0]!)).toContain('organisation.site.hours_changed');
  });

  it('R-ORG-2 refuses an unknown time zone and a day that ends before it starts, naming both fields', async () => {
    const res = await call(admin, 'PUT', `/api/organisation/sites/${org.siteIds[0]}/hours`, { timeZone: 'Europe/Narnia', workingDays: [1], dayStart: '15:00', dayEnd: '09:00' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('organisation.site.invalid_hours');
    expect(res.json().error.details.map((d: { path: string[] }) => d.path[0])).toEqual(['timeZone', 'dayEnd']);
    const sites = (await call(admin, 'GET', '/api/organisation/sites')).json().sites;
    expect(sites.find((s: { id: string }) => s.id === org.siteIds[0]).timeZone).toBe('Europe/London');
  });

  it('R-ORG-2 adds a term and a closure, and the calendar counts the term’s working days without them', async () => {
    const spring = await call(admin, 'POST', `/api/organisation/sites/${org.siteIds[0]}/terms`, { name: 'Spring 2027', startDate: '2027-01-05', endDate: '2027-03-26' });
    expect(spring.statusCode).toBe(201);
    const closure = await call(admin, 'POST', `/api/organisation/sites/${org.siteIds[0]}/closures`, { startDate: '2027-02-15', endDate: '2027-02-19', reason: 'February half term' });
    expect(closure.statusCode).toBe(201);
    const cal = (await call(admin, 'GET', `/api/organisation/sites/${org.siteIds[0]}/calendar`)).json();
    expect(cal.terms.map((x: { name: string }) => x.name)).toEqual(['Autumn 2026', 'Spring 2027']);
    // 5 Jan–26 Mar 2027 has 59 weekdays, less the half-term week and Good Friday (26 March 2027).
    expect(cal.terms[1].workingDays).toBe(53);
    expect(cal.closures).toEqual([expect.objectContaining({ reason: 'February half term', startDate: '2027-02-15' })]);
    expect(cal.bankHolidays.map((h: { date: string }) => h.date)).toContain('2026-12-25');
    expect(await auditActions(spring.json().id)).toEqual(['organisation.term.added']);
  });

  it('R-ORG-2 refuses a term that ends before it starts or overlaps another, and writes nothing', async () => {
    const backwards = await call(admin, 'POST', `/api/organisation/sites/${org.siteIds[0]}/terms`, { name: 'Summer 2027', startDate: '2027-07-20', endDate: '2027-04-12' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details).toEqual([expect.objectContaining({ path: ['endDate'], code: 'organisation.calendar.ends_before_start' })]);
    const overlapping = await call(admin, 'POST', `/api/organisation/sites/${org.siteIds[0]}/terms`, { name: 'Clash', startDate: '2026-12-01', endDate: '2027-01-10' });
    expect(overlapping.statusCode).toBe(400);
    expect(overlapping.json().error.details[0]).toMatchObject({ code: 'organisation.calendar.terms_overlap' });
    expect(overlapping.json().error.details.map((d: { message: string }) => d.message).join(' ')).toMatch(/Autumn 2026.*|Spring 2027/);
    const { rows } = await t.db.systemPool.query('select name from terms where organisation_id = $1 order by start_date', [org.id]);
    expect(rows.map((r: { name: string }) => r.name)).toEqual(['Autumn 2026', 'Spring 2027']);
  });

  it('R-ORG-2 an impossible date is refused by validation, before the service', async () => {
    const res = await call(admin, 'POST', `/api/organisation/sites/${org.siteIds[0]}/closures`, { startDate: '2027-02-30', endDate: '2027-03-01', reason: 'Snow' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('request.invalid');
  });

  it('R-ORG-2 moving a term’s dates checks it against the others but not against itself', async () => {
    const cal = (await call(admin, 'GET', `/api/organisation/sites/${org.siteIds[0]}/calendar`)).json();
    const autumn = cal.terms[0];
    const moved = await call(admin, 'PUT', `/api/organisation/terms/${autumn.id}`, { name: 'Autumn 2026', startDate: '2026-09-03', endDate: '2026-12-18' });
    expect(moved.statusCode).toBe(200);
    const clash = await call(admin, 'PUT', `/api/organisation/terms/${autumn.id}`, { name: 'Autumn 2026', startDate: '2026-09-03', endDate: '2027-01-06' });
    expect(clash.statusCode).toBe(400);
    const removed = await call(admin, 'DELETE', `/api/organisation/terms/${cal.terms[1].id}`);
    expect(removed.statusCode).toBe(204);
    expect(await auditActions(cal.terms[1].id)).toEqual(['organisation.term.added', 'organisation.term.removed']);
  });
});

describe('classes, staff, enrolments and lessons (R-ORG-1, R-ORG-2)', () => {
  let classId: string;

  it('R-ORG-1 an admin adds a class and finds it in the list', async () => {
    const res = await call(admin, 'POST', '/api/organisation/classes', { siteId: org.siteIds[0], name: '9C Computing', subject: 'Computing' });
    expect(res.statusCode).toBe(201);
    classId = res.json().id;
    const list = (await call(admin, 'GET', '/api/organisation/classes?q=comput')).json();
    expect(list.classes).toEqual([expect.objectContaining({ id: classId, name: '9C Computing', kind: 'scheduled', learners: 0, teachers: [], ended: false })]);
  });

  it('R-ORG-1 a class cannot be put in another organisation’s site', async () => {
    const res = await call(admin, 'POST', '/api/organisation/classes', { siteId: other.siteIds[0], name: 'Sneaky', subject: 'Art' });
    expect(res.statusCode).toBe(404);
    const { rows } = await t.db.systemPool.query(`select 1 from classes where name = 'Sneaky'`);
    expect(rows).toEqual([]);
  });

  it('R-ORG-1 sets the class’s teacher and teaching assistant; a learner cannot be made staff', async () => {
    const ta = await makePerson(t.db.system, org, { roles: ['teaching_assistant'], site: org.siteIds[0] });
    const ok = await call(admin, 'PUT', `/api/organisation/classes/${classId}/staff`, { staff: [{ personId: teacher.id, role: 'teacher', isPrimary: true }, { personId: ta.id, role: 'teaching_assistant' }] });
    expect(ok.statusCode).toBe(204);
    const refused = await call(admin, 'PUT', `/api/organisation/classes/${classId}/staff`, { staff: [{ personId: teacher.id, role: 'teacher' }, { personId: learner.id, role: 'teacher' }] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toEqual([expect.objectContaining({ path: ['staff', 1, 'personId'], code: 'organisation.class.not_staff' })]);
    const detail = (await call(admin, 'GET', `/api/classes/${classId}`)).json();
    expect(detail.staff.map((s: { id: string; role: string }) => [s.id, s.role]).sort()).toEqual([[teacher.id, 'teacher'], [ta.id, 'teaching_assistant']].sort());
    // The teacher now sees the class as theirs.
    const mine = (await call(await signIn(t, teacher.email), 'GET', '/api/classes')).json();
    expect(mine.classes.map((c: { id: string }) => c.id)).toContain(classId);
  });

  it('R-ORG-1 enrols a learner of the site; a learner of another site is refused by name of field', async () => {
    const refused = await call(admin, 'POST', `/api/organisation/classes/${classId}/enrolments`, { learnerIds: [learner.id, otherSiteLearner.id] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toEqual([expect.objectContaining({ path: ['learnerIds', 1], code: 'organisation.enrolment.other_site' })]);
    const { rows } = await t.db.systemPool.query('select 1 from enrolments where class_id = $1', [classId]);
    expect(rows).toEqual([]);
    const ok = await call(admin, 'POST', `/api/organisation/classes/${classId}/enrolments`, { learnerIds: [learner.id], startDate: '2026-11-02' });
    expect(ok.json()).toEqual({ enrolled: 1 });
    const detail = (await call(admin, 'GET', `/api/classes/${classId}`)).json();
    expect(detail.learners.map((l: { id: string }) => l.id)).toEqual([learner.id]);
  });

  it('R-ORG-2 sets the weekly lessons and the learner’s timetable shows them', async () => {
    const res = await call(admin, 'PUT', `/api/organisation/classes/${classId}/periods`, {
      periods: [
        { weekday: 1, start: '11:00', end: '12:00', room: 'IT1' },
        { weekday: 4, start: '09:00', end: '10:00' },
      ],
    });
    expect(res.statusCode).toBe(204);
    const s = await signIn(t, learner.email);
    const today = (await call(s, 'GET', '/api/timetable')).json();
    expect(today.lessons.map((l: { className: string; room: string | null }) => [l.className, l.room])).toEqual([['9C Computing', 'IT1']]);
  });

  it('R-ORG-2 refuses overlapping lessons and a teacher double-booked, lesson by lesson, and keeps the old timetable', async () => {
    await makeClass(t.db.system, org, { name: '7B Computing', teachers: [teacher.id], periods: [{ weekday: 2, start: '13:00', end: '14:00' }] });
    const res = await call(admin, 'PUT', `/api/organisation/classes/${classId}/periods`, {
      periods: [
        { weekday: 1, start: '11:00', end: '12:00' },
        { weekday: 1, start: '11:30', end: '12:30' },
        { weekday: 2, start: '13:30', end: '14:30' },
      ],
    });
    expect(res.statusCode).toBe(400);
    const details = res.json().error.details;
    expect(details.map((d: { path: (string | number)[]; code: string }) => [d.path, d.code])).toEqual([
      [['periods', 1], 'organisation.timetable.overlap'],
      [['periods', 2], 'organisation.timetable.teacher_busy'],
    ]);
    expect(details[1].message).toContain('Ada Byron teaches 7B Computing');
    const detail = (await call(admin, 'GET', `/api/classes/${classId}`)).json();
    expect(detail.periods).toHaveLength(2);
  });

  it('R-ORG-1 ending an enrolment keeps it but takes the learner off the class from that day', async () => {
    const early = await call(admin, 'POST', `/api/organisation/classes/${classId}/enrolments/${learner.id}/end`, { endDate: '2020-01-01' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.code).toBe('organisation.enrolment.ends_before_start');
    const res = await call(admin, 'POST', `/api/organisation/classes/${classId}/enrolments/${learner.id}/end`, { endDate: '2026-11-22' });
    expect(res.statusCode).toBe(204);
    expect((await call(admin, 'GET', `/api/classes/${classId}`)).json().learners).toEqual([]);
    const { rows } = await t.db.systemPool.query('select end_date::text from enrolments where class_id = $1', [classId]);
    expect(rows).toEqual([{ end_date: '2026-11-22' }]);
    // Enrolling again starts a new enrolment from today.
    await call(admin, 'POST', `/api/organisation/classes/${classId}/enrolments`, { learnerIds: [learner.id] });
    expect((await call(admin, 'GET', `/api/classes/${classId}`)).json().learners).toHaveLength(1);
  });

  it('R-ORG-1 ending a class takes it off the list and off timetables but keeps its record', async () => {
    expect((await call(admin, 'POST', `/api/organisation/classes/${classId}/end`)).statusCode).toBe(204);
    expect((await call(admin, 'GET', '/api/organisation/classes?q=9C')).json().classes).toEqual([]);
    expect((await call(admin, 'GET', '/api/organisation/classes?q=9C&includeEnded=true')).json().classes[0]).toMatchObject({ ended: true });
    const s = await signIn(t, learner.email);
    expect((await call(s, 'GET', '/api/timetable')).json().lessons).toEqual([]);
    expect(await auditActions(classId)).toEqual([
      'organisation.class.added',
      'organisation.class.staff_changed',
      'organisation.class.enrolled',
      'organisation.class.timetable_changed',
      'organisation.class.enrolment_ended',
      'organisation.class.enrolled',
      'organisation.class.ended',
    ]);
  });

  it('R-ORG-1 the staff picker finds teachers of the site by name and not learners', async () => {
    const res = (await call(admin, 'GET', `/api/organisation/people?kind=staff&siteId=${org.siteIds[0]}&q=tur`)).json();
    expect(res.people.map((p: { id: string }) => p.id)).toEqual([secondTeacher.id]);
    const learners = (await call(admin, 'GET', `/api/organisation/people?kind=learner&siteId=${org.siteIds[0]}`)).json();
    expect(learners.people.map((p: { id: string }) => p.id)).toEqual([learner.id]);
  });
});

describe('bubbles and staff working patterns (R-ORG-1, seed 002, seed staff hours)', () => {
  it('R-ORG-1 adds a bubble, puts classes of its site in it, and refuses a class of another site', async () => {
    const here = await makeClass(t.db.system, org, { name: '10A Science' });
    const there = await makeClass(t.db.system, org, { site: org.siteIds[1], name: '10Z Science' });
    const created = await call(admin, 'POST', '/api/organisation/bubbles', { siteId: org.siteIds[0], name: 'Year 10 bubble' });
    expect(created.statusCode).toBe(201);
    const bubbleId = created.json().id;
    const again = await call(admin, 'POST', '/api/organisation/bubbles', { siteId: org.siteIds[0], name: 'Year 10 bubble' });
    expect(again.statusCode).toBe(409);
    const refused = await call(admin, 'PUT', `/api/organisation/bubbles/${bubbleId}/classes`, { classIds: [here.id, there.id] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toEqual([expect.objectContaining({ path: ['classIds', 1] })]);
    expect((await call(admin, 'PUT', `/api/organisation/bubbles/${bubbleId}/classes`, { classIds: [here.id] })).statusCode).toBe(204);
    const list = (await call(admin, 'GET', `/api/organisation/bubbles?siteId=${org.siteIds[0]}`)).json();
    expect(list.bubbles).toEqual([expect.objectContaining({ name: 'Year 10 bubble', classes: [{ id: here.id, name: '10A Science' }] })]);
    expect((await call(admin, 'DELETE', `/api/organisation/bubbles/${bubbleId}`)).statusCode).toBe(204);
    expect(await auditActions(bubbleId)).toEqual(['organisation.bubble.added', 'organisation.bubble.classes_changed', 'organisation.bubble.removed']);
  });

  it('R-ORG-2 records a part-time teacher’s days and hours, and refuses a day given twice', async () => {
    const ok = await call(admin, 'PUT', `/api/organisation/staff/${secondTeacher.id}/hours`, {
      days: [
        { weekday: 3, start: '09:15', end: '15:15' },
        { weekday: 1, start: '09:15', end: '12:30' },
      ],
    });
    expect(ok.statusCode).toBe(204);
    const bad = await call(admin, 'PUT', `/api/organisation/staff/${secondTeacher.id}/hours`, { days: [{ weekday: 2, start: '09:00', end: '12:00' }, { weekday: 2, start: '13:00', end: '15:00' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ path: ['days', 1, 'weekday'], code: 'organisation.staff_hours.repeated_day' });
    const staff = (await call(admin, 'GET', `/api/organisation/sites/${org.siteIds[0]}/staff`)).json().staff;
    expect(staff.find((p: { id: string }) => p.id === secondTeacher.id).days).toEqual([
      { weekday: 1, start: '09:15', end: '12:30' },
      { weekday: 3, start: '09:15', end: '15:15' },
    ]);
    expect(staff.find((p: { id: string }) => p.id === teacher.id).days).toEqual([]);
  });

  it('R-ORG-2 a learner has no working pattern to set', async () => {
    const res = await call(admin, 'PUT', `/api/organisation/staff/${learner.id}/hours`, { days: [] });
    expect(res.statusCode).toBe(404);
  });
});

describe('sites and year groups (R-ORG-1)', () => {
  it('R-ORG-1 adds a centre on the default calendar, refusing a second of the same name', async () => {
    const res = await call(admin, 'POST', '/api/organisation/sites', { name: 'Sixth Form Centre', kind: 'college' });
    expect(res.statusCode).toBe(201);
    const site = (await call(admin, 'GET', '/api/organisation/sites')).json().sites.find((x: { id: string }) => x.id === res.json().id);
    expect(site).toMatchObject({ name: 'Sixth Form Centre', kind: 'college', timeZone: 'Europe/London', workingDays: [1, 2, 3, 4, 5], currentTerm: null });
    const again = await call(admin, 'POST', '/api/organisation/sites', { name: 'sixth form centre' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('organisation.name_taken');
  });

  it('R-ORG-1 adds a year group and a study programme, which classes can then belong to', async () => {
    const year12 = await call(admin, 'POST', '/api/organisation/cohorts', { siteId: org.siteIds[0], kind: 'year_group', name: 'Year 12', code: '12', yearOfSchooling: 12 });
    expect(year12.statusCode).toBe(201);
    const programme = await call(admin, 'POST', '/api/organisation/cohorts', { siteId: org.siteIds[0], kind: 'study_programme', name: 'Level 3 Engineering', code: 'L3ENG', yearOfSchooling: 12 });
    expect(programme.statusCode).toBe(201);
    expect((await call(admin, 'POST', '/api/organisation/cohorts', { siteId: org.siteIds[0], kind: 'year_group', name: 'Twelve again', code: '12' })).statusCode).toBe(409);
    const { rows } = await t.db.systemPool.query('select name, year_of_schooling from cohorts where organisation_id = $1 order by name', [org.id]);
    expect(rows).toEqual([{ name: 'Level 3 Engineering', year_of_schooling: null }, { name: 'Year 12', year_of_schooling: 12 }]);
    const cls = await call(admin, 'POST', '/api/organisation/classes', { siteId: org.siteIds[0], name: '12E Engineering', subject: 'Engineering', cohortId: programme.json().id });
    expect(cls.statusCode).toBe(201);
    const other = await call(admin, 'POST', '/api/organisation/classes', { siteId: org.siteIds[1], name: 'Wrong site', subject: 'Engineering', cohortId: programme.json().id });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.code).toBe('organisation.class.bad_cohort');
  });
});

describe('leaders’ overview (R-ORG-1, R-ORG-2)', () => {
  it('R-ORG-2 a senior leader sees each site open today with its lessons, and a teacher may not', async () => {
    const leader = await signIn(t, (await makePerson(t.db.system, org, { roles: ['senior_leader'], site: null })).email);
    const res = await call(leader, 'GET', '/api/organisation/overview');
    expect(res.statusCode).toBe(200);
    const first = res.json().sites.find((s: { id: string }) => s.id === org.siteIds[0]);
    expect(first).toMatchObject({ today: '2026-11-23', working: true, reason: null, nextWorkingDay: '2026-11-24' });
    // Today is a Monday: a class with two Monday lessons and one on Tuesday adds two.
    await makeClass(t.db.system, org, { name: '11X History', periods: [{ weekday: 1, start: '09:00', end: '10:00' }, { weekday: 1, start: '13:00', end: '14:00' }, { weekday: 2, start: '09:00', end: '10:00' }] });
    const after = (await call(leader, 'GET', '/api/organisation/overview')).json().sites.find((s: { id: string }) => s.id === org.siteIds[0]);
    expect(after.lessonsToday).toBe(first.lessonsToday + 2);
    const second = res.json().sites.find((s: { id: string }) => s.id === org.siteIds[1]);
    // The second site has no term at all: every day is outside term.
    expect(second.working).toBe(false);
    expect((await call(await signIn(t, teacher.email), 'GET', '/api/organisation/overview')).statusCode).toBe(403);
  });
});

describe('who may manage (R-ORG-1)', () => {
  it('R-ORG-1 teachers and senior leaders are refused management routes', async () => {
    const leader = await makePerson(t.db.system, org, { roles: ['senior_leader'], site: null });
    for (const person of [teacher, leader]) {
      const s = await signIn(t, person.email);
      expect((await call(s, 'GET', '/api/organisation/sites')).statusCode).toBe(403);
      expect((await call(s, 'POST', `/api/organisation/sites/${org.siteIds[0]}/terms`, { name: 'X', startDate: '2027-04-12', endDate: '2027-07-20' })).statusCode).toBe(403);
    }
  });
});
