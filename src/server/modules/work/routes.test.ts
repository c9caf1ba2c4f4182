import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentCheck, AssignmentDetail, ClassWork, CommentView, LearnerWork, MarkingQueue, ReferralList, SimilarityView, SubmissionDetail, WeekView, WorkClasses } from '../../../shared/work.js';
import { signIn, startTestApp, type Session, type TestApp } from '../../testing/app.js';
import { makeClass, makeFamily, makeOrganisation, makePerson, makeTerm, type TestClass, type TestOrg, type TestPerson } from '../../testing/factories.js';
import { pdfText } from '../../testing/pdf.js';
import { exeBytes, multipartBody, pngBytes } from '../../testing/uploads.js';

// Monday 23 November 2026, 08:00 in London (GMT): before the 09:30 set-by time of seed 001.
const MONDAY_8AM = '2026-11-23T08:00:00Z';

let t: TestApp;
let org: TestOrg;
let teacherP: TestPerson;
let teacher: Session;
let scienceTeacher: Session;
let leader: Session;
let leaderEmail: string;
let scienceEmail: string;
let outsiderEmail: string;
let family: { learner: TestPerson; guardian: TestPerson };
let learner: Session;
let parent: Session;
let classmateP: TestPerson;
let classmate: Session;
let outsider: Session;
let ma: TestClass;
let sci: TestClass;

type Method = 'GET' | 'POST' | 'PUT';
const call = (s: Session, method: Method, url: string, payload?: object) => t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
async function upload(s: Session, url: string, fields: Record<string, string>, files: { field: string; name: string; bytes: Buffer }[] = []) {
  const { payload, contentType } = await multipartBody(fields, files);
  return t.app.inject({ method: 'POST', url, headers: { ...s.headers, 'content-type': contentType }, payload });
}
const count = async (table: string) => Number((await t.db.systemPool.query(`select count(*) from ${table} where organisation_id = $1`, [org.id])).rows[0].count);
const moveTo = (instant: string) => t.clock.advance(Date.parse(instant) - t.clock.now().getTime());

function work(over: Record<string, unknown> = {}) {
  return {
    classId: ma.id,
    title: 'Fractions of amounts',
    instructions: 'Work through questions 1 to 10 on page 34. Show your working.',
    forDate: '2026-11-23',
    dueDate: '2026-11-25',
    dueTime: '15:00',
    estimatedMinutes: 40,
    screenFree: true,
    resources: [{ kind: 'link', title: 'Oak lesson on fractions', url: 'https://classroom.thenational.academy/lessons/fractions' }],
    ...over,
  };
}

async function setWork(s: Session, over: Record<string, unknown> = {}): Promise<AssignmentDetail> {
  const res = await call(s, 'POST', '/api/work/assignments', work(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

beforeAll(async () => {
  t = await startTestApp({ now: MONDAY_8AM });
  const db = t.db.system;
  org = await makeOrganisation(db, { name: 'Work Primary' });
  await makeTerm(db, org, { start: '2026-09-01', end: '2026-12-18' });
  teacherP = await makePerson(db, org, { roles: ['teacher'], givenName: 'Amir', familyName: 'Khan' });
  const scienceP = await makePerson(db, org, { roles: ['teacher'], givenName: 'Rosa', familyName: 'Franklin' });
  const leaderP = await makePerson(db, org, { roles: ['senior_leader'], site: null });
  family = await makeFamily(db, org);
  classmateP = await makePerson(db, org, { roles: ['learner'], givenName: 'Bea', familyName: 'Able' });
  const others = await Promise.all([1, 2, 3].map(() => makePerson(db, org, { roles: ['learner'] })));
  ma = await makeClass(db, org, { name: '6K Maths', subject: 'Mathematics', teachers: [teacherP.id], learners: [family.learner.id, classmateP.id, ...others.map((o) => o.id)], periods: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '10:00' })) });
  sci = await makeClass(db, org, { name: '6K Science', subject: 'Science', teachers: [scienceP.id], learners: [family.learner.id, classmateP.id], periods: [{ weekday: 2, start: '13:00', end: '14:00' }] });
  teacher = await signIn(t, teacherP.email);
  scienceTeacher = await signIn(t, scienceP.email);
  scienceEmail = scienceP.email;
  leaderEmail = leaderP.email;
  leader = await signIn(t, leaderP.email);
  learner = await signIn(t, family.learner.email);
  parent = await signIn(t, family.guardian.email);
  classmate = await signIn(t, classmateP.email);
  const elsewhere = await makeOrganisation(db, { name: 'Elsewhere' });
  outsiderEmail = (await makePerson(db, elsewhere, { roles: ['teacher'] })).email;
  outsider = await signIn(t, outsiderEmail);
  const adopt = await call(leader, 'POST', '/api/policy/adoption', { preset: 'school-closure', why: 'Adopted by governors in July.' });
  expect(adopt.statusCode).toBe(201);
});
afterAll(() => t.close());

describe('setting work (R-WORK-1, -2, -3)', () => {
  it('R-WORK-1 sets work before 09:30 as on time, and a teacher who does not teach the class cannot set it', async () => {
    const check = (await call(teacher, 'POST', '/api/work/assignments/check', work())).json() as AssignmentCheck;
    expect(check.setBy).toMatchObject({ applies: true, late: false, minutesLate: 0, deadline: '2026-11-23T09:30:00.000Z' });
    expect((await call(scienceTeacher, 'POST', '/api/work/assignments', work())).statusCode).toBe(404);
    expect((await call(outsider, 'POST', '/api/work/assignments', work())).statusCode).toBe(404);
    const detail = await setWork(teacher);
    expect(detail.assignment).toMatchObject({ title: 'Fractions of amounts', setLate: false, className: '6K Maths', subject: 'Mathematics', dueAt: '2026-11-25T15:00:00.000Z' });
    expect(detail.resources).toEqual([expect.objectContaining({ kind: 'link', url: 'https://classroom.thenational.academy/lessons/fractions' })]);
    expect(detail.learners?.map((l) => l.state)).toEqual(['not_handed_in', 'not_handed_in', 'not_handed_in', 'not_handed_in', 'not_handed_in']);
  });

  it('R-WORK-1 flags work for the day published after 09:30 as late, by how much', async () => {
    moveTo('2026-11-23T10:10:00Z');
    const detail = await setWork(teacher, { title: 'Times tables practice', dueDate: '2026-11-24', dueTime: '15:00' });
    expect(detail.assignment).toMatchObject({ setLate: true, minutesLate: 40 });
    const { rows } = await t.db.systemPool.query(`select details from audit_events where organisation_id = $1 and action = 'work.assignment.set' order by id desc limit 1`, [org.id]);
    expect(rows[0].details).toMatchObject({ requirement: 'R-WORK-1', setLate: true, minutesLate: 40 });
  });

  it('R-WORK-2 warns when a deadline makes three subjects due on one day (policy 001: two at most)', async () => {
    await setWork(scienceTeacher, { classId: sci.id, title: 'Plant diary', dueDate: '2026-11-26', dueTime: '15:00', screenFree: false, resources: [] });
    await setWork(teacher, { title: 'Shape hunt', dueDate: '2026-11-26', dueTime: '12:00', resources: [] });
    const geography = { classId: ma.id, subject: 'Geography', title: 'Map of the school', dueDate: '2026-11-26', dueTime: '15:00', resources: [] };
    const check = (await call(teacher, 'POST', '/api/work/assignments/check', work(geography))).json() as AssignmentCheck;
    expect(check.spacing).toEqual({ date: '2026-11-26', subjects: ['Geography', 'Mathematics', 'Science'], maxSubjectsPerDay: 2 });
    const sameSubject = (await call(teacher, 'POST', '/api/work/assignments/check', work({ dueDate: '2026-11-26', resources: [] }))).json() as AssignmentCheck;
    expect(sameSubject.spacing).toBeNull();
  });

  it('R-WORK-1 refuses a deadline in the past or before the day, beside the field, writing nothing', async () => {
    const before = await count('assignments');
    const past = await call(teacher, 'POST', '/api/work/assignments', work({ dueDate: '2026-11-23', dueTime: '09:00' }));
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details).toEqual([expect.objectContaining({ path: ['body', 'dueTime'] })]);
    const early = await call(teacher, 'POST', '/api/work/assignments', work({ forDate: '2026-11-24', dueDate: '2026-11-23', dueTime: '18:00' }));
    expect(early.json().error.details).toEqual([expect.objectContaining({ path: ['body', 'dueDate'] })]);
    const stranger = await call(teacher, 'POST', '/api/work/assignments', work({ learnerIds: [family.guardian.id] }));
    expect(stranger.json().error.details).toEqual([expect.objectContaining({ path: ['body', 'learnerIds', 0] })]);
    expect(await count('assignments')).toBe(before);
  });

  it('R-WORK-3 takes a video with captions, sniffing the type, and refuses a program dressed as a photo', async () => {
    const [first] = (await call(teacher, 'GET', `/api/work/classes/${ma.id}`)).json().assignments as ClassWork['assignments'];
    const blobsBefore = await count('blobs');
    const fake = await upload(teacher, `/api/work/assignments/${first!.id}/resources`, { kind: 'file', title: 'Worksheet' }, [{ field: 'file', name: 'worksheet.jpg', bytes: exeBytes() }]);
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error.code).toBe('files.type_not_allowed');
    const png = await upload(teacher, `/api/work/assignments/${first!.id}/resources`, { kind: 'file', title: 'Number line' }, [{ field: 'file', name: 'number-line.txt', bytes: pngBytes(20, 4) }]);
    expect(png.statusCode, png.body).toBe(201);
    expect(png.json().file).toMatchObject({ contentType: 'image/png', fileName: 'number-line.txt' });
    const notVideo = await upload(teacher, `/api/work/assignments/${first!.id}/resources`, { kind: 'video', title: 'Lesson' }, [{ field: 'file', name: 'lesson.mp4', bytes: pngBytes() }]);
    expect(notVideo.statusCode).toBe(415);
    expect(await count('blobs')).toBe(blobsBefore + 1);
  });
});

describe('learners, parents and handing in (R-WORK-5, -7)', () => {
  it('R-WORK-1 shows the learner today’s work and what is due, and their parent the same, read-only in words', async () => {
    const mine = (await call(learner, 'GET', '/api/work/mine')).json() as LearnerWork;
    expect(mine.today).toBe('2026-11-23');
    expect(mine.todays.map((i) => i.assignment.title).sort()).toEqual(['Fractions of amounts', 'Plant diary', 'Shape hunt', 'Times tables practice']);
    expect(mine.canSubmit).toBe(true);
    const child = (await call(parent, 'GET', `/api/work/mine?learnerId=${family.learner.id}`)).json() as LearnerWork;
    expect(child.due.map((i) => i.assignment.title)).toEqual(mine.due.map((i) => i.assignment.title));
    expect((await call(parent, 'GET', `/api/work/mine?learnerId=${classmateP.id}`)).statusCode).toBe(404);
  });

  it('R-WORK-5 takes text and a photo from the learner, on time, with feedback due by the end of the school day', async () => {
    const [fractions] = ((await call(learner, 'GET', '/api/work/mine')).json() as LearnerWork).due.filter((i) => i.assignment.title === 'Fractions of amounts');
    const res = await upload(learner, `/api/work/assignments/${fractions!.assignment.id}/submission`, { body: 'Half of 20 is 10. A quarter of 20 is 5.' }, [
      { field: 'files', name: 'IMG_2041.HEIC', bytes: pngBytes(8, 8, 120) },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json() as SubmissionDetail;
    expect(s).toMatchObject({ late: false, channel: 'online', body: 'Half of 20 is 10. A quarter of 20 is 5.', feedbackDueAt: '2026-11-23T15:15:00.000Z' });
    expect(s.files).toEqual([expect.objectContaining({ contentType: 'image/png', fileName: 'IMG_2041.HEIC' })]);
    const photo = await call(learner, 'GET', `/api/work/files/${s.files[0]!.id}`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.rawPayload.equals(pngBytes(8, 8, 120))).toBe(true);
    expect((await call(classmate, 'GET', `/api/work/files/${s.files[0]!.id}`)).statusCode).toBe(404);
  });

  it('R-WORK-5 lets a parent hand in for their child under policy 001, and refuses an empty hand-in', async () => {
    const [shapes] = ((await call(parent, 'GET', `/api/work/mine?learnerId=${family.learner.id}`)).json() as LearnerWork).due.filter((i) => i.assignment.title === 'Shape hunt');
    const empty = await upload(parent, `/api/work/assignments/${shapes!.assignment.id}/submission`, { learnerId: family.learner.id, body: '  ' });
    expect(empty.json().error.code).toBe('work.submission.empty');
    const res = await upload(parent, `/api/work/assignments/${shapes!.assignment.id}/submission`, { learnerId: family.learner.id }, [{ field: 'files', name: 'shapes.png', bytes: pngBytes() }]);
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as SubmissionDetail).submittedBy.id).toBe(family.guardian.id);
  });

  it('R-WORK-5 leaves nothing behind when an upload is refused', async () => {
    const [plant] = ((await call(learner, 'GET', '/api/work/mine')).json() as LearnerWork).due.filter((i) => i.assignment.title === 'Plant diary');
    const before = [await count('submissions'), await count('blobs')];
    const res = await upload(learner, `/api/work/assignments/${plant!.assignment.id}/submission`, { body: 'My plant grew.' }, [
      { field: 'files', name: 'a.png', bytes: pngBytes() },
      { field: 'files', name: 'b.jpg', bytes: exeBytes() },
    ]);
    expect(res.statusCode).toBe(415);
    expect([await count('submissions'), await count('blobs')]).toEqual(before);
  });

  it('R-WORK-2 lists the classes whose work each person may look at: a teacher their own, a senior leader every class', async () => {
    const names = async (s: Session) => ((await call(s, 'GET', '/api/work/classes')).json() as WorkClasses).classes.map((c) => `${c.name}${c.teaches ? ' (teaches)' : ''}`);
    expect(await names(teacher)).toEqual(['6K Maths (teaches)']);
    expect(await names(leader)).toEqual(['6K Maths', '6K Science']);
    const mathsCount = ((await call(leader, 'GET', '/api/work/classes')).json() as WorkClasses).classes.find((c) => c.name === '6K Maths')!.learners;
    expect(mathsCount).toBe(5);
    expect((await call(learner, 'GET', '/api/work/classes')).statusCode).toBe(403);
  });

  it('R-WORK-5 marks work handed in after the deadline as late, and an extension moves one learner’s deadline', async () => {
    const board = (await call(teacher, 'GET', `/api/work/classes/${ma.id}`)).json() as ClassWork;
    const tables = board.assignments.find((a) => a.title === 'Times tables practice')!;
    const ext = await call(teacher, 'POST', `/api/work/assignments/${tables.id}/extensions`, { learnerId: classmateP.id, dueDate: '2026-11-27', dueTime: '15:00', reason: 'Off sick on Tuesday' });
    expect(ext.statusCode, ext.body).toBe(200);
    moveTo('2026-11-24T16:00:00Z');
    [learner, classmate, parent, leader] = await Promise.all([
      signIn(t, family.learner.email), signIn(t, classmateP.email), signIn(t, family.guardian.email), signIn(t, leaderEmail),
    ]);
    const late = await upload(learner, `/api/work/assignments/${tables.id}/submission`, { body: '7 x 8 = 56' });
    expect((late.json() as SubmissionDetail).late).toBe(true);
    const onTime = await upload(classmate, `/api/work/assignments/${tables.id}/submission`, { body: '7 x 8 = 56, 6 x 7 = 42' });
    expect((onTime.json() as SubmissionDetail).late).toBe(false);
  });

  it('R-WORK-5 lets the teacher record work returned on paper, once', async () => {
    teacher = await signIn(t, teacherP.email);
    const board = (await call(teacher, 'GET', `/api/work/classes/${ma.id}`)).json() as ClassWork;
    const shapes = board.assignments.find((a) => a.title === 'Shape hunt')!;
    const res = await call(teacher, 'POST', `/api/work/assignments/${shapes.id}/paper-returns`, { learnerId: classmateP.id, note: 'Returned in the pack' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ channel: 'paper', late: false });
    expect((await call(teacher, 'POST', `/api/work/assignments/${shapes.id}/paper-returns`, { learnerId: classmateP.id })).json().error.code).toBe('work.submission.exists');
  });
});

describe('feedback and replies (R-WORK-6)', () => {
  it('R-WORK-6 queues hand-ins soonest feedback due first, overdue in words, and feedback takes them out', async () => {
    const queue = (await call(teacher, 'GET', '/api/work/marking')).json() as MarkingQueue;
    expect(queue.items.map((i) => i.title)).toEqual(['Fractions of amounts', 'Shape hunt', 'Times tables practice', 'Times tables practice', 'Shape hunt']);
    expect(queue.items[0]).toMatchObject({ overdue: true, reason: 'feedback', dueAt: '2026-11-23T15:15:00.000Z' });
    expect(queue.overdue).toBe(2);
    const first = queue.items[0]!;
    const res = await upload(teacher, `/api/work/submissions/${first.submissionId}/feedback`, { body: 'Good working. Check question 7 again.' });
    expect(res.statusCode, res.body).toBe(201);
    const after = (await call(teacher, 'GET', '/api/work/marking')).json() as MarkingQueue;
    expect(after.items.map((i) => i.submissionId)).not.toContain(first.submissionId);
    const { rows } = await t.db.systemPool.query(`select details from audit_events where organisation_id = $1 and action = 'work.feedback.given'`, [org.id]);
    expect(rows[0].details).toMatchObject({ requirement: 'R-WORK-6', onTime: false });
  });

  it('R-WORK-6 shows the learner the feedback; their reply goes back to the teacher’s queue', async () => {
    const mine = (await call(learner, 'GET', '/api/work/mine')).json() as LearnerWork;
    const fractions = mine.handedIn.find((i) => i.assignment.title === 'Fractions of amounts')!;
    expect(fractions).toMatchObject({ state: 'feedback_given', newFeedback: true });
    const detail = (await call(learner, 'GET', `/api/work/assignments/${fractions.assignment.id}`)).json() as AssignmentDetail;
    expect(detail.mine?.comments.map((c) => [c.kind, c.author.displayName, c.body])).toEqual([['feedback', 'Amir Khan', 'Good working. Check question 7 again.']]);
    expect(detail.can.submit).toBe(false);
    const again = await upload(learner, `/api/work/assignments/${fractions.assignment.id}/submission`, { body: 'changed' });
    expect(again.json().error.code).toBe('work.submission.marked');
    const reply = await call(learner, 'POST', `/api/work/submissions/${fractions.submissionId}/replies`, { body: 'I fixed question 7: it is 3/4.' });
    expect(reply.statusCode).toBe(201);
    expect((reply.json() as CommentView).kind).toBe('reply');
    expect((await call(parent, 'POST', `/api/work/submissions/${fractions.submissionId}/replies`, { body: 'Thanks' })).statusCode).toBe(403);
    const queue = (await call(teacher, 'GET', '/api/work/marking')).json() as MarkingQueue;
    expect(queue.items.find((i) => i.submissionId === fractions.submissionId)).toMatchObject({ reason: 'reply', dueAt: null });
    const afterReply = (await call(learner, 'GET', '/api/work/mine')).json() as LearnerWork;
    expect(afterReply.handedIn.find((i) => i.submissionId === fractions.submissionId)?.newFeedback).toBe(false);
  });
});

describe('oversight (R-WORK-2, -3, -7, -8) and paper packs (R-WORK-4)', () => {
  it('R-WORK-7 shows the teacher two written answers that are alike, with the passages', async () => {
    const board = (await call(teacher, 'GET', `/api/work/classes/${ma.id}`)).json() as ClassWork;
    const essay = await setWork(teacher, { title: 'Write about your weekend', forDate: '2026-11-24', dueDate: '2026-11-27', resources: [] });
    expect(board.assignments.length).toBeGreaterThan(0);
    const copied = 'On Saturday we went to the seaside and built a huge sandcastle with towers and a moat that filled with water when the tide came in.';
    await upload(learner, `/api/work/assignments/${essay.assignment.id}/submission`, { body: `${copied} Then we had chips.` });
    await upload(classmate, `/api/work/assignments/${essay.assignment.id}/submission`, { body: `My weekend was fun. ${copied.toLowerCase()}` });
    const view = (await call(teacher, 'GET', `/api/work/assignments/${essay.assignment.id}/similarity`)).json() as SimilarityView;
    expect(view.threshold).toBe(80);
    expect(view.pairs).toHaveLength(1);
    const pair = view.pairs[0]!;
    expect(pair.percent).toBeGreaterThanOrEqual(80);
    const marked = pair.a.passages.map((p) => pair.a.text.slice(p.start, p.end)).join(' ');
    expect(marked.toLowerCase()).toContain('built a huge sandcastle with towers');
    expect((await call(learner, 'GET', `/api/work/assignments/${essay.assignment.id}/similarity`)).statusCode).toBe(403);
  });

  it('R-WORK-2 R-WORK-3 shows the week’s balance against the timetable, bunched days and screen-free shares', async () => {
    const week = (await call(leader, 'GET', `/api/work/week?classId=${ma.id}&week=2026-11-23`)).json() as WeekView;
    expect(week.weekOf).toBe('2026-11-23');
    const maths = week.balance.find((b) => b.subject === 'Mathematics')!;
    expect(maths.expectedShare).toBeCloseTo(5 / 6);
    expect(week.bunches).toEqual([]);
    const mine = week.screenFree.find((s) => s.learner.id === family.learner.id)!;
    expect(mine.share).toBeGreaterThan(0);
    // Only the fractions work went out before 09:30 on its day; times tables and shapes (Monday 10:10) and the weekend writing (Tuesday 16:00) did not.
    expect(week.byTeacher.find((b) => b.teacher.id === teacherP.id)).toMatchObject({ subject: 'Mathematics', pieces: 4, setLate: 3, feedbackOverdue: 1 });
    expect((await call(learner, 'GET', `/api/work/week?classId=${ma.id}`)).statusCode).toBe(403);
  });

  it('R-WORK-8 refers a learner who missed three deadlines in two weeks to senior leaders, and only to them', async () => {
    moveTo('2026-11-30T08:00:00Z');
    const s = await signIn(t, (await makePerson(t.db.system, org, { roles: ['senior_leader'], site: null })).email);
    const list = (await call(s, 'GET', '/api/work/referrals')).json() as ReferralList;
    expect(list.threshold).toEqual({ missed: 3, withinDays: 14 });
    const names = list.referrals.map((r) => r.learner.id);
    expect(names).not.toContain(family.learner.id);
    expect(list.referrals.length).toBeGreaterThan(0);
    const someone = list.referrals[0]!;
    expect(someone.missed).toBeGreaterThanOrEqual(3);
    expect(someone.record.filter((r) => r.state === 'missed').length).toBeGreaterThanOrEqual(3);
    const t2 = await signIn(t, teacherP.email);
    const refused = await call(t2, 'GET', '/api/work/referrals');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('work.referrals.not_yours');
  });

  it('R-WORK-4 prints the class’s paper pack with every task for every learner', async () => {
    const t2 = await signIn(t, teacherP.email);
    learner = await signIn(t, family.learner.email);
    const res = await call(t2, 'GET', `/api/work/classes/${ma.id}/pack?week=2026-11-23`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
    const { text: flat } = await pdfText(res.rawPayload);
    for (const title of ['Fractions of amounts', 'Times tables practice', 'Shape hunt', 'Write about your weekend']) expect(flat).toContain(title);
    expect(flat).toContain('Sam Tester');
    expect(flat).toContain('Bea Able');
    expect((await call(learner, 'GET', `/api/work/classes/${ma.id}/pack`)).statusCode).toBe(403);
  });

  it('R-WORK-4 prints one pack for everyone working on paper, each learner with all their classes’ work', async () => {
    [teacher, scienceTeacher, leader, outsider] = await Promise.all([signIn(t, teacherP.email), signIn(t, scienceEmail), signIn(t, leaderEmail), signIn(t, outsiderEmail)]);
    const nobody = await call(leader, 'GET', '/api/work/paper-pack?week=2026-11-23');
    expect([nobody.statusCode, nobody.json().error.code]).toEqual([404, 'work.pack.nobody_on_paper']);
    expect((await call(teacher, 'PUT', `/api/work/learners/${family.learner.id}/paper`, { paper: true })).statusCode).toBe(204);
    const res = await call(leader, 'GET', '/api/work/paper-pack?week=2026-11-23');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain('paper-packs-2026-11-23.pdf');
    const { text } = await pdfText(res.rawPayload);
    const name = (await t.db.systemPool.query(`select given_name || ' ' || family_name as n from users where id = $1`, [family.learner.id])).rows[0].n as string;
    expect(text).toContain(name);
    for (const title of ['Fractions of amounts', 'Plant diary']) expect(text).toContain(title);
    expect(text).toContain('Rosa Franklin');
    expect(text).not.toContain('Bea Able');
    // The science teacher teaches this learner too, so may print their pack; a teacher elsewhere may not.
    expect((await call(scienceTeacher, 'GET', '/api/work/paper-pack?week=2026-11-23')).statusCode).toBe(200);
    expect([403, 404]).toContain((await call(outsider, 'GET', '/api/work/paper-pack?week=2026-11-23')).statusCode);
  });
});
