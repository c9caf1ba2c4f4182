import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/shared/identity.js';
import { PERMISSION_TABLES } from '../../src/server/app.js';
import type { PermissionTable } from '../../src/server/platform/authz.js';
import { signIn, startTestApp, type Session, type TestApp } from '../../src/server/testing/app.js';
import { multipartBody, pngBytes } from '../../src/server/testing/uploads.js';
import { createTestDatabase, type TestDatabase } from '../../src/server/testing/database.js';
import {
  makeApprenticeship,
  makeClass,
  makeFamily,
  makeOrganisation,
  makePerson,
  type TestOrg,
  type TestPerson,
} from '../../src/server/testing/factories.js';

/**
 * The cross-tenant matrix (issue 3, part 4): every role signs in and calls every route against
 * records of another organisation, another site and another family, and must get 403 or 404 and
 * none of that record's data. Routes are read from the live route table, so a new route is in the
 * matrix the day it is added; a route whose path parameter has no fixture below fails the test.
 */

/** Roles that hold only at their own site (the others are organisation-wide). */
const SITE_SCOPED: ReadonlySet<Role> = new Set(['learner', 'guardian', 'teacher', 'teaching_assistant', 'subject_lead', 'senco', 'dsl', 'assessor']);
/** Roles whose access to a learner is by relationship (their own family / apprentice) only. */
const RELATIONSHIP_SCOPED: ReadonlySet<Role> = new Set(['learner', 'guardian', 'employer']);

interface Fixture {
  actors: Map<Role, TestPerson>;
  /** A person record of another organisation, another site and another family. */
  otherOrg: TestPerson;
  otherSite: TestPerson;
  otherFamily: TestPerson;
  /** Classes of the other organisation, of the other site, and of the other family's child at the actors' site. */
  classes: Record<'otherOrg' | 'otherSite' | 'otherFamily', string>;
  /** Sites, terms and closures of the other organisation and the other site (a family has none of its own: the actors' site). */
  sites: Record<'otherOrg' | 'otherSite' | 'otherFamily', string>;
  terms: Record<'otherOrg' | 'otherSite' | 'otherFamily', string>;
  closures: Record<'otherOrg' | 'otherSite' | 'otherFamily', string>;
  bubbles: Record<'otherOrg' | 'otherSite' | 'otherFamily', string>;
  /** Everything of the other organisation that must never appear in a response. */
  foreignMarkers: string[];
  /** A roster import of the other organisation (imports belong to an organisation, not a site). */
  rosterImport: string;
  /** Work set in each other class, the other learner's hand-in of it, and the photo they handed in. */
  assignments: Record<Kind, string>;
  submissions: Record<Kind, string>;
  blobs: Record<Kind, string>;
  /** A live lesson of each other class, with the other learner invited, and that learner's personal link. */
  liveSessions: Record<Kind, string>;
  liveLinks: Record<Kind, string>;
  liveRecordings: Record<Kind, string>;
  liveRecordCopies: Record<Kind, string>;
}

type Kind = 'otherOrg' | 'otherSite' | 'otherFamily';
/** A body for a request: JSON, or a multipart upload (sent as a browser would, with a real photo). */
type Body = object | undefined | { multipart: Record<string, string>; files?: { field: string; name: string }[] };
const photo = [{ field: 'file', name: 'photo.png' }];

/** For each path parameter: which record of each kind to put in it. Extend as modules add routes. */
const RECORDS: Record<string, (f: Fixture, kind: 'otherOrg' | 'otherSite' | 'otherFamily') => string> = {
  personId: (f, kind) => f[kind].id,
  classId: (f, kind) => f.classes[kind],
  learnerId: (f, kind) => f[kind].id,
  siteId: (f, kind) => f.sites[kind],
  termId: (f, kind) => f.terms[kind],
  closureId: (f, kind) => f.closures[kind],
  bubbleId: (f, kind) => f.bubbles[kind],
  importId: (f) => f.rosterImport,
  // Policy versions are numbered within the caller's organisation, and Matrix Academy has adopted
  // no policy: no version number names one of its own.
  version: () => '1',
  assignmentId: (f, kind) => f.assignments[kind],
  submissionId: (f, kind) => f.submissions[kind],
  blobId: (f, kind) => f.blobs[kind],
  sessionId: (f, kind) => f.liveSessions[kind],
  recordingId: (f, kind) => f.liveRecordings[kind],
  copyId: (f, kind) => f.liveRecordCopies[kind],
};

/** Valid bodies for state-changing routes with path parameters, so validation is not what refuses them. */
const BODIES: Record<string, Body | ((f: Fixture, kind: Kind) => Body)> = {
  'PUT /api/organisation/sites/:siteId/hours': { timeZone: 'Europe/London', workingDays: [1, 2, 3, 4, 5], dayStart: '08:45', dayEnd: '15:15' },
  'POST /api/organisation/sites/:siteId/terms': { name: 'Matrix term', startDate: '2031-01-06', endDate: '2031-03-28' },
  'PUT /api/organisation/terms/:termId': { name: 'Matrix term', startDate: '2031-01-06', endDate: '2031-03-28' },
  'DELETE /api/organisation/terms/:termId': undefined,
  'POST /api/organisation/sites/:siteId/closures': { startDate: '2031-02-10', endDate: '2031-02-14', reason: 'Matrix closure' },
  'DELETE /api/organisation/closures/:closureId': undefined,
  'PUT /api/organisation/classes/:classId': { name: 'Renamed', subject: 'Art', kind: 'scheduled', cohortId: null },
  'POST /api/organisation/classes/:classId/end': undefined,
  'PUT /api/organisation/classes/:classId/staff': { staff: [] },
  'POST /api/organisation/classes/:classId/enrolments': { learnerIds: ['00000000-0000-4000-8000-000000000000'] },
  'POST /api/organisation/classes/:classId/enrolments/:learnerId/end': {},
  'PUT /api/organisation/classes/:classId/periods': { periods: [] },
  'PUT /api/organisation/bubbles/:bubbleId/classes': { classIds: [] },
  'PUT /api/learners/:learnerId/guardians': { guardianIds: [] },
  'PUT /api/learners/:learnerId/employers': { employerIds: [] },
  'DELETE /api/organisation/bubbles/:bubbleId': undefined,
  'PUT /api/organisation/staff/:personId/hours': { days: [{ weekday: 1, start: '09:15', end: '15:15' }] },
  'POST /api/roster-imports/:importId/apply': {},
  'POST /api/roster-imports/:importId/discard': {},
  'PUT /api/policy/sites/:siteId/override': { basedOn: 1, override: { sections: {} }, why: 'Matrix override' },
  'POST /api/work/assignments/:assignmentId/resources': { multipart: { kind: 'file', title: 'Matrix sheet' }, files: photo },
  'POST /api/work/assignments/:assignmentId/submission': (f, kind) => ({ multipart: { body: 'Matrix answer', ownWork: 'yes', learnerId: f[kind].id }, files: [{ field: 'files', name: 'photo.png' }] }),
  'POST /api/work/assignments/:assignmentId/paper-returns': (f, kind) => ({ learnerId: f[kind].id, note: 'Matrix paper' }),
  'POST /api/work/assignments/:assignmentId/extensions': (f, kind) => ({ learnerId: f[kind].id, dueDate: '2031-01-10', dueTime: '15:00', reason: 'Matrix extension' }),
  'POST /api/work/submissions/:submissionId/feedback': { multipart: { body: 'Matrix feedback' }, files: photo },
  'POST /api/work/submissions/:submissionId/replies': { body: 'Matrix reply' },
  'PUT /api/work/learners/:learnerId/paper': { paper: true },
  'POST /api/live/sessions/:sessionId/authorisation': undefined,
  'POST /api/live/sessions/:sessionId/open': undefined,
  'PUT /api/live/sessions/:sessionId/views': { childViews: 'Matrix child', familyViews: 'Matrix family' },
};

/**
 * Routes whose record is named in the body or query rather than the path: each is called with
 * the other organisation's, site's and family's record in it, like a route with a path parameter.
 */
const NAMED_IN_REQUEST: Record<string, (f: Fixture, kind: Kind) => { query?: string; body?: Body }> = {
  'POST /api/work/assignments': (f, kind) => ({ body: matrixWork(f.classes[kind]) }),
  'POST /api/work/assignments/check': (f, kind) => ({ body: matrixWork(f.classes[kind]) }),
  'GET /api/work/week': (f, kind) => ({ query: `?classId=${f.classes[kind]}` }),
  'GET /api/work/mine': (f, kind) => ({ query: `?learnerId=${f[kind].id}` }),
  'GET /api/work/assignments/:assignmentId': (f, kind) => ({ query: `?learnerId=${f[kind].id}` }),
  // The other learner's own personal link: it must not let anyone else in (R-LIVE-3).
  'GET /api/live/sessions/:sessionId/socket': (f, kind) => ({ query: `?link=${f.liveLinks[kind]}` }),
  'POST /api/live/family-meetings': (f, kind) => ({ body: { learnerId: f[kind].id, title: 'Matrix review', date: '2030-11-04', start: '10:00', end: '10:30' } }),
  'POST /api/live/one-to-ones': (f, kind) => ({ body: { learnerId: f[kind].id, purpose: 'review', date: '2030-11-04', start: '10:00', end: '10:30', hostLocation: 'home_centre' } }),
  'POST /api/live/lessons': (f, kind) => ({ body: { classId: f.classes[kind], date: '2030-11-04', periodId: '00000000-0000-4000-8000-000000000000' } }),
};
const matrixWork = (classId: string) => ({
  classId,
  title: 'Matrix work',
  instructions: 'Read chapter one.',
  forDate: '2031-01-06',
  dueDate: '2031-01-07',
  dueTime: '15:00',
  estimatedMinutes: 30,
  screenFree: false,
});

async function buildFixture(t: TestApp): Promise<Fixture> {
  const db = t.db.system;
  const a: TestOrg = await makeOrganisation(db, { sites: 2, name: 'Matrix Academy' });
  const b: TestOrg = await makeOrganisation(db, { sites: 1, name: 'Elsewhere College' });
  const actors = new Map<Role, TestPerson>();
  for (const role of ROLES) {
    actors.set(role, await makePerson(db, a, { roles: [role], site: SITE_SCOPED.has(role) ? a.siteIds[0] : null }));
  }
  // The acting learner, guardian and employer have relationships of their own, at site 1.
  const ownFamily = await makeFamily(db, a, a.siteIds[0]);
  const learner = actors.get('learner')!;
  const guardian = actors.get('guardian')!;
  await t.db.systemPool.query('insert into guardianships values ($1, $2, $3)', [a.id, guardian.id, ownFamily.learner.id]);
  const apprenticeship = await makeApprenticeship(db, a);
  await t.db.systemPool.query('insert into employer_links values ($1, $2, $3)', [a.id, actors.get('employer')!.id, apprenticeship.apprentice.id]);
  void learner;

  const otherFamily = (await makeFamily(db, a, a.siteIds[0])).learner;
  const otherSite = (await makeFamily(db, a, a.siteIds[1])).learner;
  const foreign = await makeFamily(db, b, b.siteIds[0]);
  const foreignStaff = await makePerson(db, b, { roles: ['teacher'], givenName: 'Foreignname', familyName: 'Elsewhere' });
  // The other family's class at the actors' own site is taught by someone who is not an actor.
  const otherTeacher = await makePerson(db, a, { roles: ['teacher'], site: a.siteIds[0] });
  const classes = {
    otherOrg: (await makeClass(db, b, { learners: [foreign.learner.id], teachers: [foreignStaff.id], name: 'Foreign class' })).id,
    otherSite: (await makeClass(db, a, { site: a.siteIds[1], learners: [otherSite.id], teachers: [otherTeacher.id] })).id,
    otherFamily: (await makeClass(db, a, { learners: [otherFamily.id], teachers: [otherTeacher.id] })).id,
  };
  const termOf = async (orgId: string, siteId: string) =>
    (await t.db.systemPool.query(`insert into terms (organisation_id, site_id, name, start_date, end_date) values ($1, $2, 'Matrix autumn', '2030-09-02', '2030-12-18') returning id`, [orgId, siteId])).rows[0].id as string;
  const closureOf = async (orgId: string, siteId: string) =>
    (await t.db.systemPool.query(`insert into closures (organisation_id, site_id, start_date, end_date, reason) values ($1, $2, '2030-10-28', '2030-11-01', 'Matrix half term') returning id`, [orgId, siteId])).rows[0].id as string;
  const sites = { otherOrg: b.siteIds[0]!, otherSite: a.siteIds[1]!, otherFamily: a.siteIds[0]! };
  const terms = { otherOrg: await termOf(b.id, sites.otherOrg), otherSite: await termOf(a.id, sites.otherSite), otherFamily: await termOf(a.id, sites.otherFamily) };
  const closures = { otherOrg: await closureOf(b.id, sites.otherOrg), otherSite: await closureOf(a.id, sites.otherSite), otherFamily: await closureOf(a.id, sites.otherFamily) };
  const bubbleOf = async (orgId: string, siteId: string, name: string) =>
    (await t.db.systemPool.query(`insert into bubbles (organisation_id, site_id, name) values ($1, $2, $3) returning id`, [orgId, siteId, name])).rows[0].id as string;
  const bubbles = { otherOrg: await bubbleOf(b.id, sites.otherOrg, 'Foreign bubble'), otherSite: await bubbleOf(a.id, sites.otherSite, 'Matrix bubble'), otherFamily: await bubbleOf(a.id, sites.otherFamily, 'Matrix bubble') };
  const rosterImport = (
    await t.db.systemPool.query(
      `insert into roster_imports (organisation_id, started_at, status, report) values ($1, now(), 'previewed', '{"origin":"upload","progress":null,"preview":null,"fingerprint":null,"problems":[],"problemCount":0,"message":null}') returning id`,
      [b.id],
    )
  ).rows[0].id as string;
  // Work in each other class, handed in by its learner with a photo (the blob a file route names).
  const workIn = async (orgId: string, classId: string, teacherId: string, learnerId: string, title: string) => {
    const q = (sql: string, args: unknown[]) => t.db.systemPool.query(sql, args).then((r) => r.rows[0].id as string);
    const assignment = await q(
      `insert into assignments (organisation_id, class_id, set_by, title, instructions, subject, for_date, due_at, estimated_minutes, screen_free, audience, published_at)
       values ($1, $2, $3, $4, 'Matrix instructions', 'Maths', '2030-11-04', '2030-11-04T15:00:00Z', 30, false, 'class', '2030-11-04T08:00:00Z') returning id`,
      [orgId, classId, teacherId, title],
    );
    const submission = await q(
      `insert into submissions (organisation_id, assignment_id, learner_id, channel, body, submitted_by, submitted_at, updated_at, late)
       values ($1, $2, $3, 'online', 'Matrix hand-in', $3, '2030-11-04T12:00:00Z', '2030-11-04T12:00:00Z', false) returning id`,
      [orgId, assignment, learnerId],
    );
    const blob = await q(
      `insert into blobs (organisation_id, storage_key, content_type, byte_size, sha256, file_name, uploaded_by, created_at)
       values ($1, 'matrix/none', 'image/png', 68, 'none', 'matrix.png', $2, '2030-11-04T12:00:00Z') returning id`,
      [orgId, learnerId],
    );
    await t.db.systemPool.query('insert into submission_files (organisation_id, submission_id, blob_id, position) values ($1, $2, $3, 0)', [orgId, submission, blob]);
    return { assignment, submission, blob };
  };
  const work = {
    otherOrg: await workIn(b.id, classes.otherOrg, foreignStaff.id, foreign.learner.id, 'Foreign homework'),
    otherSite: await workIn(a.id, classes.otherSite, otherTeacher.id, otherSite.id, 'Matrix homework'),
    otherFamily: await workIn(a.id, classes.otherFamily, otherTeacher.id, otherFamily.id, 'Matrix homework'),
  };
  // A live lesson open in each other class, its teacher hosting and its learner invited.
  const liveIn = async (orgId: string, siteId: string, classId: string, teacherId: string, learnerId: string, title: string) => {
    const rules = { policyVersion: null, lobby: true, learnerAudioOnEntry: false, learnerVideoOnEntry: false, learnerScreenShare: 'never', rejoinGraceSeconds: 60, recording: { kind: 'never' }, complaintDays: null, notices: ['Matrix notice'], warnAt: null, limitAt: null, parentsInvited: false };
    const id = (
      await t.db.systemPool.query(
        `insert into live_sessions (organisation_id, kind, site_id, class_id, title, starts_at, ends_at, host_id, status, provider, rules, created_by, created_at)
         values ($1, 'lesson', $2, $3, $4, '2030-11-04T09:00:00Z', '2030-11-04T10:00:00Z', $5, 'open', 'embedded', $6, $5, '2030-11-04T08:50:00Z') returning id`,
        [orgId, siteId, classId, title, teacherId, JSON.stringify(rules)],
      )
    ).rows[0].id as string;
    const link = `matrix-link-${id}`;
    await t.db.systemPool.query(
      `insert into live_participants (organisation_id, session_id, user_id, role, link_token, standing, invited_at) values ($1, $2, $3, 'host', $4, 'invited', now()), ($1, $2, $5, 'learner', $6, 'invited', now())`,
      [orgId, id, teacherId, `host-${link}`, learnerId, link],
    );
    // Its recording (any stored file will do: it must never be served across the line).
    const blob = (await t.db.systemPool.query(`select b.id from blobs b join submission_files f on f.blob_id = b.id and f.organisation_id = b.organisation_id join submissions s on s.id = f.submission_id and s.organisation_id = f.organisation_id where s.learner_id = $1`, [learnerId])).rows[0].id as string;
    const recording = (
      await t.db.systemPool.query(
        `insert into live_recordings (organisation_id, session_id, blob_id, started_at, ended_at, delete_after) values ($1, $2, $3, '2030-11-04T09:00:00Z', '2030-11-04T10:00:00Z', '2030-11-26T00:00:00Z') returning id`,
        [orgId, id, blob],
      )
    ).rows[0].id as string;
    const copy = (
      await t.db.systemPool.query(
        `insert into live_record_copies (organisation_id, learner_id, session_id, blob_id, started_at, ended_at, kept_at) values ($1, $2, $3, $4, '2030-11-04T09:00:00Z', '2030-11-04T10:00:00Z', '2030-11-04T10:05:00Z') returning id`,
        [orgId, learnerId, id, blob],
      )
    ).rows[0].id as string;
    return { id, link, recording, copy };
  };
  const live = {
    otherOrg: await liveIn(b.id, sites.otherOrg, classes.otherOrg, foreignStaff.id, foreign.learner.id, 'Foreign live lesson'),
    otherSite: await liveIn(a.id, sites.otherSite, classes.otherSite, otherTeacher.id, otherSite.id, 'Matrix live lesson'),
    otherFamily: await liveIn(a.id, sites.otherFamily, classes.otherFamily, otherTeacher.id, otherFamily.id, 'Matrix live lesson'),
  };
  const pick = (k: 'assignment' | 'submission' | 'blob') => ({ otherOrg: work.otherOrg[k], otherSite: work.otherSite[k], otherFamily: work.otherFamily[k] });
  return {
    actors,
    assignments: pick('assignment'),
    submissions: pick('submission'),
    blobs: pick('blob'),
    liveSessions: { otherOrg: live.otherOrg.id, otherSite: live.otherSite.id, otherFamily: live.otherFamily.id },
    liveLinks: { otherOrg: live.otherOrg.link, otherSite: live.otherSite.link, otherFamily: live.otherFamily.link },
    liveRecordings: { otherOrg: live.otherOrg.recording, otherSite: live.otherSite.recording, otherFamily: live.otherFamily.recording },
    liveRecordCopies: { otherOrg: live.otherOrg.copy, otherSite: live.otherSite.copy, otherFamily: live.otherFamily.copy },
    sites,
    terms,
    closures,
    bubbles,
    rosterImport,
    otherOrg: foreign.learner,
    otherSite,
    otherFamily,
    classes,
    foreignMarkers: [b.id, foreign.learner.id, foreign.learner.email, foreign.guardian.id, foreign.guardian.email, foreignStaff.id, 'Foreignname', 'Elsewhere College', 'Foreign class', 'Foreign homework', 'Foreign live lesson'],
  };
}

interface Violation {
  role: Role;
  request: string;
  kind: string;
  status: number;
  why: string;
}

/** What inject needs to send a body: JSON as is, a multipart upload encoded as a browser would. */
async function payloadOf(method: string, body: Body): Promise<{ payload?: object | Buffer; headers?: Record<string, string> }> {
  if (method === 'GET' || body === undefined) return {};
  if ('multipart' in body) {
    const m = await multipartBody(body.multipart, (body.files ?? []).map((file) => ({ ...file, bytes: pngBytes(), type: 'image/png' })));
    return { payload: m.payload, headers: { 'content-type': m.contentType } };
  }
  return { payload: body };
}

/** Walks every route for every role and returns each refusal that did not happen. */
async function findViolations(t: TestApp, f: Fixture): Promise<Violation[]> {
  const violations: Violation[] = [];
  const sessions = new Map<Role, Session>();
  for (const [role, person] of f.actors) sessions.set(role, await signIn(t, person.email));
  const apiRoutes = t.routes.filter(
    (r) => r.url.startsWith('/api/') && r.method !== 'HEAD' && r.permission !== 'public' && !r.url.startsWith('/api/docs'),
  );
  for (const route of apiRoutes) {
    const params = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    const key = `${route.method} ${route.url}`;
    const named = NAMED_IN_REQUEST[key];
    for (const role of ROLES) {
      const session = sessions.get(role)!;
      if (params.length === 0 && !named) {
        // A route about the caller or their organisation: whatever it answers, nothing of another
        // organisation may be in it, whichever ids are slipped into its query string.
        if (route.method !== 'GET') continue;
        const q = `?actorId=${f.otherOrg.id}&subjectId=${f.otherOrg.id}&personId=${f.otherOrg.id}&learnerId=${f.otherOrg.id}`;
        const res = await t.app.inject({ method: 'GET', url: route.url + q, headers: session.headers });
        const leaked = f.foreignMarkers.filter((m) => res.body.includes(m));
        if (leaked.length) violations.push({ role, request: `GET ${route.url}${q}`, kind: 'otherOrg', status: res.statusCode, why: `leaked ${leaked.join(', ')}` });
        continue;
      }
      const kinds: Kind[] = ['otherOrg'];
      if (SITE_SCOPED.has(role)) kinds.push('otherSite');
      if (RELATIONSHIP_SCOPED.has(role)) kinds.push('otherFamily');
      for (const kind of kinds) {
        let url = route.url;
        for (const p of params) {
          const pick = RECORDS[p];
          if (!pick) {
            violations.push({ role, request: key, kind, status: 0, why: `no fixture for :${p} (add it to RECORDS)` });
            continue;
          }
          url = url.replace(`:${p}`, pick(f, kind));
        }
        const inRequest = named?.(f, kind) ?? {};
        const example = BODIES[key];
        const body = inRequest.body ?? (typeof example === 'function' ? example(f, kind) : example);
        if (route.method !== 'GET' && !(key in BODIES) && !inRequest.body) {
          violations.push({ role, request: key, kind, status: 0, why: 'no example body (add it to BODIES)' });
          continue;
        }
        url += inRequest.query ?? '';
        const sent = await payloadOf(route.method, body);
        const res = await t.app.inject({ method: route.method as 'GET', url, headers: { ...session.headers, ...sent.headers }, payload: sent.payload });
        const record = f[kind];
        const leaked = [record.id, record.email, ...f.foreignMarkers].filter((m) => res.body.includes(m) && !url.includes(m));
        if (res.statusCode !== 403 && res.statusCode !== 404) {
          violations.push({ role, request: `${route.method} ${url}`, kind, status: res.statusCode, why: `not refused: ${res.body.slice(0, 160)}` });
        } else if (leaked.length) {
          violations.push({ role, request: `${route.method} ${url}`, kind, status: res.statusCode, why: `leaked ${leaked.join(', ')}` });
        }
      }
    }
  }
  return violations;
}

let t: TestApp;
let f: Fixture;
beforeAll(async () => {
  t = await startTestApp();
  f = await buildFixture(t);
});
afterAll(() => t.close());

describe('cross-tenant access matrix', () => {
  it('refuses every role every route for records of another organisation, site and family', async () => {
    const routesCovered = t.routes.filter((r) => r.url.startsWith('/api/') && r.permission !== 'public').length;
    expect(routesCovered).toBeGreaterThan(4);
    expect(await findViolations(t, f)).toEqual([]);
  });
});

describe('the matrix catches a planted mistake', () => {
  let database: TestDatabase;
  let planted: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase();
    // The mistake: parents may read any person of their organisation, not only their own children.
    const tables: PermissionTable[] = PERMISSION_TABLES.map((table) =>
      'identity.person.read' in table
        ? { ...table, 'identity.person.read': [...table['identity.person.read'], { roles: ['guardian'], relationship: 'organisation' }] }
        : table,
    );
    planted = await startTestApp({ database, permissionTables: tables });
  });
  afterAll(async () => {
    await planted.close();
    await database.drop();
  });

  it('reports the parent who can read another family’s child', async () => {
    const fixture = await buildFixture(planted);
    const v = await findViolations(planted, fixture);
    expect(v.length).toBeGreaterThan(0);
    expect(v.every((x) => x.role === 'guardian')).toBe(true);
    expect(v.map((x) => x.kind).sort()).toEqual(['otherFamily', 'otherSite']);
  });
});
