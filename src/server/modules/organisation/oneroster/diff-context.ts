import type { RosterExample, RosterFieldChange, RosterKind, RosterKindReport } from '../../../../shared/roster-import.js';
import { csvFileName, type FileMode, type RosterFileName } from './manifest.js';
import type { CurrentRoster, RosterPlan } from './plan.js';
import { where, type RosterProblem, type RosterProblemCode } from './problems.js';
import type { RosterBundle } from './read.js';
import type { RecordStatus } from './records.js';

/** Examples kept per kind and action; the counts cover everything. */
export const EXAMPLES_PER_ACTION = 10;

/** What each kind of record is called in the report. */
const KIND_LABELS: Record<RosterKind, string> = {
  sites: 'Schools and sites',
  terms: 'Terms',
  yearGroups: 'Year groups',
  classes: 'Classes',
  people: 'People',
  roles: 'Roles',
  guardianships: 'Parent and carer links',
  classStaff: 'Class teachers and assistants',
  enrolments: 'Class enrolments',
  yearGroupPlaces: 'Year group places',
};

/** Fields whose values the stored report leaves out (it says only that they changed). */
const HIDDEN_FIELDS: ReadonlySet<string> = new Set(['birthDate']);

/**
 * A fingerprint of every change, independent of the order they were found in: the preview stores
 * it and apply recomputes it, so the admin applies exactly what they were shown. Each change is
 * hashed four ways (32-bit multiply-xor, different seeds) and the hashes are summed lane by lane:
 * 128 bits that tell one set of changes from another, at a few nanoseconds a character. It guards
 * against records moving on between preview and apply, not against an adversary.
 */
const SEEDS = [0x811c9dc5, 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35] as const;

export class Fingerprint {
  private readonly lanes = [0, 0, 0, 0];
  private count = 0;

  add(change: string): void {
    for (let lane = 0; lane < 4; lane++) {
      let h = SEEDS[lane] ?? 0;
      for (let i = 0; i < change.length; i++) h = Math.imul(h ^ change.charCodeAt(i), 0x01000193 + 2 * lane);
      h ^= h >>> 15;
      h = Math.imul(h, 0x2c1b3c6d);
      h ^= h >>> 12;
      this.lanes[lane] = ((this.lanes[lane] ?? 0) + h) >>> 0;
    }
    this.count += 1;
  }

  value(): string {
    return `${this.count}:${this.lanes.map((l) => l.toString(16).padStart(8, '0')).join('')}`;
  }
}

/** Counts one kind's changes, keeps the first few as examples and feeds the fingerprint. */
export class Tally {
  readonly report: RosterKindReport;

  constructor(
    readonly kind: RosterKind,
    private readonly fingerprint: Fingerprint,
  ) {
    this.report = { kind, label: KIND_LABELS[kind], added: 0, changed: 0, ended: 0, unchanged: 0, examples: { added: [], changed: [], ended: [] } };
  }

  private example(list: RosterExample[], key: string, label: () => string, changes?: RosterFieldChange[]): void {
    if (list.length >= EXAMPLES_PER_ACTION) return;
    const shown = changes?.map((c) => (HIDDEN_FIELDS.has(c.field) ? { field: c.field, from: null, to: null } : c));
    list.push(shown === undefined ? { key, label: label() } : { key, label: label(), changes: shown });
  }

  /** `detail`: what the new record holds, when more than its key says. */
  added(key: string, label: () => string, detail = ''): void {
    this.report.added += 1;
    this.fingerprint.add(`${this.kind}|+|${key}|${detail}`);
    this.example(this.report.examples.added, key, label);
  }

  changed(key: string, label: () => string, changes: RosterFieldChange[]): void {
    this.report.changed += 1;
    this.fingerprint.add(`${this.kind}|~|${key}|${changes.map((c) => `${c.field}=${c.to ?? ''}`).join('|')}`);
    this.example(this.report.examples.changed, key, label, changes);
  }

  ended(key: string, label: () => string): void {
    this.report.ended += 1;
    this.fingerprint.add(`${this.kind}|-|${key}`);
    this.example(this.report.examples.ended, key, label);
  }

  unchanged(): void {
    this.report.unchanged += 1;
  }
}

/** The field changes between two versions of a record (only the fields that differ). */
export function fieldChanges<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]): RosterFieldChange[] {
  const changes: RosterFieldChange[] = [];
  for (const field of fields) {
    const from = before[field];
    const to = after[field];
    if (from === to) continue;
    changes.push({ field, from: from === null || from === undefined ? null : String(from), to: to === null || to === undefined ? null : String(to) });
  }
  return changes;
}

/** The state a roster person, class or site has once the plan is applied: what later steps refer to. */
export interface SiteState {
  id: string;
  sourcedId: string | null;
  name: string;
}
export interface PersonState {
  id: string;
  sourcedId: string;
  name: string;
  /** Left the organisation (now, or already before this import). */
  left: boolean;
}
export interface ClassState {
  id: string;
  sourcedId: string;
  name: string;
  siteId: string;
  ended: boolean;
}

/** Everything the steps of the diff share. */
export class DiffContext {
  readonly plan: RosterPlan;
  readonly problems: RosterProblem[] = [];
  readonly notes: string[] = [];
  readonly fingerprint = new Fingerprint();
  private readonly tallies = new Map<RosterKind, Tally>();
  /** Sites by their MIS sourcedId, once this import's sites are added. */
  readonly sites = new Map<string, SiteState>();
  readonly sitesById = new Map<string, SiteState>();
  /** Roster people by sourcedId (existing and added), with their state after the plan. */
  readonly people = new Map<string, PersonState>();
  readonly peopleById = new Map<string, PersonState>();
  readonly classes = new Map<string, ClassState>();
  readonly classesById = new Map<string, ClassState>();
  /** Year groups by "<siteId>|<code>", and their names and report keys by id. */
  readonly cohorts = new Map<string, string>();
  readonly cohortInfo = new Map<string, { name: string; key: string }>();
  /** Each person's roles once the plan is applied: role → the sites it is held at ('' for organisation-wide). */
  private readonly roles = new Map<string, Map<string, Set<string>>>();
  private readonly orgIds: ReadonlySet<string>;

  constructor(
    readonly bundle: RosterBundle,
    readonly current: CurrentRoster,
    readonly today: string,
    readonly newId: () => string,
    plan: RosterPlan,
  ) {
    this.plan = plan;
    this.orgIds = new Set(bundle.orgs.map((o) => o.sourcedId));
  }

  tally(kind: RosterKind): Tally {
    let t = this.tallies.get(kind);
    if (t === undefined) {
      t = new Tally(kind, this.fingerprint);
      this.tallies.set(kind, t);
    }
    return t;
  }

  mode(file: RosterFileName): FileMode {
    return this.bundle.manifest.files[file];
  }

  problem(file: RosterFileName, line: number | null, field: string | null, code: RosterProblemCode, message: string): void {
    const name = csvFileName(file);
    this.problems.push({ file: name, line, field, code, message: `${where(name, line)}: ${message}` });
  }

  /** What an org reference means here: a site, another kind of org in this export, or unknown. */
  orgOf(sourcedId: string): { site: SiteState } | 'other' | 'unknown' {
    const site = this.sites.get(sourcedId);
    if (site !== undefined) return { site };
    return this.orgIds.has(sourcedId) ? 'other' : 'unknown';
  }

  hasRole(personId: string, role: string): boolean {
    return (this.roles.get(personId)?.get(role)?.size ?? 0) > 0;
  }

  /** The site where the person holds the role (the first, when several). */
  siteOfRole(personId: string, role: string): string | null {
    for (const site of this.roles.get(personId)?.get(role) ?? []) if (site !== '') return site;
    return null;
  }

  holdRole(personId: string, role: string, siteId: string | null): void {
    const held = this.roles.get(personId) ?? new Map<string, Set<string>>();
    this.roles.set(personId, held);
    const sites = held.get(role) ?? new Set<string>();
    held.set(role, sites);
    sites.add(siteId ?? '');
  }

  dropRole(personId: string, role: string, siteId: string | null): void {
    this.roles.get(personId)?.get(role)?.delete(siteId ?? '');
  }

  addPerson(state: PersonState): void {
    this.people.set(state.sourcedId, state);
    this.peopleById.set(state.id, state);
  }

  addClass(state: ClassState): void {
    this.classes.set(state.sourcedId, state);
    this.classesById.set(state.id, state);
  }

  siteKey(siteId: string): string {
    const site = this.sitesById.get(siteId);
    return site?.sourcedId ?? siteId;
  }
}

export function isActive(record: { status: RecordStatus | null }): boolean {
  return record.status !== 'tobedeleted';
}
