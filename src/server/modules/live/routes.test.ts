import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatLog, Invitation, LiveToday, RegisterView, RoomState, ServerMessage, SessionView } from '../../../shared/live.js';
import { signIn, startTestApp, type Session, type TestApp } from '../../testing/app.js';
import { connectLive, type LiveClient } from '../../testing/live.js';
import { makeClass, makeFamily, makeOrganisation, makePerson, makeTerm, type TestClass, type TestOrg, type TestPerson } from '../../testing/factories.js';

// Monday 23 November 2026 in London (GMT): 6K Maths is timetabled 09:00–10:00. The school runs
// seed 001 (school closure): a lobby, learners muted with cameras off, never recorded.
const BEFORE_OPENING = '2026-11-23T08:40:00Z';

let t: TestApp;
let org: TestOrg;
let teacherP: TestPerson;
let teacher: Session;
let ana: { learner: TestPerson; guardian: TestPerson };
let benP: TestPerson;
let outsiderP: TestPerson;
let ma: TestClass;
let leader: Session;

type Method = 'GET' | 'POST';
const call = (s: Session, method: Method, url: string, payload?: object) => t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
const moveTo = (instant: string) => t.clock.advance(Date.parse(instant) - t.clock.now().getTime());

const connect = (s: Session, invitation: Pick<Invitation, 'sessionId' | 'link'>, link?: string) => connectLive(t, s, invitation, link);
const refusal = (c: LiveClient) => c.next((m): m is Extract<ServerMessage, { type: 'refused' }> => m.type === 'refused');
const seat = (s: RoomState, userId: string) => s.seats.find((x) => x.userId === userId);

beforeAll(async () => {
  t = await startTestApp({ now: BEFORE_OPENING });
  const db = t.db.system;
  org = await makeOrganisation(db, { name: 'Live Primary' });
  await makeTerm(db, org, { start: '2026-09-01', end: '2026-12-18' });
  teacherP = await makePerson(db, org, { roles: ['teacher'], givenName: 'Amir', familyName: 'Khan' });
  ana = await makeFamily(db, org);
  benP = await makePerson(db, org, { roles: ['learner'], givenName: 'Ben', familyName: 'Able' });
  outsiderP = await makePerson(db, org, { roles: ['learner'] });
  ma = await makeClass(db, org, { name: '6K Maths', subject: 'Mathematics', teachers: [teacherP.id], learners: [ana.learner.id, benP.id], periods: [{ weekday: 1, start: '09:00', end: '10:00' }] });
  const leaderP = await makePerson(db, org, { roles: ['senior_leader'], site: null });
  leader = await signIn(t, leaderP.email);
  teacher = await signIn(t, teacherP.email);
  expect((await call(leader, 'POST', '/api/policy/adoption', { preset: 'school-closure', why: 'Adopted by governors in July.' })).statusCode).toBe(201);
});
afterAll(() => t?.close());

describe('opening a timetabled lesson (R-LIVE-1, -2)', () => {
  let invitation: Invitation;

  it('R-LIVE-1 cannot be opened before 15 minutes ahead of the lesson, and says when it can', async () => {
    const today = (await call(teacher, 'GET', '/api/live/today')).json() as LiveToday;
    expect(today.lessons).toMatchObject([{ classId: ma.id, className: '6K Maths', canOpen: false, why: 'This session opens at 08:45, 15 minutes before it starts.' }]);
    const res = await call(teacher, 'POST', '/api/live/lessons', { classId: ma.id, date: '2026-11-23', periodId: today.lessons[0]!.periodId });
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'live.cannot_open']);
  });

  it('R-LIVE-1 opens at its time, only by its teacher, and opening twice gives the same session', async () => {
    moveTo('2026-11-23T08:50:00Z');
    teacher = await signIn(t, teacherP.email);
    const [lesson] = ((await call(teacher, 'GET', '/api/live/today')).json() as LiveToday).lessons;
    expect(lesson).toMatchObject({ canOpen: true, why: null });
    const body = { classId: ma.id, date: '2026-11-23', periodId: lesson!.periodId };
    const learner = await signIn(t, ana.learner.email);
    expect((await call(learner, 'POST', '/api/live/lessons', body)).statusCode).toBe(403);
    const res = await call(teacher, 'POST', '/api/live/lessons', body);
    expect(res.statusCode, res.body).toBe(201);
    invitation = res.json();
    expect(invitation).toMatchObject({ role: 'host', status: 'open', title: '6K Maths (Mathematics)' });
    expect(((await call(teacher, 'POST', '/api/live/lessons', body)).json() as Invitation).sessionId).toBe(invitation.sessionId);
  });

  it('R-LIVE-2 R-LIVE-6 each learner is invited with their own link and reads the expectations before joining', async () => {
    const learner = await signIn(t, ana.learner.email);
    const [mine] = ((await call(learner, 'GET', '/api/live/today')).json() as LiveToday).invitations;
    expect(mine).toMatchObject({ sessionId: invitation.sessionId, role: 'learner', host: { displayName: 'Amir Khan' } });
    const ben = ((await call(await signIn(t, benP.email), 'GET', '/api/live/today')).json() as LiveToday).invitations[0]!;
    // Under 001 parents are invited too, and their invitation names their child.
    const parentInvitation = ((await call(await signIn(t, ana.guardian.email), 'GET', '/api/live/today')).json() as LiveToday).invitations[0]!;
    expect(parentInvitation).toMatchObject({ role: 'guardian', forLearner: { id: ana.learner.id } });
    expect(ben.link).not.toBe(mine!.link);
    const view = (await call(learner, 'GET', `/api/live/sessions/${invitation.sessionId}`)).json() as SessionView;
    expect(view.recording).toEqual({ recorded: false, retentionDays: null, complaintDays: null });
    expect(view.notices.length).toBe(3);
    expect(view.notices[0]).toMatch(/not recorded/i);
    const outsider = await signIn(t, outsiderP.email);
    expect((await call(outsider, 'GET', `/api/live/sessions/${invitation.sessionId}`)).statusCode).toBe(404);
    // And by e-mail, with the same expectations and the learner's own link.
    const mail = await t.db.systemPool.query('select subject, text_body as text from mail_outbox where to_address = $1', [ana.learner.email]);
    expect(mail.rows).toHaveLength(1);
    expect(mail.rows[0].subject).toBe('Live lesson now: 6K Maths, 09:00 to 10:00');
    expect(mail.rows[0].text).toContain(`http://localhost:3000${mine!.link}`);
    expect(mail.rows[0].text).toContain(view.notices[0]);
    expect(mail.rows[0].text).toContain('only works when you are signed in to Continuum as yourself');
  });
});

describe('the lobby and host control over the socket (R-LIVE-3, -4, -5, -6, -8)', () => {
  let invitation: Invitation;
  let host: LiveClient;
  let anaClient: LiveClient;
  let anaInvitation: Invitation;

  beforeAll(async () => {
    invitation = ((await call(teacher, 'GET', '/api/live/today')).json() as LiveToday).invitations[0]!;
    anaInvitation = ((await call(await signIn(t, ana.learner.email), 'GET', '/api/live/today')).json() as LiveToday).invitations[0]!;
  });

  it('R-LIVE-3 a link opened by someone else, or by someone not invited, does not get in', async () => {
    const ben = await connect(await signIn(t, benP.email), anaInvitation);
    expect((await refusal(ben)).code).toBe('live.link.not_yours');
    expect(await ben.closed).toBe(4403);
    const outsider = await connect(await signIn(t, outsiderP.email), anaInvitation);
    expect((await refusal(outsider)).code).toBe('live.link.not_yours');
    await expect(t.app.injectWS(`/api/live/sessions/${invitation.sessionId}/socket?link=${'x'.repeat(24)}`)).rejects.toThrow();
  });

  it('R-LIVE-4 R-LIVE-6 a learner waits; the host must show the notices before admitting anyone', async () => {
    anaClient = await connect(await signIn(t, ana.learner.email), anaInvitation);
    expect((await anaClient.state(() => true)).you.standing).toBe('waiting');
    host = await connect(teacher, invitation);
    const first = await host.state((s) => seat(s, ana.learner.id)?.standing === 'waiting');
    expect(first.noticesShown).toBe(false);
    host.send({ type: 'admit', userIds: [ana.learner.id] });
    expect((await refusal(host)).code).toBe('live.notices_first');
    host.send({ type: 'notices-shown' });
    await host.state((s) => s.noticesShown);
    host.send({ type: 'admit', userIds: [ana.learner.id] });
    const admitted = await anaClient.state((s) => s.you.standing === 'admitted');
    // Seed 001: in with microphone and camera off.
    expect([admitted.you.audio, admitted.you.video]).toEqual([false, false]);
    const notices = await t.db.systemPool.query(`select kind, count(*)::int as n from live_notices where session_id = $1 group by kind order by kind`, [invitation.sessionId]);
    expect(notices.rows).toEqual([
      { kind: 'entry', n: 6 },
      { kind: 'host', n: 3 },
    ]);
  });

  it('R-LIVE-5 only the host allows a microphone; a learner cannot allow their own', async () => {
    anaClient.send({ type: 'permit', userIds: [ana.learner.id], audio: true });
    expect((await refusal(anaClient)).code).toBe('live.not_host');
    host.send({ type: 'permit', userIds: [ana.learner.id], audio: true });
    expect((await anaClient.state((s) => s.you.audio)).you.video).toBe(false);
  });

  it('R-LIVE-5 a removed learner is told, and back through their link waits to be admitted again', async () => {
    host.send({ type: 'remove', userId: ana.learner.id });
    await anaClient.next((m): m is Extract<ServerMessage, { type: 'removed' }> => m.type === 'removed');
    anaClient.ws.terminate();
    await anaClient.closed;
    anaClient = await connect(await signIn(t, ana.learner.email), anaInvitation);
    expect((await anaClient.state(() => true)).you.standing).toBe('waiting');
  });

  it('R-LIVE-5 a locked room turns new arrivals away', async () => {
    host.send({ type: 'lock', locked: true });
    await host.state((s) => s.locked);
    const benInvitation = ((await call(await signIn(t, benP.email), 'GET', '/api/live/today')).json() as LiveToday).invitations[0]!;
    const ben = await connect(await signIn(t, benP.email), benInvitation);
    expect((await refusal(ben)).code).toBe('live.locked');
    expect(await ben.closed).toBe(4409);
  });

  it('R-LIVE-8 ending the session ends it for everyone, and the register says who attended, waited or never came', async () => {
    host.send({ type: 'admit', userIds: 'all' });
    await anaClient.state((s) => s.you.standing === 'admitted');
    moveTo('2026-11-23T09:40:00Z');
    host.send({ type: 'end' });
    await anaClient.next((m): m is Extract<ServerMessage, { type: 'ended' }> => m.type === 'ended');
    await host.closed;
    teacher = await signIn(t, teacherP.email);
    const register = (await call(teacher, 'GET', `/api/live/sessions/${invitation.sessionId}/register`)).json() as RegisterView;
    const line = (id: string) => register.lines.find((l) => l.person.id === id);
    expect(line(ana.learner.id)).toMatchObject({ role: 'learner', outcome: 'attended', minutes: 50, to: '2026-11-23T09:40:00.000Z' });
    expect(line(benP.id)).toMatchObject({ outcome: 'never_came', minutes: 0 });
    expect(line(teacherP.id)).toMatchObject({ role: 'host', outcome: 'attended' });
    expect(register.session.endedAt).toBe('2026-11-23T09:40:00.000Z');
    // Only its staff and leaders read it.
    expect((await call(await signIn(t, ana.learner.email), 'GET', `/api/live/sessions/${invitation.sessionId}/register`)).statusCode).toBe(403);
  });
});

describe('chat and checks for understanding in a lesson (R-LIVE-11, R-LIVE-14)', () => {
  let host: LiveClient;
  let anaClient: LiveClient;
  let benClient: LiveClient;
  let sessionId: string;
  let anaAdmitted: RoomState;
  const chat = (c: LiveClient) => c.next((m): m is Extract<ServerMessage, { type: 'chat' }> => m.type === 'chat');

  beforeAll(async () => {
    moveTo('2026-11-23T09:50:00Z');
    await makeClass(t.db.system, org, { name: '6K Science', subject: 'Science', teachers: [teacherP.id], learners: [ana.learner.id, benP.id], periods: [{ weekday: 1, start: '10:00', end: '11:00' }] });
    teacher = await signIn(t, teacherP.email);
    const lesson = ((await call(teacher, 'GET', '/api/live/today')).json() as LiveToday).lessons.find((l) => l.className === '6K Science')!;
    const opened = (await call(teacher, 'POST', '/api/live/lessons', { classId: lesson.classId, date: '2026-11-23', periodId: lesson.periodId })).json() as Invitation;
    sessionId = opened.sessionId;
    host = await connect(teacher, opened);
    host.send({ type: 'notices-shown' });
    await host.state((s) => s.noticesShown);
    const mine = async (p: TestPerson) => {
      const s = await signIn(t, p.email);
      return connect(s, ((await call(s, 'GET', '/api/live/today')).json() as LiveToday).invitations.find((i) => i.sessionId === sessionId)!);
    };
    anaClient = await mine(ana.learner);
    benClient = await mine(benP);
    await host.state((s) => s.seats.filter((x) => x.standing === 'waiting').length === 2);
    host.send({ type: 'admit', userIds: 'all' });
    await benClient.state((s) => s.you.standing === 'admitted');
    anaAdmitted = await anaClient.state((s) => s.you.standing === 'admitted');
  });

  it('R-LIVE-11 under 001 chat starts "to the host only": a learner’s message reaches the host and not the class', async () => {
    expect(anaAdmitted.chatMode).toBe('host_only');
    anaClient.send({ type: 'chat', text: 'Can you see my screen?', to: 'everyone' });
    expect((await refusal(anaClient)).code).toBe('live.chat.host_only');
    anaClient.send({ type: 'chat', text: 'Sorry I was late, my bus was delayed.', to: 'host' });
    const got = await chat(host);
    expect(got.message).toMatchObject({ toHost: true, text: 'Sorry I was late, my bus was delayed.', from: { userId: ana.learner.id, role: 'learner' } });
    await chat(anaClient);
    host.send({ type: 'chat', text: 'Welcome, everyone.', to: 'everyone' });
    expect((await chat(benClient)).message.text).toBe('Welcome, everyone.');
    // Ben never saw Ana's message to the host.
    expect(benClient.messages.some((m) => m.type === 'chat' && m.message.text.startsWith('Sorry'))).toBe(false);
  });

  it('R-LIVE-11 the host opens chat to everyone; classroom language is enforced and spamming is throttled', async () => {
    host.send({ type: 'chat-mode', mode: 'everyone' });
    await anaClient.state((s) => s.chatMode === 'everyone');
    anaClient.send({ type: 'chat', text: 'this is sh1t', to: 'everyone' });
    expect((await refusal(anaClient)).code).toBe('live.chat.language');
    // Five messages in any ten seconds (the clock stands still): Ana's earlier message to the host counts.
    for (let i = 1; i <= 5; i++) anaClient.send({ type: 'chat', text: `Question ${i}`, to: 'everyone' });
    const throttled = await refusal(anaClient);
    expect(throttled).toMatchObject({ code: 'live.chat.throttled' });
    expect(throttled.message).toMatch(/Wait \d+ seconds/);
    teacher = await signIn(t, teacherP.email);
    const log = (await call(teacher, 'GET', `/api/live/sessions/${sessionId}/chat`)).json() as ChatLog;
    expect(log.messages.map((m) => m.text)).toEqual(['Sorry I was late, my bus was delayed.', 'Welcome, everyone.', 'Question 1', 'Question 2', 'Question 3', 'Question 4']);
    expect((await call(await signIn(t, benP.email), 'GET', `/api/live/sessions/${sessionId}/chat`)).statusCode).toBe(403);
  });

  it('R-LIVE-14 the host puts a poll to the room; each answer is kept and the host sees the spread at once', async () => {
    host.send({ type: 'check-open', kind: 'poll', prompt: 'What is 7 × 8?', options: ['54', '56', '64'] });
    const asked = await anaClient.state((s) => s.check !== null);
    expect(asked.check).toMatchObject({ prompt: 'What is 7 × 8?', options: ['54', '56', '64'], yourAnswer: null, results: null });
    anaClient.send({ type: 'check-answer', checkId: asked.check!.id, answer: '56' });
    benClient.send({ type: 'check-answer', checkId: asked.check!.id, answer: 'banana' });
    expect((await refusal(benClient)).code).toBe('live.check.option');
    benClient.send({ type: 'check-answer', checkId: asked.check!.id, answer: '54' });
    const spread = await host.state((s) => s.check?.results?.answered === 2);
    expect(spread.check!.results).toEqual({ answered: 2, of: 2, counts: { '54': 1, '56': 1, '64': 0 } });
    expect((await anaClient.state((s) => s.check?.yourAnswer === '56')).check!.results).toBeNull();
    const kept = await t.db.systemPool.query('select learner_id, answer from live_check_answers where check_id = $1 order by answer', [asked.check!.id]);
    expect(kept.rows).toEqual([
      { learner_id: benP.id, answer: '54' },
      { learner_id: ana.learner.id, answer: '56' },
    ]);
    host.send({ type: 'check-close', checkId: asked.check!.id });
    await anaClient.state((s) => s.check === null);
  });
});
