import type { ChangeView, EditorSection, PolicySectionView, SourceOrigin, VersionSummary } from '../../../shared/policy-contract.js';
import type { PolicyChange, PolicyPath } from '../../../shared/policy.js';
import { describeSource, type Source } from './cited.js';
import type { PolicyDocument } from './document.js';
import { controlAt, valueText } from './editor.js';
import type { StoredVersion } from './history.js';
import { PRESETS } from './presets/presets.js';
import { renderPolicy } from './prose.js';
import { seedLineText, type Seeds } from './seeds.js';

/**
 * How the policy is shown: its prose with "where this comes from" beside every sentence (R-POL-3),
 * its versions, and changes in words. Pure: the service loads, this presents.
 */

/** Where a value comes from, with the seed's own line when it is quoted from a seed. */
export function originOf(source: Source, seeds: Seeds): SourceOrigin {
  switch (source.kind) {
    case 'seed': {
      // One preset per seed (presets.test.ts).
      const preset = PRESETS.find((p) => p.seed === source.seed);
      if (!preset) throw new Error(`No preset is built on seed ${source.seed}.`);
      return {
        kind: 'seed',
        preset: { id: preset.id, title: preset.title },
        seed: source.seed,
        seedFile: `docs/seeds/${seeds.files[source.seed]}`,
        line: source.line,
        lineText: seedLineText(seeds.texts[source.seed], source.line, source.quote),
        quote: source.quote,
      };
    }
    case 'default':
      return { kind: 'default', reason: source.reason };
    case 'local':
      return { kind: 'local', by: source.by, at: source.at, why: source.why };
  }
}

const startsWith = (path: PolicyPath, prefix: PolicyPath) => prefix.length <= path.length && prefix.every((p, i) => path[i] === p);

/** The policy as prose, each sentence with its origin; `overridden` marks a site's own values. */
export function proseView(doc: PolicyDocument, seeds: Seeds, overridden: readonly PolicyPath[] = []): PolicySectionView[] {
  return renderPolicy(doc).sections.map((section) => ({
    key: section.key,
    title: section.title,
    sentences: section.sentences.map((s) => ({
      text: s.text,
      path: s.path,
      sourceLabel: s.sourceLabel,
      origin: originOf(s.source, seeds),
      overridden: overridden.some((p) => startsWith(s.path, p)),
    })),
  }));
}

/** What a version's summary is made from: a stored version, or a row of the version list. */
export type VersionRow = Pick<StoredVersion, 'version' | 'reviewCycle' | 'siteId' | 'createdBy' | 'createdByName' | 'createdAt' | 'why'> & { kind: string };

export function versionSummary(row: VersionRow, siteNames: ReadonlyMap<string, string>): VersionSummary {
  return {
    version: row.version,
    kind: row.kind as VersionSummary['kind'],
    createdAt: row.createdAt.toISOString(),
    by: { id: row.createdBy, name: row.createdByName },
    why: row.why,
    reviewCycle: row.reviewCycle,
    site: row.siteId ? { id: row.siteId, name: siteNames.get(row.siteId) ?? 'A site no longer listed' } : null,
  };
}

/** A change with its values in words, as the editor's controls show them. */
export function changeView(change: PolicyChange, editorBefore: readonly EditorSection[], editorAfter: readonly EditorSection[]): ChangeView {
  const text = (value: unknown, editor: readonly EditorSection[]) => {
    if (value === undefined) return null;
    if (change.what === 'source') return describeSource(value as Source);
    const control = controlAt(editor, change.path);
    return control ? valueText(control, value) : JSON.stringify(value);
  };
  return {
    path: change.path,
    label: change.label,
    what: change.what,
    before: change.before,
    after: change.after,
    beforeText: text(change.before, editorBefore),
    afterText: text(change.after, change.what === 'removed' ? editorBefore : editorAfter),
  };
}
