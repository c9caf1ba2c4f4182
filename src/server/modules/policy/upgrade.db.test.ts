import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison, PolicyView, VersionDetail, VersionList } from '../../../shared/policy-contract.js';
import { signIn, startTestApp, type Session, type TestApp } from '../../testing/app.js';
import { makeOrganisation, makePerson, type TestOrg } from '../../testing/factories.js';
import type { PolicyDocument } from './document.js';
import { presetById } from './presets/presets.js';
import { PLATFORM_AUTHOR, upgradeStoredPolicies } from './upgrade.js';

let t: TestApp;
let org: TestOrg;
let untouched: TestOrg;
let leader: Session;
let leaderEmail: string;

const call = (s: Session, url: string, payload?: object) =>
  t.app.inject({ method: payload ? 'POST' : 'GET', url, headers: s.headers, ...(payload ? { payload } : {}) });

/** A policy stored before the platform enforced remote work and live sessions: its latest document has neither section. */
async function storeWithoutNewSections(o: TestOrg): Promise<void> {
  await t.db.systemPool.query(`update policy_versions set document = document #- '{sections,work}' #- '{sections,live}' where organisation_id = $1`, [o.id]);
}

beforeAll(async () => {
  t = await startTestApp({ now: '2026-09-07T08:00:00Z' });
  org = await makeOrganisation(t.db.system, { name: 'Older Policy School' });
  untouched = await makeOrganisation(t.db.system, { name: 'Up To Date School' });
  leaderEmail = (await makePerson(t.db.system, org, { roles: ['senior_leader'], site: null })).email;
  leader = await signIn(t, leaderEmail);
  const other = await signIn(t, (await makePerson(t.db.system, untouched, { roles: ['senior_leader'], site: null })).email);
  for (const s of [leader, other]) {
    expect((await call(s, '/api/policy/adoption', { preset: 'school-closure', why: 'Adopted by the governors in July.' })).statusCode).toBe(201);
  }
  await storeWithoutNewSections(org);
});
afterAll(() => t.close());

describe('a policy stored before a section existed (R-POL-1)', () => {
  it('R-POL-1 gains the section from its own preset, as a new version by Continuum saying why', async () => {
    t.clock.advance(Date.parse('2026-11-23T07:00:00Z') - t.clock.now().getTime());
    leader = await signIn(t, leaderEmail); // two months on, a new sign-in
    const upgraded = await upgradeStoredPolicies(t.db, t.clock);
    expect(upgraded).toEqual([{ organisationId: org.id, version: 2, added: ['work', 'live'], values: [] }]);

    const res = await call(leader, '/api/policy');
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as PolicyView;
    expect(view.version.version).toBe(2);
    expect((view.document as PolicyDocument).sections.work).toEqual(presetById('school-closure').document.sections.work);
    expect((view.document as PolicyDocument).sections.live).toEqual(presetById('school-closure').document.sections.live);
    const setBy = view.sections.find((s) => s.key === 'work')?.sentences.find((s) => s.path.join('.') === 'sections.work.setBy');
    expect(setBy?.sourceLabel).toBe('Seed 001, line 52: “Learning should be set daily (before 9:30am)”');

    const list = (await call(leader, '/api/policy/versions')).json() as VersionList;
    expect(list.versions[0]).toMatchObject({ version: 2, kind: 'upgraded', by: { id: PLATFORM_AUTHOR.id, name: PLATFORM_AUTHOR.name } });
    expect(list.versions[0]!.why).toMatch(/^Continuum now enforces “Remote work”, “Live lessons and 1-1 sessions”\. They were added as written in the “School: .*” preset/u);
  });

  it('R-POL-1 shows the earlier version as it was, without the section, and the upgrade as added values', async () => {
    const first = (await call(leader, '/api/policy/versions/1')).json() as VersionDetail;
    expect(first.sections.map((s) => s.key)).toEqual(['organisation', 'calendar', 'staffHours', 'communication', 'review']);
    const compare = (await call(leader, '/api/policy/compare?from=1&to=2')).json() as Comparison;
    const added = compare.changes.filter((c) => c.what === 'added').map((c) => c.path.join('.'));
    expect(added).toContain('sections.work.setBy');
    expect(added).toContain('sections.work.feedbackDue');
    expect(added).toContain('sections.live.recording');
    expect(compare.changes.every((c) => c.path[1] === 'work' || c.path[1] === 'live')).toBe(true);
  });

  it('R-POL-1 is audited as the platform’s change, and running again writes nothing', async () => {
    const { rows } = await t.db.systemPool.query(`select actor_id, details from audit_events where organisation_id = $1 and action = 'policy.upgraded'`, [org.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].actor_id).toBe(PLATFORM_AUTHOR.id);
    expect(await upgradeStoredPolicies(t.db, t.clock)).toEqual([]);
    const counts = await t.db.systemPool.query('select organisation_id, count(*)::int as n from policy_versions where organisation_id = any($1) group by 1', [[org.id, untouched.id]]);
    expect(Object.fromEntries(counts.rows.map((r: { organisation_id: string; n: number }) => [r.organisation_id, r.n]))).toEqual({ [org.id]: 2, [untouched.id]: 1 });
  });

  it('R-POL-1 lets the senior leader edit the added section like any other', async () => {
    const view = (await call(leader, '/api/policy')).json() as PolicyView;
    const doc = structuredClone(view.document as PolicyDocument);
    doc.sections.work.setBy.value = '09:00';
    const res = await t.app.inject({ method: 'POST', url: '/api/policy/versions', headers: leader.headers, payload: { basedOn: 2, document: doc, why: 'Work by nine, as agreed with staff.' } });
    expect(res.statusCode).toBe(201);
  });

  it('R-POL-1 gains a value added to a section it already has, from its preset, saying which', async () => {
    await t.db.systemPool.query(`update policy_versions set document = document #- '{sections,live,chatRetentionDays}' where organisation_id = $1 and version = 3`, [org.id]);
    const upgraded = await upgradeStoredPolicies(t.db, t.clock);
    expect(upgraded).toEqual([{ organisationId: org.id, version: 4, added: [], values: [{ section: 'live', key: 'chatRetentionDays' }] }]);
    const view = (await call(leader, '/api/policy')).json() as PolicyView;
    const doc = view.document as PolicyDocument;
    expect(doc.sections.live.chatRetentionDays).toEqual(presetById('school-closure').document.sections.live.chatRetentionDays);
    expect(doc.sections.work.setBy.value).toBe('09:00');
    const list = (await call(leader, '/api/policy/versions')).json() as VersionList;
    expect(list.versions[0]!.why).toMatch(/^Continuum now enforces “Live lessons and 1-1 sessions: Days the chat log is kept after a session”\. It was added/u);
    const compare = (await call(leader, '/api/policy/compare?from=3&to=4')).json() as Comparison;
    expect(compare.changes.map((c) => [c.path.join('.'), c.what])).toEqual([['sections.live.chatRetentionDays', 'added']]);
  });
});
