import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../../shared/audit.js';
import type { ChatLog, Invitation, LiveToday, RegisterView, ServerMessage } from '../../../shared/live.js';
import { signIn, startTestApp, type Session, type TestApp } from '../../testing/app.js';
import { makeClass, makeOrganisation, makePerson, makeTerm, type TestClass, type TestOrg, type TestPerson } from '../../testing/factories.js';
import { connectLive, type LiveClient } from '../../testing/live.js';

// Seed 002 (blended school with bubbles): Year 8 pupils (key stage 3: an hour at most, the host
// warned five minutes before), chat open to everyone and kept 30 days after a session, and an
// adult with the pupil in any 1-1. Monday 23 November 2026: 8X English is timetabled 09:00–10:30.

let t: TestApp;
let org: TestOrg;
let teacherP: TestPerson;
let miaP: TestPerson;
let noahP: TestPerson;
let english: TestClass;
let leader: Session;
let leaderP: TestPerson;
let invitation: Invitation;
let host: LiveClient;

const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: s.headers });
const post = (s: Session, url: string, payload?: object) => t.app.inject({ method: 'POST', url, headers: s.headers, ...(payload ? { payload } : {}) });
const moveTo = (instant: string) => t.clock.advance(Date.parse(instant) - t.clock.now().getTime());
const chat = (c: LiveClient) => c.next((m): m is Extract<ServerMessage, { type: 'chat' }> => m.type === 'chat');

async function joinAndAdmit(learnerP: TestPerson): Promise<LiveClient> {
  const learner = await signIn(t, learnerP.email);
  const mine = ((await get(learner, '/api/live/today')).json() as LiveToday).invitations.find((i) => i.sessionId === invitation.sessionId)!;
  const client = await connectLive(t, learner, mine);
  await host.state((s) => s.seats.some((x) => x.userId === learnerP.id && x.standing === 'waiting'));
  host.send({ type: 'admit', userIds: [learnerP.id] });
  await client.state((s) => s.you.standing === 'admitted');
  return client;
}

beforeAll(async () => {
  t = await startTestApp({ now: '2026-11-23T08:50:00Z' });
  const db = t.db.system;
  org = await makeOrganisation(db, { name: 'Bubbles Academy' });
  await makeTerm(db, org, { start: '2026-09-01', end: '2026-12-18' });
  teacherP = await makePerson(db, org, { roles: ['teacher'], givenName: 'Tess', familyName: 'Teacher' });
  miaP = await makePerson(db, org, { roles: ['learner'], givenName: 'Mia', familyName: 'Early' });
  noahP = await makePerson(db, org, { roles: ['learner'], givenName: 'Noah', familyName: 'Late' });
  await t.db.systemPool.query(`update users set birth_date = '2013-05-01' where id = any($1)`, [[miaP.id, noahP.id]]);
  english = await makeClass(db, org, { name: '8X English', subject: 'English', teachers: [teacherP.id], learners: [miaP.id, noahP.id], periods: [{ weekday: 1, start: '09:00', end: '10:30' }] });
  leaderP = await makePerson(db, org, { roles: ['senior_leader'], site: null });
  leader = await signIn(t, leaderP.email);
  expect((await post(leader, '/api/policy/adoption', { preset: 'blended-school-bubbles', why: 'Adopted by governors in September.' })).statusCode).toBe(201);
});
afterAll(() => t?.close());

describe('an adult with the pupil in a 1-1 (seed 002)', () => {
  it('R-LIVE-10 tells the host a check is needed, and that it was made', async () => {
    const teacher = await signIn(t, teacherP.email);
    const booked = await post(teacher, '/api/live/one-to-ones', { learnerId: miaP.id, purpose: 'catch_up', date: '2026-11-23', start: '09:00', end: '09:20', hostLocation: 'home_centre', loneWorkingConcern: false });
    expect(booked.statusCode, booked.body).toBe(201);
    const session = booked.json() as Invitation;
    expect((await post(teacher, `/api/live/sessions/${session.sessionId}/open`)).statusCode).toBe(204);
    const client = await connectLive(t, teacher, session);
    expect((await client.state(() => true)).adultCheck).toBe('needed');
    client.send({ type: 'adult-confirmed' });
    await client.state((s) => s.adultCheck === 'confirmed');
  });
});

describe('a lesson that runs over, and its chat (R-LIVE-9, R-LIVE-11)', () => {
  it('R-LIVE-11 gives a pupil let in late the chat said before they came', async () => {
    const teacher = await signIn(t, teacherP.email);
    const [lesson] = ((await get(teacher, '/api/live/today')).json() as LiveToday).lessons;
    const opened = await post(teacher, '/api/live/lessons', { classId: english.id, date: '2026-11-23', periodId: lesson!.periodId });
    expect(opened.statusCode, opened.body).toBe(201);
    invitation = opened.json();
    host = await connectLive(t, teacher, invitation);
    host.send({ type: 'notices-shown' });
    const first = await host.state((s) => s.noticesShown);
    expect(first).toMatchObject({ overranAt: null, adultCheck: 'not_needed' });
    await joinAndAdmit(miaP);
    host.send({ type: 'chat', text: 'Open your books at page 12, please.', to: 'everyone' });
    await chat(host);
    const noah = await joinAndAdmit(noahP);
    expect((await chat(noah)).message).toMatchObject({ text: 'Open your books at page 12, please.', from: { displayName: 'Tess Teacher' } });
  });

  it('R-LIVE-9 flags the lesson the moment it runs past an hour, on the host’s page and in the register', async () => {
    moveTo('2026-11-23T09:59:00Z');
    await t.jobs.drain();
    expect(host.messages.some((m) => m.type === 'state' && m.overranAt !== null)).toBe(false);
    moveTo('2026-11-23T10:00:30Z');
    await t.jobs.drain();
    const flagged = await host.state((s) => s.overranAt !== null);
    expect(flagged.overranAt).toBe('2026-11-23T10:00:00.000Z');
    const register = (await get(await signIn(t, teacherP.email), `/api/live/sessions/${invitation.sessionId}/register`)).json() as RegisterView;
    expect(register.session).toMatchObject({ overran: true, overranAt: '2026-11-23T10:00:00.000Z' });
    // The audit log says the platform flagged it, by name, not an unknown person.
    const audit = (await get(await signIn(t, leaderP.email), `/api/audit?action=live.overran&subjectId=${invitation.sessionId}`)).json() as AuditPage;
    expect(audit.entries).toMatchObject([{ actor: { displayName: 'Continuum (the platform itself)' }, details: { requirement: 'R-LIVE-9' } }]);
  });

  it('R-LIVE-11 keeps the chat log 30 days after the lesson, then a job deletes it', async () => {
    moveTo('2026-11-23T10:05:00Z');
    host.send({ type: 'end' });
    await host.next((m): m is Extract<ServerMessage, { type: 'ended' }> => m.type === 'ended');
    const teacher = await signIn(t, teacherP.email);
    const log = (await get(teacher, `/api/live/sessions/${invitation.sessionId}/chat`)).json() as ChatLog;
    // Ended Monday 23 November: kept to the end of Wednesday 23 December, London time.
    expect(log).toMatchObject({ messages: [{ text: 'Open your books at page 12, please.' }], deleteAfter: '2026-12-24T00:00:00.000Z', deletedAt: null });
    moveTo('2026-12-23T23:00:00Z');
    await t.jobs.drain();
    expect(((await get(await signIn(t, teacherP.email), `/api/live/sessions/${invitation.sessionId}/chat`)).json() as ChatLog).messages).toHaveLength(1);
    moveTo('2026-12-24T00:30:00Z');
    await t.jobs.drain();
    const after = (await get(await signIn(t, teacherP.email), `/api/live/sessions/${invitation.sessionId}/chat`)).json() as ChatLog;
    expect(after).toMatchObject({ messages: [], deletedAt: '2026-12-24T00:30:00.000Z' });
    const rows = await t.db.systemPool.query('select count(*)::int as n from live_chat_messages where session_id = $1', [invitation.sessionId]);
    expect(rows.rows[0].n).toBe(0);
    const audit = await t.db.systemPool.query(`select details from audit_events where action = 'live.chat.deleted' and subject_id = $1`, [invitation.sessionId]);
    expect(audit.rows).toMatchObject([{ details: { requirement: 'R-LIVE-11', messages: 1 } }]);
  });
});
