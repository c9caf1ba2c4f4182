import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invitation, LearnerLiveRecord, LiveToday, RecordingList, ServerMessage } from '../../../shared/live.js';
import { signIn, startTestApp, type Session, type TestApp } from '../../testing/app.js';
import { makeApprenticeship, makeOrganisation, makePerson, makeTerm, type TestOrg, type TestPerson } from '../../testing/factories.js';
import { cameraFor, connectLive, type LiveClient } from '../../testing/live.js';

// Seed 000 (Juniper Training): apprenticeship 1-1s are recorded, and the recording is "stored in
// the apprentice's Smart Assessor account": here, copied into the apprentice's record, where they
// and the staff who support them can watch it after the session's own copy is deleted at 21 days.
// Tuesday 24 November 2026, 10:00 in London.

let t: TestApp;
let org: TestOrg;
let assessorP: TestPerson;
let apprenticeP: TestPerson;
let otherLearnerP: TestPerson;
let managerP: TestPerson;

const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: s.headers });
const post = (s: Session, url: string, payload?: object) => t.app.inject({ method: 'POST', url, headers: s.headers, ...(payload ? { payload } : {}) });
const moveTo = (instant: string) => t.clock.advance(Date.parse(instant) - t.clock.now().getTime());
const ended = (c: LiveClient) => c.next((m): m is Extract<ServerMessage, { type: 'ended' }> => m.type === 'ended');
const WEBM = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);

beforeAll(async () => {
  t = await startTestApp({ now: '2026-11-24T10:00:00Z' });
  const db = t.db.system;
  org = await makeOrganisation(db, { name: 'Juniper Training', kind: 'training_provider' });
  await makeTerm(db, org, { start: '2026-09-01', end: '2026-12-18' });
  assessorP = await makePerson(db, org, { roles: ['assessor'], givenName: 'Asha', familyName: 'Assessor' });
  apprenticeP = (await makeApprenticeship(db, org, { givenName: 'Ari', familyName: 'Apprentice' })).apprentice;
  otherLearnerP = await makePerson(db, org, { roles: ['learner'], givenName: 'Lee', familyName: 'Learner' });
  managerP = await makePerson(db, org, { roles: ['senior_leader'], site: null });
  const manager = await signIn(t, managerP.email);
  expect((await post(manager, '/api/policy/adoption', { preset: 'further-education-lockdown', why: 'Our lockdown policy.' })).statusCode).toBe(201);
});
afterAll(() => t?.close());

/** A 1-1 booked, opened, held with the host's camera publishing for a couple of seconds, and ended. */
async function holdOneToOne(learnerP: TestPerson, start: string, end: string): Promise<Invitation> {
  const host = await signIn(t, assessorP.email);
  const booked = await post(host, '/api/live/one-to-ones', { learnerId: learnerP.id, purpose: 'review', date: '2026-11-24', start, end, hostLocation: 'home_centre', loneWorkingConcern: false });
  expect(booked.statusCode, booked.body).toBe(201);
  const invitation = booked.json() as Invitation;
  expect((await post(host, `/api/live/sessions/${invitation.sessionId}/open`)).statusCode).toBe(204);
  const hostClient = await connectLive(t, host, invitation);
  const camera = cameraFor(hostClient);
  hostClient.send({ type: 'notices-shown' });
  await hostClient.state((s) => s.noticesShown && s.you.standing === 'admitted');
  const learner = await signIn(t, learnerP.email);
  const mine = ((await get(learner, '/api/live/today')).json() as LiveToday).invitations.find((i) => i.sessionId === invitation.sessionId)!;
  const learnerClient = await connectLive(t, learner, mine);
  await hostClient.state((s) => s.seats.some((x) => x.userId === learnerP.id && x.standing === 'waiting'));
  hostClient.send({ type: 'admit', userIds: [learnerP.id] });
  await learnerClient.state((s) => s.you.standing === 'admitted');
  await camera.publish(['audio', 'camera']);
  await new Promise((r) => setTimeout(r, 2500));
  hostClient.send({ type: 'end' });
  await ended(learnerClient);
  await camera.close();
  for (let i = 0; i < 100; i++) {
    const { rows } = await t.db.systemPool.query('select 1 from live_recordings where session_id = $1', [invitation.sessionId]);
    if (rows.length > 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return invitation;
}

describe('an apprentice’s 1-1 recording in their record (R-LIVE-10, seed 000)', () => {
  let apprenticeSession: Invitation;
  let copyId: string;

  it('R-LIVE-10 copies an apprentice’s 1-1 recording into their record, which they and their assessor can watch', async () => {
    apprenticeSession = await holdOneToOne(apprenticeP, '10:05', '10:35');
    const apprentice = await signIn(t, apprenticeP.email);
    const own = (await get(apprentice, `/api/live/learners/${apprenticeP.id}/record`)).json() as LearnerLiveRecord;
    expect(own).toMatchObject({
      learner: { displayName: 'Ari Apprentice' },
      oneToOnes: [{ sessionId: apprenticeSession.sessionId, title: 'Review 1-1 with Ari Apprentice', status: 'ended', host: 'Asha Assessor' }],
      recordings: [{ sessionId: apprenticeSession.sessionId, title: 'Review 1-1 with Ari Apprentice' }],
      meetings: null,
    });
    copyId = own.recordings[0]!.id;
    const file = await get(apprentice, `/api/live/record-recordings/${copyId}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toMatch(/^video\/webm/);
    expect(file.rawPayload.subarray(0, 4)).toEqual(WEBM);

    const assessor = await signIn(t, assessorP.email);
    const asStaff = (await get(assessor, `/api/live/learners/${apprenticeP.id}/record`)).json() as LearnerLiveRecord;
    expect(asStaff.recordings.map((r) => r.id)).toEqual([copyId]);
    expect(asStaff.meetings).toEqual([]);
    expect((await get(assessor, `/api/live/record-recordings/${copyId}`)).statusCode).toBe(200);
    const audit = await t.db.systemPool.query(`select actor_id from audit_events where action = 'live.record.recording_viewed' and subject_id = $1 order by at`, [copyId]);
    expect(audit.rows.map((r: { actor_id: string }) => r.actor_id)).toEqual([apprenticeP.id, assessorP.id]);
  });

  it('R-LIVE-10 keeps another learner out of the apprentice’s record and its recording', async () => {
    const other = await signIn(t, otherLearnerP.email);
    expect((await get(other, `/api/live/learners/${apprenticeP.id}/record`)).statusCode).toBe(404);
    expect((await get(other, `/api/live/record-recordings/${copyId}`)).statusCode).toBe(404);
  });

  it('R-LIVE-10 does not copy a learner’s 1-1 who is not an apprentice', async () => {
    moveTo('2026-11-24T10:30:00Z');
    const session = await holdOneToOne(otherLearnerP, '10:40', '11:10');
    const assessor = await signIn(t, assessorP.email);
    const record = (await get(assessor, `/api/live/learners/${otherLearnerP.id}/record`)).json() as LearnerLiveRecord;
    expect(record.oneToOnes.map((o) => o.sessionId)).toEqual([session.sessionId]);
    expect(record.recordings).toEqual([]);
  });

  it('R-LIVE-7 deletes the session’s recording at 21 days; the copy in the apprentice’s record stays', async () => {
    moveTo('2026-12-16T09:00:00Z');
    await t.jobs.drain();
    const manager = await signIn(t, managerP.email);
    const list = (await get(manager, `/api/live/sessions/${apprenticeSession.sessionId}/recordings`)).json() as RecordingList;
    expect(list.recordings).toMatchObject([{ deleted: true }]);
    const apprentice = await signIn(t, apprenticeP.email);
    const file = await get(apprentice, `/api/live/record-recordings/${copyId}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 4)).toEqual(WEBM);
  });
});
