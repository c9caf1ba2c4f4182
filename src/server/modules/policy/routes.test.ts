import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeView, PolicySentenceView, PolicyView, VersionSummary } from '../../../shared/policy-contract.js';
import { signIn, startTestApp, type Session, type TestApp } from '../../testing/app.js';
import { makeOrganisation, makePerson, type TestOrg, type TestPerson } from '../../testing/factories.js';
import type { PolicyDocument } from './document.js';
import { policyInForce } from './history.js';

let t: TestApp;
let org: TestOrg;
let other: TestOrg;
let leaderPerson: TestPerson;
let leader: Session;
let teacher: Session;
let teacherAtSite2: Session;
let learner: Session;
let governor: Session;
let governorPerson: TestPerson;
let otherLeader: Session;

// Monday 7 September 2026, 09:00 in London: the start of the school year.
beforeAll(async () => {
  t = await startTestApp({ now: '2026-09-07T08:00:00Z' });
  const db = t.db.system;
  org = await makeOrganisation(db, { sites: 2, name: 'Policy Academy' });
  other = await makeOrganisation(db, { sites: 1, name: 'Elsewhere School' });
  leaderPerson = await makePerson(db, org, { roles: ['senior_leader'], site: null, givenName: 'Grace', familyName: 'Hopper' });
  leader = await signIn(t, leaderPerson.email);
  teacher = await signIn(t, (await makePerson(db, org, { roles: ['teacher'], site: org.siteIds[0] })).email);
  teacherAtSite2 = await signIn(t, (await makePerson(db, org, { roles: ['teacher'], site: org.siteIds[1] })).email);
  learner = await signIn(t, (await makePerson(db, org, { roles: ['learner'], site: org.siteIds[0] })).email);
  governorPerson = await makePerson(db, org, { roles: ['governor'], site: null });
  governor = await signIn(t, governorPerson.email);
  otherLeader = await signIn(t, (await makePerson(db, other, { roles: ['senior_leader'], site: null })).email);
});
afterAll(() => t.close());

const call = (s: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });

async function auditOf(action: string): Promise<{ actor_id: string; subject_id: string; details: Record<string, unknown> }[]> {
  const { rows } = await t.db.systemPool.query('select actor_id, subject_id, details from audit_events where organisation_id = $1 and action = $2 order by id', [org.id, action]);
  return rows;
}
const versionCount = async () => Number((await t.db.systemPool.query('select count(*) from policy_versions where organisation_id = $1', [org.id])).rows[0].count);
const current = async (s: Session = leader) => (await call(s, 'GET', '/api/policy')).json() as PolicyView;
const documentOf = async () => structuredClone((await current()).document as PolicyDocument);
const sentenceAt = (view: { sections: { sentences: PolicySentenceView[] }[] }, path: (string | number)[]) =>
  view.sections.flatMap((s) => s.sentences).find((s) => JSON.stringify(s.path) === JSON.stringify(path));

describe('adopting a preset (R-POL-1)', () => {
  it('R-POL-1 says there is no policy yet, to anyone in the organisation', async () => {
    const res = await call(learner, 'GET', '/api/policy');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('policy.none');
  });

  it('R-POL-1 offers the five presets to choose from', async () => {
    const res = await call(leader, 'GET', '/api/policy/presets');
    expect(res.json().presets.map((p: { id: string }) => p.id)).toEqual([
      'further-education-lockdown',
      'school-closure',
      'blended-school-bubbles',
      'blended-training-provider',
      'special-school-case-by-case',
    ]);
  });

  it('R-POL-1 refuses adoption to a teacher (403) and without a why (400), writing nothing', async () => {
    expect((await call(teacher, 'POST', '/api/policy/adoption', { preset: 'blended-school-bubbles', why: 'Start of year' })).statusCode).toBe(403);
    const noWhy = await call(leader, 'POST', '/api/policy/adoption', { preset: 'blended-school-bubbles', why: '  ' });
    expect(noWhy.statusCode).toBe(400);
    expect(noWhy.json().error).toMatchObject({ code: 'policy.invalid', details: [{ path: ['why'], code: 'policy.why.missing' }] });
    expect(await versionCount()).toBe(0);
  });

  it('R-POL-1 a senior leader adopts a preset as version 1, and the adoption is audited', async () => {
    const res = await call(leader, 'POST', '/api/policy/adoption', { preset: 'blended-school-bubbles', why: 'Adopted by the leadership team for the new school year.' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ version: 1, kind: 'adopted', by: { id: leaderPerson.id, name: 'Grace Hopper' }, why: 'Adopted by the leadership team for the new school year.' });
    const [entry] = await auditOf('policy.adopted');
    expect(entry).toMatchObject({ actor_id: leaderPerson.id, subject_id: '1', details: { version: 1, preset: 'blended-school-bubbles' } });
  });

  it('R-POL-1 refuses a second adoption (409): the policy is edited from then on', async () => {
    const res = await call(leader, 'POST', '/api/policy/adoption', { preset: 'school-closure', why: 'Again' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('policy.already_adopted');
  });
});

describe('reading the policy (R-POL-1, R-POL-3)', () => {
  it('R-POL-3 a learner reads the policy as prose, each sentence with the seed line it comes from, and cannot edit', async () => {
    const view = await current(learner);
    expect(view).toMatchObject({ name: 'Blended learning policy', preset: { id: 'blended-school-bubbles', seed: '002' }, can: { edit: false, review: false }, editor: null, document: null });
    const cutOff = sentenceAt(view, ['sections', 'staffHours', 'notExpectedAfter'])!;
    expect(cutOff.text).toBe('No one is expected to read or answer messages after 15:30.');
    expect(cutOff.origin).toMatchObject({ kind: 'seed', preset: { id: 'blended-school-bubbles' }, seed: '002', line: 93, seedFile: expect.stringMatching(/^docs\/seeds\/002_.*\.txt$/) });
    if (cutOff.origin.kind !== 'seed') throw new Error('seed origin expected');
    expect(cutOff.origin.lineText).toContain('no expectation for colleagues to read or respond to emails after 3.30pm');
    const zone = sentenceAt(view, ['sections', 'calendar', 'timeZone'])!;
    expect(zone.origin).toMatchObject({ kind: 'default', reason: expect.stringContaining('the seed is silent') });
  });

  it('R-POL-1 gives a senior leader the document and an editor for every section', async () => {
    const view = await current();
    expect(view.can).toEqual({ edit: true, review: true });
    expect(view.editor!.map((s) => s.key)).toEqual(['organisation', 'calendar', 'staffHours', 'communication', 'work', 'live', 'review']);
    const cutOff = view.editor!.flatMap((s) => s.items).find((i) => i.path.join('.') === 'sections.staffHours.notExpectedAfter');
    expect(cutOff).toMatchObject({ list: false, control: { type: 'optional', control: { type: 'time' } } });
  });

  it('keeps another organisation’s policy out of reach: its leader finds none', async () => {
    const res = await call(otherLeader, 'GET', '/api/policy');
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('Blended learning policy');
  });
});

describe('editing the policy (R-POL-1)', () => {
  it('R-POL-1 an edit becomes version 2, the changed value a local decision with who, when and why; audited', async () => {
    const doc = await documentOf();
    doc.sections.staffHours.notExpectedAfter.value = '16:00';
    const res = await call(leader, 'POST', '/api/policy/versions', { basedOn: 1, document: doc, why: 'Parents’ evening feedback: replies until 4pm.' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ version: 2, kind: 'edited', by: { name: 'Grace Hopper' } });
    const after = (await current()).document as PolicyDocument;
    expect(after.sections.staffHours.notExpectedAfter).toEqual({
      value: '16:00',
      source: { kind: 'local', by: 'Grace Hopper', at: '2026-09-07T08:00:00.000Z', why: 'Parents’ evening feedback: replies until 4pm.' },
    });
    // Values nobody changed keep the seed line they came from.
    expect(after.sections.staffHours.teachers.source).toMatchObject({ kind: 'seed', line: 93 });
    const [entry] = await auditOf('policy.edited');
    expect(entry!.details).toMatchObject({ version: 2, basedOn: 1, why: 'Parents’ evening feedback: replies until 4pm.', changes: [{ path: ['sections', 'staffHours', 'notExpectedAfter'], before: '15:30', after: '16:00' }] });
  });

  it('R-POL-1 refuses an edit that breaks the policy, each problem at its place, and writes nothing', async () => {
    const before = await versionCount();
    const doc = await documentOf();
    doc.sections.calendar.schoolDay.value = { start: '15:00', end: '09:00' };
    (doc.sections.communication as Record<string, unknown>).carrierPigeons = { value: true };
    const res = await call(leader, 'POST', '/api/policy/versions', { basedOn: 2, document: doc, why: '' });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('policy.invalid');
    expect(error.details.map((d: { path: unknown[] }) => d.path.join('.'))).toEqual(
      expect.arrayContaining(['why', 'document.sections.communication', 'document.sections.calendar.schoolDay.value.end']),
    );
    expect(error.details.find((d: { path: unknown[] }) => d.path.join('.') === 'document.sections.calendar.schoolDay.value.end').message).toBe(
      'The school day ends at 09:00, which is not after it starts (15:00).',
    );
    expect(await versionCount()).toBe(before);
    expect(await auditOf('policy.edited')).toHaveLength(1);
  });

  it('R-POL-1 refuses a citation of a seed line that does not say what is quoted', async () => {
    const doc = await documentOf();
    doc.sections.staffHours.partTimeOnlyOnWorkingDays.source = { kind: 'seed', seed: '002', line: 10, quote: 'staff may ring pupils at midnight' };
    const res = await call(leader, 'POST', '/api/policy/versions', { basedOn: 2, document: doc, why: 'Cite it differently' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ code: 'policy.citation.not_found', path: ['document', 'sections', 'staffHours', 'partTimeOnlyOnWorkingDays', 'source', 'quote'] })]);
  });

  it('R-POL-1 refuses an edit made from an old version (409), so no change is overwritten unseen', async () => {
    const doc = await documentOf();
    doc.name = 'Old copy';
    const res = await call(leader, 'POST', '/api/policy/versions', { basedOn: 1, document: doc, why: 'From an old tab' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('policy.version.stale');
  });

  it('R-POL-1 refuses an edit that changes nothing', async () => {
    const res = await call(leader, 'POST', '/api/policy/versions', { basedOn: 2, document: await documentOf(), why: 'No change' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].code).toBe('policy.unchanged');
  });

  it('R-POL-1 refuses editing to teachers, learners and governors (403)', async () => {
    const doc = await documentOf();
    for (const s of [teacher, learner, governor]) {
      expect((await call(s, 'POST', '/api/policy/versions', { basedOn: 2, document: doc, why: 'Mine now' })).statusCode).toBe(403);
    }
  });

  it('R-POL-1 a new channel the editor adds without a source is recorded as a local decision', async () => {
    const doc = await documentOf();
    (doc.sections.communication.learnerChannels as unknown[]).push({ value: 'phone' });
    const res = await call(leader, 'POST', '/api/policy/versions', { basedOn: 2, document: doc, why: 'Tutors phone isolating pupils.' });
    expect(res.statusCode).toBe(201);
    const after = (await current()).document as PolicyDocument;
    expect(after.sections.communication.learnerChannels.map((c) => [c.value, c.source.kind])).toEqual([
      ['platform', 'seed'],
      ['email', 'seed'],
      ['video', 'seed'],
      ['phone', 'local'],
    ]);
  });
});

describe('versions and comparison (R-POL-1)', () => {
  it('R-POL-1 lists every version newest first with who, when and why', async () => {
    const res = await call(learner, 'GET', '/api/policy/versions');
    expect(res.json().versions.map((v: VersionSummary) => [v.version, v.kind])).toEqual([
      [3, 'edited'],
      [2, 'edited'],
      [1, 'adopted'],
    ]);
  });

  it('R-POL-1 shows a past version as it read then', async () => {
    const res = await call(leader, 'GET', '/api/policy/versions/1');
    expect(sentenceAt(res.json(), ['sections', 'staffHours', 'notExpectedAfter'])!.text).toContain('after 15:30');
    expect((await call(leader, 'GET', '/api/policy/versions/99')).json().error.code).toBe('policy.version.not_found');
  });

  it('R-POL-1 compares two versions: what changed, old → new, in words', async () => {
    const res = await call(leader, 'GET', '/api/policy/compare?from=1&to=3');
    expect(res.statusCode).toBe(200);
    const changes: ChangeView[] = res.json().changes;
    expect(changes.map((c) => [c.label, c.what, c.beforeText, c.afterText])).toEqual([
      ['Staff hours — no messages expected after', 'value', '15:30', '16:00'],
      ['Communication — channels with learners (item 4)', 'added', null, 'School or work phone'],
    ]);
  });

  it('refuses a comparison that is not of two version numbers (400)', async () => {
    const res = await call(leader, 'GET', '/api/policy/compare?from=one&to=3');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('request.invalid');
  });
});

describe('site overrides (R-POL-1)', () => {
  const earlyDay = { sections: { calendar: { schoolDay: { value: { start: '08:30', end: '15:00' } } } } };

  it('R-POL-1 a site sets its own school day as a new version; its view marks it, the rest is the organisation’s', async () => {
    const res = await call(leader, 'PUT', `/api/policy/sites/${org.siteIds[1]}/override`, { basedOn: 3, override: earlyDay, why: 'Site 2 buses arrive at 08:20.' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 4, kind: 'site_override', site: { id: org.siteIds[1] } });
    const site = (await call(teacherAtSite2, 'GET', `/api/policy/sites/${org.siteIds[1]}`)).json();
    expect(site.overridden).toEqual([['sections', 'calendar', 'schoolDay']]);
    const day = sentenceAt(site, ['sections', 'calendar', 'schoolDay'])!;
    expect(day).toMatchObject({ overridden: true, text: expect.stringContaining('08:30 to 15:00'), origin: { kind: 'local', why: 'Site 2 buses arrive at 08:20.' } });
    expect(sentenceAt(site, ['sections', 'calendar', 'timeZone'])!.overridden).toBe(false);
    const inForce = await t.db.withTenant(org.id, async (tx) => [await policyInForce(tx, org.id, org.siteIds[1]), await policyInForce(tx, org.id, org.siteIds[0])]);
    expect(inForce.map((p) => p!.document.sections.calendar.schoolDay.value)).toEqual([
      { start: '08:30', end: '15:00' },
      { start: '08:45', end: '15:15' },
    ]);
    expect((await current()).overrides).toEqual([{ site: { id: org.siteIds[1], name: expect.any(String) }, paths: [['sections', 'calendar', 'schoolDay']] }]);
    expect(await auditOf('policy.site_override')).toHaveLength(1);
  });

  it('R-POL-1 refuses a site override that breaks the policy, located in the override', async () => {
    const res = await call(leader, 'PUT', `/api/policy/sites/${org.siteIds[0]}/override`, {
      basedOn: 4,
      override: { sections: { calendar: { schoolDay: { value: { start: '15:00', end: '08:00' } } } } },
      why: 'Typo',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toEqual(['override', 'sections', 'calendar', 'schoolDay', 'value', 'end']);
    expect(await versionCount()).toBe(4);
  });

  it('R-POL-1 refuses an organisation edit that would break a site’s own values, naming the site', async () => {
    const site = await call(leader, 'PUT', `/api/policy/sites/${org.siteIds[1]}/override`, {
      basedOn: 4,
      override: { sections: { ...earlyDay.sections, staffHours: { teachers: { value: { kind: 'fixed', start: '09:00', end: '15:00' } } } } },
      why: 'Site 2 teachers keep fixed hours.',
    });
    expect(site.statusCode).toBe(200);
    const doc = await documentOf();
    doc.sections.staffHours.notExpectedAfter.value = '08:30';
    const res = await call(leader, 'POST', '/api/policy/versions', { basedOn: 5, document: doc, why: 'Earlier cut-off' });
    expect(res.statusCode).toBe(400);
    const [problem] = res.json().error.details;
    expect(problem.path).toEqual(['siteOverrides', org.siteIds[1], 'sections', 'staffHours', 'notExpectedAfter', 'value']);
    expect(problem.message).toMatch(/^At Site 2 .*: No one is expected after 08:30/);
  });

  it('R-POL-1 compares sites’ own values too', async () => {
    const res = await call(leader, 'GET', '/api/policy/compare?from=3&to=5');
    expect(res.json().changes).toEqual([]);
    expect(res.json().sites[0].changes.map((c: ChangeView) => [c.label, c.what, c.afterText])).toEqual([
      ['Calendar — school day', 'added', '08:30–15:00'],
      ["Staff hours — teachers' hours", 'added', 'Fixed hours: from 09:00, until 15:00'],
    ]);
  });

  it('hides another site’s policy from a teacher of one site (404), and another organisation’s site from its leader (404)', async () => {
    expect((await call(teacher, 'GET', `/api/policy/sites/${org.siteIds[1]}`)).statusCode).toBe(404);
    expect((await call(teacher, 'GET', `/api/policy/sites/${org.siteIds[0]}`)).statusCode).toBe(200);
    const res = await call(otherLeader, 'PUT', `/api/policy/sites/${org.siteIds[1]}/override`, { basedOn: 5, override: earlyDay, why: 'Not mine' });
    expect(res.statusCode).toBe(404);
    expect(await versionCount()).toBe(5);
  });
});

describe('review reminders (R-POL-2)', () => {
  it('R-POL-2 the governors’ annual review is due a year after adoption; senior leaders and governors are reminded, teachers not', async () => {
    const status = (await call(leader, 'GET', '/api/policy/review')).json();
    expect(status).toMatchObject({ due: '2027-09-07', state: 'ok', remindFrom: '2027-08-08', cycle: 'governors-annual', reviewers: ['governor'], bubbleIsolating: false, remind: true });
    expect((await call(governor, 'GET', '/api/policy/review')).json().remind).toBe(true);
    expect((await call(teacher, 'GET', '/api/policy/review')).json().remind).toBe(false);
  });

  /** Moves the clock on to `instant`; sessions end over such a gap, so sign in again. */
  async function travelTo(instant: string) {
    t.clock.advance(Date.parse(instant) - t.clock.now().getTime());
    leader = await signIn(t, leaderPerson.email);
    governor = await signIn(t, governorPerson.email);
  }

  it('R-POL-2 is due soon from 30 days before, and overdue after', async () => {
    await travelTo('2027-08-07T22:00:00Z');
    expect((await call(leader, 'GET', '/api/policy/review')).json().state).toBe('ok');
    await travelTo('2027-08-07T23:30:00Z');
    expect((await call(leader, 'GET', '/api/policy/review')).json().state).toBe('due_soon');
    await travelTo('2027-09-08T08:00:00Z');
    expect((await call(leader, 'GET', '/api/policy/review')).json().state).toBe('overdue');
  });

  it('R-POL-2 a governor records the annual review; the next is due a year later and the policy is unchanged', async () => {
    const wrongCycle = await call(governor, 'POST', '/api/policy/reviews', { basedOn: 5, cycle: 'leadership-fortnightly', why: 'Not ours' });
    expect(wrongCycle.statusCode).toBe(403);
    expect(wrongCycle.json().error.code).toBe('policy.review.not_reviewer');
    const res = await call(governor, 'POST', '/api/policy/reviews', { basedOn: 5, cycle: 'governors-annual', why: 'Reviewed and approved at the full governing body meeting.' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ version: 6, kind: 'reviewed', reviewCycle: 'governors-annual' });
    expect((await call(leader, 'GET', '/api/policy/review')).json()).toMatchObject({ state: 'ok', due: '2028-09-08', lastReviewedOn: '2027-09-08' });
    expect((await call(leader, 'GET', '/api/policy/compare?from=5&to=6')).json()).toMatchObject({ changes: [], sites: [] });
    expect(await auditOf('policy.reviewed')).toHaveLength(1);
  });
});
