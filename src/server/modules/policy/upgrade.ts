import { sql } from 'drizzle-orm';
import { PLATFORM_ACTOR } from '../../platform/audit/record.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { Database } from '../../platform/db/client.js';
import { diffPolicies } from './diff.js';
import { SECTION_NAMES, SECTIONS, type PolicyDocument, type SectionName } from './document.js';
import { PolicyStale } from './errors.js';
import { appendVersion, latestVersion } from './history.js';
import { presetById } from './presets/presets.js';

/**
 * R-POL-1: when the platform learns to enforce a new part of the policy (a module adds its section
 * to document.ts), every organisation's stored policy lacks that section. Versions are never
 * changed, so the platform adds one: the next version, made by "Continuum", with the new section
 * taken as it stands in the preset the organisation started from (every value keeps that preset's
 * citation) and a why that says so. The organisation then sees exactly what was added, in its
 * history and in "compare", and edits it like any other value.
 *
 * Older versions keep their shorter documents; views of them show only the sections they had.
 */

/** Who made an upgrade version: not a person, so no account; kept like any author in the history. */
export const PLATFORM_AUTHOR = { id: PLATFORM_ACTOR.id, name: 'Continuum (platform update)' } as const;

/** The sections the platform enforces that this stored document does not have yet. */
export function sectionsMissing(doc: PolicyDocument): SectionName[] {
  const present = (doc.sections ?? {}) as Partial<Record<SectionName, unknown>>;
  return SECTION_NAMES.filter((name) => present[name] === undefined);
}

/** A value the platform now enforces within a section the stored document already has. */
export interface MissingValue {
  section: SectionName;
  key: string;
}

/** Values of sections the document has, that the platform has learnt to enforce since it was stored. */
export function valuesMissing(doc: PolicyDocument): MissingValue[] {
  const present = (doc.sections ?? {}) as Partial<Record<SectionName, Record<string, unknown>>>;
  return SECTION_NAMES.flatMap((section) => {
    const stored = present[section];
    if (stored === undefined) return [];
    return Object.keys(SECTIONS[section].labels)
      .filter((key) => stored[key] === undefined)
      .map((key) => ({ section, key }));
  });
}

export interface Upgrade {
  document: PolicyDocument;
  added: SectionName[];
  values: MissingValue[];
  why: string;
}

const listed = (names: string[]) => names.map((n) => `“${n}”`).join(', ');

/**
 * The document with each missing section, and each missing value of the sections it has, filled
 * from its own preset; null when nothing is missing.
 */
export function upgradeDocument(doc: PolicyDocument): Upgrade | null {
  const added = sectionsMissing(doc);
  const values = valuesMissing(doc);
  if (added.length === 0 && values.length === 0) return null;
  const preset = presetById(doc.preset);
  const sections = { ...doc.sections } as Record<SectionName, Record<string, unknown>>;
  const from = preset.document.sections as Record<SectionName, Record<string, unknown>>;
  for (const name of added) sections[name] = structuredClone(from[name]);
  for (const { section, key } of values) sections[section] = { ...sections[section], [key]: structuredClone(from[section][key]) };
  const what = [...added.map((name) => SECTIONS[name].title), ...values.map(({ section, key }) => `${SECTIONS[section].title}: ${SECTIONS[section].labels[key] ?? key}`)];
  const why =
    `Continuum now enforces ${listed(what)}. ${what.length === 1 ? 'It was' : 'They were'} added as written in the “${preset.title}” preset ` +
    'this policy started from, with that preset’s sources. Review and edit them like any other part of the policy.';
  return { document: { ...doc, sections: sections as unknown as PolicyDocument['sections'] }, added, values, why };
}

export interface UpgradedPolicy {
  organisationId: string;
  version: number;
  added: SectionName[];
  values: MissingValue[];
}

/**
 * Brings every organisation's policy up to the sections the platform enforces, at start-up, after
 * the migrations. Idempotent; with several instances starting at once, one writes each version and
 * the others find it written (policy.version.stale) and move on.
 */
export async function upgradeStoredPolicies(db: Database, clock: Clock): Promise<UpgradedPolicy[]> {
  const orgs = await db.system.execute<{ organisation_id: string }>(sql`select distinct organisation_id from policy_versions`);
  const done: UpgradedPolicy[] = [];
  for (const { organisation_id: org } of orgs.rows) {
    try {
      const upgraded = await db.withTenant(org, async (tx) => {
        const latest = await latestVersion(tx, org);
        const upgrade = latest && upgradeDocument(latest.document);
        if (!latest || !upgrade) return null;
        const version = await appendVersion(tx, org, {
          kind: 'upgraded',
          document: upgrade.document,
          siteOverrides: latest.siteOverrides,
          why: upgrade.why,
          by: PLATFORM_AUTHOR,
          at: clock.now(),
          basedOn: latest.version,
          changes: diffPolicies(latest.document, upgrade.document),
        });
        return { organisationId: org, version, added: upgrade.added, values: upgrade.values };
      });
      if (upgraded) done.push(upgraded);
    } catch (e) {
      if (!(e instanceof AppError && e.code === PolicyStale.code)) throw e;
    }
  }
  return done;
}
