import { z } from 'zod';
import type { PolicyPath, PolicyProblem } from '../../../shared/policy.js';
import { SECTION_NAMES, SectionOverrides, problemsFrom, validatePolicy, type PolicyDocument } from './document.js';

/**
 * R-POL-1: a site may override any value of its organisation's policy ("overridable per site").
 * An override mirrors the document's `sections`, with only the values it changes; each value is
 * still cited: a seed line, a platform default, or a local decision `{ kind: 'local', by, at, why }`.
 * The review cycle belongs to the organisation and is not overridden per site.
 */
export const PolicyOverride = z.strictObject({ sections: SectionOverrides });
export type PolicyOverride = z.infer<typeof PolicyOverride>;

export type EffectivePolicy =
  | { ok: true; doc: PolicyDocument; /** The paths the override replaced. */ overridden: PolicyPath[] }
  | { ok: false; problems: PolicyProblem[] };

/**
 * The policy a site runs under: the organisation's document with the site's override laid over
 * it, value by value. Problems are located at the same paths in the override and the document
 * (['sections', 'calendar', 'schoolDay', 'value', 'end']), so a form can show them in place.
 * Neither input is changed.
 */
export function effectivePolicy(orgDoc: PolicyDocument, siteOverride?: unknown): EffectivePolicy {
  const base = validatePolicy(orgDoc);
  if (!base.ok) return base;
  if (siteOverride === undefined) return { ok: true, doc: base.doc, overridden: [] };

  const parsed = PolicyOverride.safeParse(siteOverride);
  if (!parsed.success) return { ok: false, problems: problemsFrom(parsed.error, siteOverride) };

  const merged = structuredClone(base.doc);
  const overridden: PolicyPath[] = [];
  for (const name of SECTION_NAMES) {
    const changes = parsed.data.sections[name];
    if (!changes) continue;
    const target = merged.sections[name] as Record<string, unknown>;
    for (const [field, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      target[field] = structuredClone(value);
      overridden.push(['sections', name, field]);
    }
  }

  const result = validatePolicy(merged);
  return result.ok ? { ok: true, doc: result.doc, overridden } : result;
}

/** An override with every section present (empty when it sets nothing there), so changes are listed value by value. */
export function overrideWithAllSections(override: PolicyOverride | undefined): PolicyOverride {
  return { sections: Object.fromEntries(SECTION_NAMES.map((name) => [name, override?.sections[name] ?? {}])) };
}

/** The override without empty sections, or undefined when it sets nothing at all. */
export function overrideWithoutEmptySections(override: PolicyOverride): PolicyOverride | undefined {
  const sections = Object.fromEntries(Object.entries(override.sections).filter(([, values]) => values && Object.keys(values).length > 0));
  return Object.keys(sections).length > 0 ? { sections } : undefined;
}
