import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invitation, LearnerLiveRecord, LiveToday, PendingAuthorisations, ServerMessage, SessionOverview, SessionView } from '../../../shared/live.js';
import { signIn, startTestApp, type Session, type TestApp } from '../../testing/app.js';
import { makeFamily, makeOrganisation, makePerson, makeTerm, type TestOrg, type TestPerson } from '../../testing/factories.js';
import { connectLive } from '../../testing/live.js';

// Seed 000 (Juniper Training): a 1-1 from home needs a senior manager's recorded authorisation;
// where lone working with the learner is a concern, a second member of staff must join before it
// starts; 1-1s are always recorded. Tuesday 24 November 2026, 10:00 in London.

let t: TestApp;
let org: TestOrg;
let tutorP: TestPerson;
let secondP: TestPerson;
let learnerP: TestPerson;
let managerP: TestPerson;
let tutor: Session;

const post = (s: Session, url: string, payload?: object) => t.app.inject({ method: 'POST', url, headers: s.headers, ...(payload ? { payload } : {}) });
const refusal = (c: Awaited<ReturnType<typeof connectLive>>) => c.next((m): m is Extract<ServerMessage, { type: 'refused' }> => m.type === 'refused');

beforeAll(async () => {
  t = await startTestApp({ now: '2026-11-24T10:00:00Z' });
  const db = t.db.system;
  org = await makeOrganisation(db, { name: 'Juniper Training', kind: 'training_provider' });
  await makeTerm(db, org, { start: '2026-09-01', end: '2026-12-18' });
  tutorP = await makePerson(db, org, { roles: ['teacher'], givenName: 'Tariq', familyName: 'Tutor' });
  secondP = await makePerson(db, org, { roles: ['teacher'] });
  learnerP = await makePerson(db, org, { roles: ['learner'], givenName: 'Lee', familyName: 'Learner' });
  managerP = await makePerson(db, org, { roles: ['senior_leader'], site: null });
  const manager = await signIn(t, managerP.email);
  expect((await post(manager, '/api/policy/adoption', { preset: 'further-education-lockdown', why: 'Our lockdown policy.' })).statusCode).toBe(201);
  tutor = await signIn(t, tutorP.email);
});
afterAll(() => t?.close());

describe('1-1 sessions under seed 000 (R-LIVE-10)', () => {
  let booked: Invitation;

  it('R-LIVE-10 a tutor books a 1-1 from home; it is recorded, and cannot open without a senior manager’s authorisation', async () => {
    const res = await post(tutor, '/api/live/one-to-ones', { learnerId: learnerP.id, purpose: 'review', date: '2026-11-24', start: '10:10', end: '10:40', hostLocation: 'home', loneWorkingConcern: true, secondStaffId: secondP.id });
    expect(res.statusCode, res.body).toBe(201);
    booked = res.json();
    expect(booked).toMatchObject({ kind: 'one_to_one', status: 'booked', title: 'Review 1-1 with Lee Learner' });
    const view = (await t.app.inject({ method: 'GET', url: `/api/live/sessions/${booked.sessionId}`, headers: (await signIn(t, learnerP.email)).headers })).json() as SessionView;
    expect(view.recording).toMatchObject({ recorded: true, retentionDays: 21 });
    const refused = await post(tutor, `/api/live/sessions/${booked.sessionId}/open`);
    expect([refused.statusCode, refused.json().error.message]).toEqual([409, 'A 1-1 from home needs a senior manager’s recorded authorisation under this policy.']);
    // A teacher cannot authorise it; the centre manager can, and it is recorded in the audit log.
    expect((await post(tutor, `/api/live/sessions/${booked.sessionId}/authorisation`)).statusCode).toBe(403);
    expect(booked.authorisation).toBe('waiting');
    const manager = await signIn(t, managerP.email);
    const pending = (await t.app.inject({ method: 'GET', url: '/api/live/authorisations', headers: manager.headers })).json() as PendingAuthorisations;
    expect(pending.oneToOnes).toMatchObject([{ sessionId: booked.sessionId, host: { displayName: 'Tariq Tutor' }, hostLocation: 'home', loneWorkingConcern: true }]);
    expect((await t.app.inject({ method: 'GET', url: '/api/live/authorisations', headers: tutor.headers })).statusCode).toBe(403);
    expect((await post(manager, `/api/live/sessions/${booked.sessionId}/authorisation`)).statusCode).toBe(204);
    expect(((await t.app.inject({ method: 'GET', url: '/api/live/authorisations', headers: manager.headers })).json() as PendingAuthorisations).oneToOnes).toEqual([]);
    const hostView = ((await t.app.inject({ method: 'GET', url: '/api/live/today', headers: tutor.headers })).json() as LiveToday).invitations.find((i) => i.sessionId === booked.sessionId);
    expect(hostView?.authorisation).toBe('given');
    const audit = await t.db.systemPool.query(`select count(*)::int as n from audit_events where action = 'live.one_to_one.authorised' and actor_id = $1`, [managerP.id]);
    expect(audit.rows[0].n).toBe(1);
    expect((await post(tutor, `/api/live/sessions/${booked.sessionId}/open`)).statusCode).toBe(204);
  });

  it('R-LIVE-10 with lone working a concern, the learner is let in only once a second member of staff has joined', async () => {
    const host = await connectLive(t, tutor, booked);
    host.send({ type: 'notices-shown' });
    await host.state((s) => s.noticesShown);
    const learner = await signIn(t, learnerP.email);
    const mine = ((await t.app.inject({ method: 'GET', url: '/api/live/today', headers: learner.headers })).json() as LiveToday).invitations[0]!;
    expect(mine).toMatchObject({ sessionId: booked.sessionId, status: 'open', role: 'learner' });
    const learnerClient = await connectLive(t, learner, mine);
    await host.state((s) => s.seats.some((x) => x.userId === learnerP.id && x.standing === 'waiting'));
    host.send({ type: 'admit', userIds: [learnerP.id] });
    expect((await refusal(host)).message).toBe('Lone working with this learner is a concern, so this 1-1 can start only once a second member of staff has joined.');
    const second = await signIn(t, secondP.email);
    const secondInvitation = ((await t.app.inject({ method: 'GET', url: '/api/live/today', headers: second.headers })).json() as LiveToday).invitations[0]!;
    await connectLive(t, second, secondInvitation);
    await host.state((s) => s.seats.some((x) => x.userId === secondP.id && x.standing === 'admitted' && x.connected));
    host.send({ type: 'admit', userIds: [learnerP.id] });
    await learnerClient.state((s) => s.you.standing === 'admitted');
  });
});

describe('meetings with a family (R-LIVE-13)', () => {
  it('R-LIVE-13 the family waits in the lobby like anyone, and the views of the child and the family are kept with the learner', async () => {
    const family = await makeFamily(t.db.system, org);
    tutor = await signIn(t, tutorP.email);
    const res = await post(tutor, '/api/live/family-meetings', { learnerId: family.learner.id, title: 'Reintegration meeting', date: '2026-11-24', start: '10:10', end: '10:50' });
    expect(res.statusCode, res.body).toBe(201);
    const meeting = res.json() as Invitation;
    expect((await post(tutor, `/api/live/sessions/${meeting.sessionId}/open`)).statusCode).toBe(204);
    const host = await connectLive(t, tutor, meeting);
    host.send({ type: 'notices-shown' });
    await host.state((s) => s.noticesShown);
    const parent = await signIn(t, family.guardian.email);
    const invitation = ((await t.app.inject({ method: 'GET', url: '/api/live/today', headers: parent.headers })).json() as LiveToday).invitations[0]!;
    expect(invitation).toMatchObject({ kind: 'family_meeting', role: 'guardian', title: 'Reintegration meeting' });
    const parentClient = await connectLive(t, parent, invitation);
    expect((await parentClient.state(() => true)).you.standing).toBe('waiting');
    host.send({ type: 'admit', userIds: 'all' });
    await parentClient.state((s) => s.you.standing === 'admitted');
    const views = { childViews: 'I want to come back on Mondays first, and sit near the door.', familyViews: 'We would like a weekly call with the form tutor for the first month.' };
    const viewsUrl = `/api/live/sessions/${meeting.sessionId}/views`;
    expect((await t.app.inject({ method: 'GET', url: viewsUrl, headers: tutor.headers })).json()).toBeNull();
    expect((await t.app.inject({ method: 'PUT', url: viewsUrl, headers: tutor.headers, payload: { ...views, childViews: 'Mondays.' } })).statusCode).toBe(204);
    // Written again (corrected): the host finds what was kept, and the second version replaces the first.
    expect((await t.app.inject({ method: 'GET', url: viewsUrl, headers: tutor.headers })).json()).toMatchObject({ childViews: 'Mondays.', recordedBy: 'Tariq Tutor' });
    expect((await t.app.inject({ method: 'PUT', url: viewsUrl, headers: tutor.headers, payload: views })).statusCode).toBe(204);
    // Staff who were not in the meeting are not told what was said there.
    const other = await signIn(t, (await makePerson(t.db.system, org, { roles: ['teacher'] })).email);
    expect((await t.app.inject({ method: 'GET', url: viewsUrl, headers: other.headers })).statusCode).toBe(403);
    const record = (await t.app.inject({ method: 'GET', url: `/api/live/learners/${family.learner.id}/record`, headers: tutor.headers })).json() as LearnerLiveRecord;
    expect(record.meetings).toMatchObject([{ title: 'Reintegration meeting', views: { ...views, recordedBy: 'Tariq Tutor' } }]);
    expect((await t.app.inject({ method: 'GET', url: `/api/live/learners/${family.learner.id}/record`, headers: parent.headers })).statusCode).toBe(403);
    // The learner reads their own record, without what staff wrote about the meeting.
    const own = (await t.app.inject({ method: 'GET', url: `/api/live/learners/${family.learner.id}/record`, headers: (await signIn(t, family.learner.email)).headers })).json() as LearnerLiveRecord;
    expect(own).toMatchObject({ learner: { id: family.learner.id }, meetings: null });
  });

  it('R-LIVE-8 a colleague invited to the meeting reads its register and chat, and finds it among the sessions to look back on', async () => {
    const family = await makeFamily(t.db.system, org);
    const colleagueP = await makePerson(t.db.system, org, { roles: ['teacher'] });
    tutor = await signIn(t, tutorP.email);
    const res = await post(tutor, '/api/live/family-meetings', { learnerId: family.learner.id, title: 'Reintegration follow-up', date: '2026-11-24', start: '10:05', end: '10:45', otherStaffIds: [colleagueP.id] });
    expect(res.statusCode, res.body).toBe(201);
    const meeting = res.json() as Invitation;
    t.clock.advance(10 * 60_000); // it has started: the list looks back from now
    const colleague = await signIn(t, colleagueP.email);
    const read = (s: Session, what: string) => t.app.inject({ method: 'GET', url: `/api/live/sessions/${meeting.sessionId}/${what}`, headers: s.headers });
    expect((await read(colleague, 'register')).statusCode).toBe(200);
    expect((await read(colleague, 'chat')).statusCode).toBe(200);
    expect(((await t.app.inject({ method: 'GET', url: '/api/live/sessions', headers: colleague.headers })).json() as SessionOverview).sessions).toMatchObject([{ id: meeting.sessionId, canReadRegister: true }]);
    // A teacher of the same school who was not invited reads neither.
    const outsider = await signIn(t, (await makePerson(t.db.system, org, { roles: ['teacher'] })).email);
    expect((await read(outsider, 'register')).statusCode).toBe(404);
    expect((await read(outsider, 'chat')).statusCode).toBe(404);
  });
});
