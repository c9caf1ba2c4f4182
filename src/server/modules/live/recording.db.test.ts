import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invitation, LiveToday, RecordingList, ServerMessage, SessionOverview } from '../../../shared/live.js';
import { signIn, startTestApp, type Session, type TestApp } from '../../testing/app.js';
import { makeClass, makeOrganisation, makePerson, makeTerm, type TestClass, type TestOrg, type TestPerson } from '../../testing/factories.js';
import { cameraFor, connectLive, type LiveClient } from '../../testing/live.js';

// Seed 000 (further-education lockdown): every session is recorded from admission to the end,
// kept 21 days and then deleted; learners may complain within 20 days; the centre manager and the
// safeguarding lead may watch. Monday 23 November 2026, a lesson 09:00–10:00 in London (GMT).

let t: TestApp;
let org: TestOrg;
let tutorP: TestPerson;
let learnerP: TestPerson;
let managerP: TestPerson;
let group: TestClass;
let tutor: Session;

const call = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: s.headers });
const moveTo = (instant: string) => t.clock.advance(Date.parse(instant) - t.clock.now().getTime());
const ended = (c: LiveClient) => c.next((m): m is Extract<ServerMessage, { type: 'ended' }> => m.type === 'ended');

beforeAll(async () => {
  t = await startTestApp({ now: '2026-11-23T08:55:00Z' });
  const db = t.db.system;
  org = await makeOrganisation(db, { name: 'Juniper Training', kind: 'training_provider' });
  await makeTerm(db, org, { start: '2026-09-01', end: '2026-12-18' });
  tutorP = await makePerson(db, org, { roles: ['teacher'], givenName: 'Tariq', familyName: 'Tutor' });
  learnerP = await makePerson(db, org, { roles: ['learner'] });
  managerP = await makePerson(db, org, { roles: ['senior_leader'], site: null });
  group = await makeClass(db, org, { name: 'Business L3', subject: 'Business', teachers: [tutorP.id], learners: [learnerP.id], periods: [{ weekday: 1, start: '09:00', end: '10:00' }] });
  const manager = await signIn(t, managerP.email);
  const adopt = await t.app.inject({ method: 'POST', url: '/api/policy/adoption', headers: manager.headers, payload: { preset: 'further-education-lockdown', why: 'Our lockdown policy.' } });
  expect(adopt.statusCode, adopt.body).toBe(201);
  tutor = await signIn(t, tutorP.email);
});
afterAll(() => t?.close());

describe('recording under a policy that records everything (R-LIVE-7)', () => {
  let invitation: Invitation;

  it('R-LIVE-7 records from admission to the end without anyone starting it, and keeps it with its dates', async () => {
    const [lesson] = ((await call(tutor, '/api/live/today')).json() as LiveToday).lessons;
    const opened = await t.app.inject({ method: 'POST', url: '/api/live/lessons', headers: tutor.headers, payload: { classId: group.id, date: '2026-11-23', periodId: lesson!.periodId } });
    expect(opened.statusCode, opened.body).toBe(201);
    invitation = opened.json();
    const host = await connectLive(t, tutor, invitation);
    // The tutor's media: a werift peer publishing Opus and VP8, as a browser would, through our socket.
    const camera = cameraFor(host);
    host.send({ type: 'notices-shown' });
    await host.state((s) => s.noticesShown && s.you.standing === 'admitted');
    // Before anything is saved the manager's list says the session is recorded (its files are on
    // their way); the tutor, whom the policy does not name, is told of no recordings at all.
    const early = await call(await signIn(t, managerP.email), `/api/live/sessions/${invitation.sessionId}/recordings`);
    expect(early.json()).toMatchObject({ session: { title: 'Business L3 (Business)' }, recorded: true, recordings: [] });
    expect((await call(tutor, `/api/live/sessions/${invitation.sessionId}/recordings`)).statusCode).toBe(404);
    const learner = await signIn(t, learnerP.email);
    const learnerInvitation = ((await call(learner, '/api/live/today')).json() as LiveToday).invitations[0]!;
    const learnerClient = await connectLive(t, learner, learnerInvitation);
    await host.state((s) => s.seats.some((x) => x.userId === learnerP.id && x.standing === 'waiting'));
    host.send({ type: 'admit', userIds: 'all' });
    await learnerClient.state((s) => s.you.standing === 'admitted');
    await camera.publish(['audio', 'camera']);
    await new Promise((r) => setTimeout(r, 2500));
    moveTo('2026-11-23T09:50:00Z');
    host.send({ type: 'end' });
    await ended(learnerClient);
    await camera.close();
    // The media room closes and its file is kept once both sockets have gone.
    let rows: { delete_after: Date; complaint_window_ends_at: Date; blob_id: string | null }[] = [];
    for (let i = 0; i < 100 && rows.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      rows = (await t.db.systemPool.query('select delete_after, complaint_window_ends_at, blob_id from live_recordings where session_id = $1', [invitation.sessionId])).rows;
    }
    expect(rows).toHaveLength(1);
    // Ended Monday 23 November: complaints until the end of Sunday 13 December (20 days), deleted at the end of Monday 14 December (21).
    expect(rows[0]!.complaint_window_ends_at.toISOString()).toBe('2026-12-14T00:00:00.000Z');
    expect(rows[0]!.delete_after.toISOString()).toBe('2026-12-15T00:00:00.000Z');
    expect(rows[0]!.blob_id).not.toBeNull();
  });

  it('R-LIVE-7 is watched by those the policy names, each viewing audited; the tutor and the learner cannot', async () => {
    const manager = await signIn(t, managerP.email);
    const list = (await call(manager, `/api/live/sessions/${invitation.sessionId}/recordings`)).json() as RecordingList;
    expect(list).toMatchObject({ recorded: true, recordings: [{ deleted: false, deleteAfter: '2026-12-15T00:00:00.000Z', publisher: { id: tutorP.id, displayName: 'Tariq Tutor' } }] });
    const file = await call(manager, `/api/live/recordings/${list.recordings[0]!.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toMatch(/^video\/webm/);
    expect(file.rawPayload.subarray(0, 4)).toEqual(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]));
    const audit = await t.db.systemPool.query(`select count(*)::int as n from audit_events where action = 'live.recording.viewed' and actor_id = $1`, [managerP.id]);
    expect(audit.rows[0].n).toBe(1);
    tutor = await signIn(t, tutorP.email);
    expect((await call(tutor, `/api/live/recordings/${list.recordings[0]!.id}`)).statusCode).toBe(404);
    expect((await call(await signIn(t, learnerP.email), `/api/live/recordings/${list.recordings[0]!.id}`)).statusCode).toBe(403);
  });

  it('R-LIVE-7 lists the session for those who may look back on it: its register for the tutor, its recording for the safeguarding lead', async () => {
    const dslP = await makePerson(t.db.system, org, { roles: ['dsl'] });
    const dsl = await signIn(t, dslP.email);
    const forDsl = (await call(dsl, '/api/live/sessions')).json() as SessionOverview;
    expect(forDsl.sessions).toMatchObject([{ id: invitation.sessionId, title: 'Business L3 (Business)', host: { displayName: 'Tariq Tutor' }, canReadRegister: false, recordingsToWatch: 1 }]);
    expect((await call(dsl, `/api/live/sessions/${invitation.sessionId}/register`)).statusCode).toBe(403);
    tutor = await signIn(t, tutorP.email);
    expect(((await call(tutor, '/api/live/sessions')).json() as SessionOverview).sessions).toMatchObject([{ id: invitation.sessionId, canReadRegister: true, recordingsToWatch: 0 }]);
    expect(((await call(await signIn(t, managerP.email), '/api/live/sessions')).json() as SessionOverview).sessions).toMatchObject([{ canReadRegister: true, recordingsToWatch: 1 }]);
    expect((await call(await signIn(t, learnerP.email), '/api/live/sessions')).statusCode).toBe(403);
  });

  it('R-LIVE-7 is deleted by a job when its retention ends, and is gone after that', async () => {
    moveTo('2026-12-14T23:00:00Z');
    await t.jobs.drain();
    const before = await t.db.systemPool.query('select deleted_at from live_recordings where session_id = $1', [invitation.sessionId]);
    expect(before.rows[0].deleted_at).toBeNull();
    moveTo('2026-12-15T00:30:00Z');
    // The recording's deletion, and the chat log's (kept 21 days too under this policy).
    expect(await t.jobs.drain()).toMatchObject({ completed: 2, failed: 0 });
    const after = await t.db.systemPool.query('select deleted_at, blob_id from live_recordings where session_id = $1', [invitation.sessionId]);
    expect(after.rows[0]).toMatchObject({ blob_id: null });
    expect(after.rows[0].deleted_at).not.toBeNull();
    expect((await t.db.systemPool.query('select count(*)::int as n from blobs where organisation_id = $1', [org.id])).rows[0].n).toBe(0);
    const manager = await signIn(t, managerP.email);
    const list = (await call(manager, `/api/live/sessions/${invitation.sessionId}/recordings`)).json() as RecordingList;
    expect(list.recordings).toMatchObject([{ deleted: true }]);
    expect((await call(manager, `/api/live/recordings/${list.recordings[0]!.id}`)).statusCode).toBe(410);
  });
});
