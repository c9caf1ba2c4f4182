import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRosterBundle, type RosterBundleOptions } from '../../../testing/oneroster-bundle.js';
import { diffRoster, EXAMPLES_PER_ACTION, type RosterDiff } from './diff.js';
import { planSize, type CurrentRoster, type RosterPlan } from './plan.js';
import { readRoster, type RosterBundle } from './read.js';

/** R-ORG-3: the diff on its own, against an organisation held in memory. */

const TODAY = '2026-09-07';

function ids() {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}

function emptyOrganisation(): CurrentRoster {
  return { sites: [], terms: [], cohorts: [], classes: [], people: [], roles: [], guardianships: [], enrolments: [], classStaff: [], cohortMembers: [] };
}

/** What apply.ts does to the database, done to the in-memory organisation. */
function applyInMemory(current: CurrentRoster, plan: RosterPlan): CurrentRoster {
  const replace = <T, K>(rows: T[], updates: T[], key: (r: T) => K): T[] => {
    const byKey = new Map(updates.map((u) => [key(u), u]));
    return rows.map((r) => byKey.get(key(r)) ?? r);
  };
  const pair = (a: string, b: string) => `${a}|${b}`;
  const without = <T>(rows: T[], removed: T[], key: (r: T) => string) => {
    const gone = new Set(removed.map(key));
    return rows.filter((r) => !gone.has(key(r)));
  };
  const released = new Set(plan.enrolments.release);
  return {
    sites: [...replace(current.sites, plan.sites.update, (s) => s.id), ...plan.sites.insert],
    terms: [...replace(current.terms, plan.terms.update, (t) => t.id), ...plan.terms.insert],
    cohorts: [...current.cohorts, ...plan.cohorts.insert.map(({ id, siteId, code, name }) => ({ id, siteId, code, name }))],
    classes: [...replace(current.classes, plan.classes.update, (c) => c.id), ...plan.classes.insert],
    people: [...replace(current.people, plan.people.update, (p) => p.id), ...plan.people.insert],
    roles: [...without(current.roles, plan.roles.remove, (r) => `${r.userId}|${r.role}|${r.siteId}`), ...plan.roles.insert],
    guardianships: [...without(current.guardianships, plan.guardianships.remove, (g) => pair(g.guardianId, g.learnerId)), ...plan.guardianships.insert],
    classStaff: [
      ...replace(without(current.classStaff, plan.classStaff.remove, (s) => pair(s.classId, s.userId)), plan.classStaff.update, (s) => pair(s.classId, s.userId)),
      ...plan.classStaff.insert,
    ],
    enrolments: [
      ...replace(
        current.enrolments.map((e) => (e.sourcedId !== null && released.has(e.sourcedId) ? { ...e, sourcedId: null } : e)),
        plan.enrolments.update,
        (e) => pair(e.classId, e.learnerId),
      ),
      ...plan.enrolments.insert,
    ],
    cohortMembers: [...without(current.cohortMembers, plan.cohortMembers.remove, (m) => pair(m.cohortId, m.learnerId)), ...plan.cohortMembers.insert],
  };
}

function counts(diff: RosterDiff) {
  return Object.fromEntries(diff.report.kinds.map((k) => [k.kind, [k.added, k.changed, k.ended]]));
}

const isEmpty = (diff: RosterDiff) => planSize(diff.plan) === 0 && diff.report.kinds.every((k) => k.added + k.changed + k.ended === 0);

let root: string;
let n = 0;
const bundles = new Map<string, RosterBundle>();
async function bundleOf(options: Omit<RosterBundleOptions, 'dir' | 'format'>): Promise<RosterBundle> {
  const key = JSON.stringify(options);
  const known = bundles.get(key);
  if (known) return known;
  const built = await buildRosterBundle({ dir: join(root, `b-${++n}`), format: 'directory', ...options });
  const { bundle, problems } = await readRoster(built.source);
  if (bundle === null) throw new Error(JSON.stringify(problems));
  bundles.set(key, bundle);
  return bundle;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'continuum-diff-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** A bulk bundle imported into an empty organisation: the state a second import is compared with. */
async function imported(learners = 40) {
  const bundle = await bundleOf({ learners });
  const first = diffRoster(bundle, emptyOrganisation(), { today: TODAY, newId: ids() });
  return { bundle, first, state: applyInMemory(emptyOrganisation(), first.plan) };
}

/** The bundle without some learners: no user, role, enrollment or demographics row, and not their parents' child. */
function withoutLearners(bundle: RosterBundle, gone: ReadonlySet<string>): RosterBundle {
  return {
    ...bundle,
    users: bundle.users.filter((u) => !gone.has(u.sourcedId)).map((u) => (u.agentSourcedIds.some((a) => gone.has(a)) ? { ...u, agentSourcedIds: u.agentSourcedIds.filter((a) => !gone.has(a)) } : u)),
    roles: bundle.roles.filter((r) => !gone.has(r.userSourcedId)),
    enrollments: bundle.enrollments.filter((e) => !gone.has(e.userSourcedId)),
    demographics: bundle.demographics.filter((d) => !gone.has(d.sourcedId)),
  };
}

describe('diffRoster', () => {
  it('R-ORG-3 adds a whole school to an empty organisation and changes or ends nothing', async () => {
    const { first } = await imported();
    expect(first.problems).toEqual([]);
    expect(counts(first)).toMatchObject({ sites: [1, 0, 0], terms: [3, 0, 0], yearGroups: [7, 0, 0], yearGroupPlaces: [40, 0, 0] });
    expect(first.report.kinds.every((k) => k.changed === 0 && k.ended === 0)).toBe(true);
    expect(first.report.kinds.find((k) => k.kind === 'people')?.examples.added).toHaveLength(EXAMPLES_PER_ACTION);
  });

  it('R-ORG-3 finds nothing to do when the same files come again', async () => {
    const { bundle, state } = await imported();
    const again = diffRoster(bundle, state, { today: TODAY, newId: ids() });
    expect(isEmpty(again)).toBe(true);
    expect(again.report.kinds.find((k) => k.kind === 'enrolments')?.unchanged).toBeGreaterThan(300);
  });

  it('R-ORG-3 fingerprints the changes, not the ids chosen for new records or the order they are found in', async () => {
    const bundle = await bundleOf({ learners: 40 });
    const a = diffRoster(bundle, emptyOrganisation(), { today: TODAY, newId: ids() });
    let k = 0;
    const b = diffRoster({ ...bundle, users: [...bundle.users].reverse() }, emptyOrganisation(), { today: TODAY, newId: () => `ffffffff-0000-4000-8000-${String(++k).padStart(12, '0')}` });
    expect(b.fingerprint).toBe(a.fingerprint);
    const renamed = { ...bundle, users: bundle.users.map((u, i) => (i === 20 ? { ...u, givenName: 'Renamed' } : u)) };
    expect(diffRoster(renamed, emptyOrganisation(), { today: TODAY, newId: ids() }).fingerprint).not.toBe(a.fingerprint);
  });

  it('R-ORG-3 ends a learner a bulk file leaves out, and their open enrolments today; keeps their roles and parents', async () => {
    const { bundle, state } = await imported();
    const learner = bundle.users.find((u) => u.sourcedId.startsWith('usr-learner-'))!;
    const diff = diffRoster(withoutLearners(bundle, new Set([learner.sourcedId])), state, { today: TODAY, newId: ids() });
    expect(counts(diff)).toMatchObject({ people: [0, 0, 1], enrolments: [0, 0, 9] });
    expect(counts(diff).roles).toEqual([0, 0, 0]);
    expect(counts(diff).guardianships).toEqual([0, 0, 0]);
    expect(diff.plan.people.update).toEqual([expect.objectContaining({ sourcedId: learner.sourcedId, left: true })]);
    expect(diff.plan.enrolments.update.every((e) => e.endDate === TODAY)).toBe(true);
  });

  it('R-ORG-3 brings back a learner who returns, and reopens nothing else', async () => {
    const { bundle, state } = await imported();
    const gone = new Set([bundle.users.find((u) => u.sourcedId.startsWith('usr-learner-'))!.sourcedId]);
    const left = applyInMemory(state, diffRoster(withoutLearners(bundle, gone), state, { today: TODAY, newId: ids() }).plan);
    const back = diffRoster(bundle, left, { today: TODAY, newId: ids() });
    expect(counts(back)).toMatchObject({ people: [0, 1, 0], enrolments: [0, 9, 0] });
    expect(back.report.kinds.find((k) => k.kind === 'people')?.examples.changed[0]?.changes).toEqual([{ field: 'left', from: 'true', to: 'false' }]);
  });

  it('R-ORG-3 a delta ends only what it marks tobedeleted', async () => {
    const { state } = await imported(30);
    const delta = await bundleOf({ learners: 30, mode: 'delta', withdrawn: 3, files: { orgs: 'absent', academicSessions: 'absent', courses: 'absent', classes: 'absent', userProfiles: 'absent' } });
    const diff = diffRoster(delta, state, { today: TODAY, newId: ids() });
    expect(diff.problems).toEqual([]);
    expect(counts(diff)).toMatchObject({ people: [0, 0, 3], enrolments: [0, 0, 27] });
    expect(counts(diff).classes).toBeUndefined();
  });

  it('R-ORG-3 keeps birth dates out of the stored report while still saying they changed', async () => {
    const { bundle, state } = await imported();
    const changed = { ...bundle, demographics: bundle.demographics.map((d, i) => (i === 0 ? { ...d, birthDate: '2013-12-25' } : d)) };
    const diff = diffRoster(changed, state, { today: TODAY, newId: ids() });
    expect(diff.report.kinds.find((k) => k.kind === 'people')?.examples.changed[0]?.changes).toEqual([{ field: 'birthDate', from: null, to: null }]);
    expect(diff.plan.people.update[0]?.birthDate).toBe('2013-12-25');
  });

  it('R-ORG-3 makes a teacher the MIS calls an aide the class’s teaching assistant', async () => {
    const bundle = await bundleOf({ learners: 10 });
    const teacher = bundle.roles.find((r) => r.role === 'teacher')!;
    const aide = { ...bundle, roles: bundle.roles.map((r) => (r === teacher ? { ...r, role: 'aide' as const } : r)) };
    const diff = diffRoster(aide, emptyOrganisation(), { today: TODAY, newId: ids() });
    const person = diff.plan.people.insert.find((p) => p.sourcedId === teacher.userSourcedId)!;
    const staff = diff.plan.classStaff.insert.filter((s) => s.userId === person.id);
    expect(staff.length).toBeGreaterThan(0);
    expect(staff.every((s) => s.role === 'teaching_assistant')).toBe(true);
    expect(diff.plan.roles.insert.filter((r) => r.userId === person.id).map((r) => r.role)).toEqual(['teaching_assistant']);
  });

  it('R-ORG-3 refuses an address given to two people, naming both lines', async () => {
    const bundle = await bundleOf({ learners: 10 });
    const [a, b] = bundle.users.filter((u) => u.sourcedId.startsWith('usr-learner-'));
    const twins = { ...bundle, users: bundle.users.map((u) => (u === b ? { ...u, email: a!.email } : u)) };
    const diff = diffRoster(twins, emptyOrganisation(), { today: TODAY, newId: ids() });
    expect(diff.problems).toEqual([
      expect.objectContaining({ file: 'users.csv', line: b!.line, field: 'email', code: 'organisation.roster.email_taken', message: expect.stringContaining(`on line ${a!.line}`) }),
    ]);
  });

  it('R-ORG-3 lets two people swap addresses, freeing both first', async () => {
    const { bundle, state } = await imported(10);
    const [a, b] = bundle.users.filter((u) => u.sourcedId.startsWith('usr-learner-'));
    const swapped = { ...bundle, users: bundle.users.map((u) => (u === a ? { ...u, email: b!.email } : u === b ? { ...u, email: a!.email } : u)) };
    const diff = diffRoster(swapped, state, { today: TODAY, newId: ids() });
    expect(diff.problems).toEqual([]);
    expect(diff.plan.people.releaseEmail).toHaveLength(2);
    expect(counts(diff).people).toEqual([0, 2, 0]);
  });

  it('R-ORG-3 never removes an administrator’s role, and says so', async () => {
    const { bundle, state } = await imported(10);
    const manager = bundle.roles.find((r) => r.role === 'siteAdministrator')!;
    const diff = diffRoster({ ...bundle, roles: bundle.roles.filter((r) => r !== manager) }, state, { today: TODAY, newId: ids() });
    expect(diff.plan.roles.remove).toEqual([]);
    expect(diff.report.notes).toEqual([expect.stringContaining('1 administrator or senior leader role is no longer in the export')]);
  });

  it('R-ORG-3 says a class whose school is the trust is not at a school', async () => {
    const bundle = await bundleOf({ learners: 10 });
    const moved = { ...bundle, classes: bundle.classes.map((c, i) => (i === 0 ? { ...c, schoolSourcedId: 'org-trust' } : c)) };
    const diff = diffRoster(moved, emptyOrganisation(), { today: TODAY, newId: ids() });
    expect(diff.problems).toEqual([
      expect.objectContaining({ file: 'classes.csv', line: 2, field: 'schoolSourcedId', code: 'organisation.roster.not_a_school', message: 'classes.csv line 2: schoolSourcedId "org-trust" is a district in orgs.csv, not a school; every class belongs to a school.' }),
    ]);
  });

  it('R-ORG-3 converges: after applying any edit of the export, importing it again changes nothing', async () => {
    const { bundle, state } = await imported(40);
    const learners = bundle.users.filter((u) => u.sourcedId.startsWith('usr-learner-')).map((u) => u.sourcedId);
    const enrollments = bundle.enrollments.map((e) => e.sourcedId);
    await fc.assert(
      fc.property(
        fc.subarray(learners, { maxLength: 8 }),
        fc.subarray(learners, { maxLength: 8 }),
        fc.subarray(enrollments, { maxLength: 20 }),
        fc.constantFrom('Ada', 'Bea', 'Cai'),
        (leaving, renamed, dropped, name) => {
          const rename = new Set(renamed);
          const drop = new Set(dropped);
          let edited = withoutLearners(bundle, new Set(leaving));
          edited = {
            ...edited,
            users: edited.users.map((u) => (rename.has(u.sourcedId) ? { ...u, givenName: name } : u)),
            enrollments: edited.enrollments.filter((e) => !drop.has(e.sourcedId)),
          };
          const diff = diffRoster(edited, state, { today: TODAY, newId: ids() });
          expect(diff.problems).toEqual([]);
          const people = diff.report.kinds.find((k) => k.kind === 'people')!;
          expect(people.ended).toBe(leaving.length);
          expect(people.changed).toBe(renamed.filter((r) => !leaving.includes(r) && name !== bundle.users.find((u) => u.sourcedId === r)?.givenName).length);
          const after = applyInMemory(state, diff.plan);
          expect(isEmpty(diffRoster(edited, after, { today: TODAY, newId: ids() }))).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });
});
