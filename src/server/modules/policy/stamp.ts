import { isDeepStrictEqual } from 'node:util';
import { isCitedNode, type LocalSource } from './cited.js';

/**
 * R-POL-1: who, when and why, on every value a person changes. Given the version before and the
 * one submitted, each cited value whose value is new or changed gets `decision` as its source
 * (a local decision, made here), unless the submission cites a seed line or a platform default
 * for it instead (checked later against the seeds); a value sent bare, `{ value }` (a channel the
 * editor added), is stamped the same way. A value left as it was keeps its source, so
 * no one can re-attribute an earlier decision. Lists of cited values are matched by value and
 * review cycles by id, as the comparison does (diff.ts). Returns a new object; neither input changes.
 */
export function stampDecisions(before: unknown, after: unknown, decision: LocalSource): unknown {
  if (isCitedNode(after) || isBareValue(after)) {
    const source: unknown = 'source' in after ? after.source : undefined;
    const old = isCitedNode(before) ? before : undefined;
    if (old && isDeepStrictEqual(old.value, after.value)) {
      return { value: after.value, source: isFreshCitation(source, old.source) ? source : old.source };
    }
    return { value: after.value, source: isFreshCitation(source, old?.source) ? source : { ...decision } };
  }
  if (Array.isArray(after)) {
    const olds = Array.isArray(before) ? before : [];
    return after.map((item: unknown, i) => stampDecisions(matching(olds, item) ?? (isCitedNode(item) || isBareValue(item) ? undefined : olds[i]), item, decision));
  }
  if (isRecord(after)) {
    const olds = isRecord(before) ? before : {};
    return Object.fromEntries(Object.entries(after).map(([key, value]) => [key, stampDecisions(olds[key], value, decision)]));
  }
  return after;
}

/** `{ value }` with no source yet: a value the editor added (a new channel), to be stamped. */
function isBareValue(node: unknown): node is { value: unknown } {
  return isRecord(node) && Object.keys(node).length === 1 && 'value' in node;
}

/** A seed line or platform default that differs from the source before: a person re-citing the value. */
function isFreshCitation(source: unknown, old: unknown): boolean {
  if (!isRecord(source) || (source.kind !== 'seed' && source.kind !== 'default')) return false;
  return !isDeepStrictEqual(source, old);
}

/** The earlier item this one continues: the cited value with the same value, or the review cycle with the same id. */
function matching(olds: readonly unknown[], item: unknown): unknown {
  if (isCitedNode(item) || isBareValue(item)) return olds.find((o) => isCitedNode(o) && isDeepStrictEqual(o.value, item.value));
  if (isRecord(item) && typeof item.id === 'string') return olds.find((o) => isRecord(o) && o.id === item.id);
  return undefined;
}

function isRecord(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}
