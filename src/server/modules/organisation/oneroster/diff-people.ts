import { ROLE_LABELS, type Role } from '../../../../shared/roles.js';
import { fieldChanges, isActive, type DiffContext, type PersonState } from './diff-context.js';
import { yearGroupFor } from './diff-structure.js';
import { REMOVABLE_ROLES, ROLE_MAP, ROSTER_ROLES } from './mapping.js';
import type { CurrentRoster, GuardianshipRow, PersonRow, RoleRow } from './plan.js';
import { quoted } from './problems.js';

/**
 * R-ORG-3: people from users.csv (with demographics.csv for birth dates), their roles from
 * roles.csv, parents and carers from agentSourcedIds, and learners' year groups from grades.
 * People who leave are ended (left_at), never deleted.
 */

type CurrentPerson = CurrentRoster['people'][number];

function emailOf(value: string | null): string | null {
  const email = value?.trim().toLowerCase() ?? '';
  return email === '' ? null : email;
}

const displayName = (p: { givenName: string; familyName: string }) => `${p.givenName} ${p.familyName}`;

function rowOf(p: CurrentPerson, sourcedId: string): PersonRow {
  return { id: p.id, sourcedId, givenName: p.givenName, familyName: p.familyName, email: p.email, birthDate: p.birthDate, left: p.left };
}

/** A person as they are: someone added by hand has no sourcedId until an import claims them. */
type Comparable = Omit<PersonRow, 'sourcedId'> & { sourcedId: string | null };

const PERSON_FIELDS = ['sourcedId', 'givenName', 'familyName', 'email', 'birthDate', 'left'] as const;

/** users.csv and demographics.csv → people. */
export function diffPeople(cx: DiffContext): void {
  const bySourced = new Map<string, CurrentPerson>();
  const byEmail = new Map<string, CurrentPerson>();
  for (const p of cx.current.people) {
    if (p.email !== null) byEmail.set(p.email, p);
    if (p.sourcedId === null) continue;
    bySourced.set(p.sourcedId, p);
    cx.addPerson({ id: p.id, sourcedId: p.sourcedId, name: displayName(p), left: p.left });
  }
  for (const r of cx.current.roles) cx.holdRole(r.userId, r.role, r.siteId);
  const usersMode = cx.mode('users');
  const demoMode = cx.mode('demographics');
  if (usersMode === 'absent' && demoMode === 'absent') return;
  const tally = cx.tally('people');

  const birthDates = new Map<string, string | null>();
  for (const d of cx.bundle.demographics) birthDates.set(d.sourcedId, isActive(d) ? d.birthDate : null);
  const birthDateOf = (sourcedId: string, existing: CurrentPerson | undefined): string | null => {
    if (demoMode === 'absent') return existing?.birthDate ?? null;
    const given = birthDates.get(sourcedId);
    if (given !== undefined) return given;
    return demoMode === 'bulk' ? null : (existing?.birthDate ?? null);
  };
  const update = (before: Comparable, after: PersonRow, label: () => string): void => {
    const changes = fieldChanges(before, after, PERSON_FIELDS);
    if (changes.length === 0) return tally.unchanged();
    cx.plan.people.update.push(after);
    if (before.email !== null && before.email !== after.email) cx.plan.people.releaseEmail.push(after.id);
    if (after.left && !before.left) tally.ended(after.sourcedId, label);
    else tally.changed(after.sourcedId, label, changes);
  };

  const rows = new Map(cx.bundle.users.map((u) => [u.sourcedId, u]));
  /** Someone else's address is free to take when their own row in this file gives them another. */
  const movesAway = (holder: CurrentPerson, email: string): boolean => {
    const theirs = holder.sourcedId === null ? undefined : rows.get(holder.sourcedId);
    return theirs !== undefined && isActive(theirs) && emailOf(theirs.email) !== email;
  };
  const emailsInFile = new Map<string, { line: number; sourcedId: string }>();
  const claimed = new Set<string>();

  for (const u of cx.bundle.users) {
    const existing = bySourced.get(u.sourcedId);
    const name = () => `${u.givenName} ${u.familyName}`;
    if (!isActive(u)) {
      if (existing !== undefined && !existing.left) {
        update(rowOf(existing, u.sourcedId), { ...rowOf(existing, u.sourcedId), left: true }, name);
        const state = cx.people.get(u.sourcedId);
        if (state !== undefined) state.left = true;
      }
      continue;
    }
    const email = emailOf(u.email);
    let target = existing;
    if (email !== null) {
      const twin = emailsInFile.get(email);
      if (twin !== undefined) {
        cx.problem('users', u.line, 'email', 'organisation.roster.email_taken', `email ${quoted(email)} is also given to ${twin.sourcedId} on line ${twin.line}; each person needs their own address, or leave it blank.`);
        continue;
      }
      emailsInFile.set(email, { line: u.line, sourcedId: u.sourcedId });
      const holder = byEmail.get(email);
      if (holder !== undefined && holder.id !== existing?.id && !movesAway(holder, email)) {
        if (existing === undefined && holder.sourcedId === null && !claimed.has(holder.id)) {
          // Someone added by hand before the school's first import: this is them.
          target = holder;
          claimed.add(holder.id);
        } else {
          cx.problem('users', u.line, 'email', 'organisation.roster.email_taken', `email ${quoted(email)} already belongs to ${displayName(holder)} in Continuum${holder.sourcedId === null ? '' : ` (sourcedId ${holder.sourcedId})`}; each person needs their own address.`);
          continue;
        }
      }
    }
    const row: PersonRow = {
      id: target?.id ?? cx.newId(),
      sourcedId: u.sourcedId,
      givenName: u.givenName,
      familyName: u.familyName,
      email,
      birthDate: birthDateOf(u.sourcedId, target),
      left: false,
    };
    cx.addPerson({ id: row.id, sourcedId: u.sourcedId, name: name(), left: false });
    if (target === undefined) {
      cx.plan.people.insert.push(row);
      tally.added(u.sourcedId, name, `${row.givenName}|${row.familyName}|${row.email ?? ''}|${row.birthDate ?? ''}`);
    } else {
      update({ ...rowOf(target, ''), sourcedId: target.sourcedId }, row, name);
    }
  }

  // Birth dates of people whose demographics changed without their users.csv row.
  for (const [sourcedId, p] of bySourced) {
    if (rows.has(sourcedId)) continue;
    if (usersMode === 'bulk') {
      if (!p.left) {
        update(rowOf(p, sourcedId), { ...rowOf(p, sourcedId), left: true }, () => displayName(p));
        const state = cx.people.get(sourcedId);
        if (state !== undefined) state.left = true;
      }
      continue;
    }
    const birthDate = birthDateOf(sourcedId, p);
    if (birthDate !== p.birthDate) update(rowOf(p, sourcedId), { ...rowOf(p, sourcedId), birthDate }, () => displayName(p));
  }
}

/** roles.csv → roles, mapped by ROLE_MAP; held at the school named, or organisation-wide for a trust or district. */
export function diffRoles(cx: DiffContext): void {
  const mode = cx.mode('roles');
  if (mode === 'absent') return;
  const tally = cx.tally('roles');
  const key = (r: RoleRow) => `${r.role}|${r.siteId ?? ''}`;
  const current = new Map<string, Map<string, RoleRow>>();
  for (const r of cx.current.roles) {
    if (!ROSTER_ROLES.has(r.role as Role)) continue;
    const held = current.get(r.userId) ?? new Map<string, RoleRow>();
    held.set(key(r), r);
    current.set(r.userId, held);
  }
  const wanted = new Map<string, Map<string, RoleRow>>();
  const unwanted = new Map<string, Map<string, RoleRow>>();
  let unmapped = 0;
  for (const r of cx.bundle.roles) {
    const role = ROLE_MAP[r.role];
    if (role === undefined) {
      unmapped += 1;
      continue;
    }
    const person = cx.people.get(r.userSourcedId);
    const org = cx.orgOf(r.orgSourcedId);
    if (person === undefined || org === 'unknown') continue; // reported with the other references
    const row: RoleRow = { userId: person.id, role, siteId: typeof org === 'object' ? org.site.id : null };
    const held = isActive(r) && (r.endDate === null || r.endDate >= cx.today);
    const into = held ? wanted : unwanted;
    const list = into.get(person.id) ?? new Map<string, RoleRow>();
    list.set(key(row), row);
    into.set(person.id, list);
  }

  const label = (r: RoleRow) => () => {
    const person = cx.peopleById.get(r.userId)?.name ?? 'Someone';
    const site = r.siteId === null ? null : cx.sitesById.get(r.siteId)?.name;
    return `${person}: ${ROLE_LABELS[r.role as Role] ?? r.role}${site ? ` at ${site}` : ''}`;
  };
  const fingerprintKey = (r: RoleRow) => `${cx.peopleById.get(r.userId)?.sourcedId ?? r.userId}|${r.role}|${r.siteId === null ? '' : cx.siteKey(r.siteId)}`;
  let keptLeadership = 0;
  const reconcile = (personId: string, want: Map<string, RoleRow>, drop: Map<string, RoleRow> | null) => {
    const have = current.get(personId) ?? new Map<string, RoleRow>();
    for (const [k, r] of want) {
      if (have.has(k)) {
        tally.unchanged();
        continue;
      }
      cx.plan.roles.insert.push(r);
      cx.holdRole(personId, r.role, r.siteId);
      tally.added(fingerprintKey(r), label(r));
    }
    for (const [k, r] of drop ?? have) {
      if (want.has(k) || !have.has(k)) continue;
      if (!REMOVABLE_ROLES.has(r.role as Role)) {
        keptLeadership += 1;
        continue;
      }
      cx.plan.roles.remove.push(r);
      cx.dropRole(personId, r.role, r.siteId);
      tally.ended(fingerprintKey(r), label(r));
    }
  };
  if (mode === 'bulk') {
    for (const person of cx.peopleById.values()) if (!person.left) reconcile(person.id, wanted.get(person.id) ?? new Map(), null);
  } else {
    const people = new Set([...wanted.keys(), ...unwanted.keys()]);
    for (const id of people) if (!cx.peopleById.get(id)?.left) reconcile(id, wanted.get(id) ?? new Map(), unwanted.get(id) ?? new Map());
  }
  if (unmapped > 0) {
    cx.notes.push(`${unmapped} ${unmapped === 1 ? 'role has' : 'roles have'} no match in Continuum (such as counselor or proctor) and ${unmapped === 1 ? 'was' : 'were'} not imported.`);
  }
  if (keptLeadership > 0) {
    cx.notes.push(
      `${keptLeadership} administrator or senior leader ${keptLeadership === 1 ? 'role is' : 'roles are'} no longer in the export. An import never takes these away, so nobody is locked out; remove ${keptLeadership === 1 ? 'it' : 'them'} by hand if ${keptLeadership === 1 ? 'it' : 'they'} should go.`,
    );
  }
}

/** users.csv agentSourcedIds → parents and carers of learners (read from either side). */
export function diffGuardianships(cx: DiffContext): void {
  const mode = cx.mode('users');
  if (mode === 'absent') return;
  const tally = cx.tally('guardianships');
  const isLearner = (p: PersonState) => cx.hasRole(p.id, 'learner');
  const pairKey = (g: string, l: string) => `${g}|${l}`;
  const desired = new Map<string, GuardianshipRow>();
  const inScope = new Set<string>();
  for (const u of cx.bundle.users) {
    const person = cx.people.get(u.sourcedId);
    if (person === undefined) continue;
    inScope.add(person.id);
    if (!isActive(u)) continue;
    for (const agentId of u.agentSourcedIds) {
      const agent = cx.people.get(agentId);
      if (agent === undefined) continue;
      if (isLearner(person) && !isLearner(agent)) desired.set(pairKey(agent.id, person.id), { guardianId: agent.id, learnerId: person.id });
      else if (isLearner(agent) && !isLearner(person)) desired.set(pairKey(person.id, agent.id), { guardianId: person.id, learnerId: agent.id });
    }
  }
  const label = (r: GuardianshipRow) => () =>
    `${cx.peopleById.get(r.guardianId)?.name ?? 'Someone'}, parent or carer of ${cx.peopleById.get(r.learnerId)?.name ?? 'a learner'}`;
  const fingerprintKey = (r: GuardianshipRow) => `${cx.peopleById.get(r.guardianId)?.sourcedId ?? r.guardianId}>${cx.peopleById.get(r.learnerId)?.sourcedId ?? r.learnerId}`;
  const existing = new Set<string>();
  for (const r of cx.current.guardianships) {
    const k = pairKey(r.guardianId, r.learnerId);
    existing.add(k);
    if (desired.has(k)) {
      tally.unchanged();
      continue;
    }
    const guardian = cx.peopleById.get(r.guardianId);
    const learner = cx.peopleById.get(r.learnerId);
    // Only links between people from the MIS, and not of someone who has left (kept for the record).
    if (guardian === undefined || learner === undefined || guardian.left || learner.left) continue;
    if (!inScope.has(guardian.id) && !inScope.has(learner.id)) continue;
    cx.plan.guardianships.remove.push(r);
    tally.ended(fingerprintKey(r), label(r));
  }
  for (const [k, r] of desired) {
    if (existing.has(k)) continue;
    cx.plan.guardianships.insert.push(r);
    tally.added(fingerprintKey(r), label(r));
  }
}

/** users.csv grades → each learner's year group at their school. */
export function diffYearGroupPlaces(cx: DiffContext): void {
  if (cx.mode('users') === 'absent') return;
  const tally = cx.tally('yearGroupPlaces');
  const current = new Map<string, Set<string>>();
  for (const m of cx.current.cohortMembers) {
    const set = current.get(m.learnerId) ?? new Set<string>();
    set.add(m.cohortId);
    current.set(m.learnerId, set);
  }
  for (const u of cx.bundle.users) {
    const person = cx.people.get(u.sourcedId);
    if (person === undefined || !isActive(u) || !cx.hasRole(person.id, 'learner')) continue;
    const org = u.primaryOrgSourcedId === null ? 'unknown' : cx.orgOf(u.primaryOrgSourcedId);
    const siteId = typeof org === 'object' ? org.site.id : cx.siteOfRole(person.id, 'learner');
    const cohortId = siteId === null ? null : yearGroupFor(cx, siteId, u.grades);
    const have = current.get(person.id) ?? new Set<string>();
    const name = (id: string) => () => `${person.name}, ${cx.cohortInfo.get(id)?.name ?? 'a year group'}`;
    const key = (id: string) => `${u.sourcedId}|${cx.cohortInfo.get(id)?.key ?? id}`;
    if (cohortId !== null) {
      if (have.has(cohortId)) tally.unchanged();
      else {
        cx.plan.cohortMembers.insert.push({ cohortId, learnerId: person.id });
        tally.added(key(cohortId), name(cohortId));
      }
    }
    for (const other of have) {
      if (other === cohortId) continue;
      cx.plan.cohortMembers.remove.push({ cohortId: other, learnerId: person.id });
      tally.ended(key(other), name(other));
    }
  }
}
