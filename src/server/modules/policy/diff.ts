import { isDeepStrictEqual } from 'node:util';
import type { PolicyChange, PolicyPath } from '../../../shared/policy.js';
import { isCitedNode } from './cited.js';
import { labelOf, type PolicyDocument } from './document.js';

/**
 * R-POL-1: what changed between two versions of a policy, one entry per changed value. A cited
 * value is one unit: a new value is a 'value' change (before and after are the values); the same
 * value with a new citation is a 'source' change (before and after are the sources). Lists of
 * cited values are matched by value and review cycles by id, so removing one channel reports one
 * removal rather than every later item shifting up; a removed item's path indexes the list
 * before, an added or changed item's path the list after.
 */
export function diffPolicies(before: PolicyDocument, after: PolicyDocument): PolicyChange[] {
  return diffCited(before, after);
}

/**
 * The same comparison for any two parts of policies shaped like the document, such as two
 * versions of a site's override (`{ sections: … }`): its paths and labels are the document's.
 */
export function diffCited(before: unknown, after: unknown): PolicyChange[] {
  const changes: PolicyChange[] = [];
  const push = (path: PolicyPath, what: PolicyChange['what'], b: unknown, a: unknown) => {
    changes.push({ path, before: b, after: a, label: labelOf(path, what === 'removed' ? before : after), what });
  };

  const walk = (b: unknown, a: unknown, path: PolicyPath): void => {
    if (isDeepStrictEqual(b, a)) return;
    // A whole section (or group) added or removed is reported value by value, as people read it.
    if ((b === undefined && isGroup(a)) || (a === undefined && isGroup(b))) {
      for (const key of Object.keys((a ?? b) as object)) walk((b as Record<string, unknown> | undefined)?.[key], (a as Record<string, unknown> | undefined)?.[key], [...path, key]);
      return;
    }
    if (b === undefined) return push(path, 'added', undefined, unwrap(a));
    if (a === undefined) return push(path, 'removed', unwrap(b), undefined);
    if (isCitedNode(b) && isCitedNode(a)) {
      if (!isDeepStrictEqual(b.value, a.value)) return push(path, 'value', b.value, a.value);
      return push(path, 'source', b.source, a.source);
    }
    if (Array.isArray(b) && Array.isArray(a)) return walkList(b, a, path);
    if (isPlainObject(b) && isPlainObject(a)) {
      const keys = [...Object.keys(b), ...Object.keys(a).filter((k) => !(k in b))];
      for (const key of keys) walk(b[key], a[key], [...path, key]);
      return;
    }
    push(path, 'value', b, a);
  };

  const walkList = (b: readonly unknown[], a: readonly unknown[], path: PolicyPath): void => {
    const key = listKey(b, a);
    if (!key) {
      for (let i = 0; i < Math.max(b.length, a.length); i++) walk(b[i], a[i], [...path, i]);
      return;
    }
    const afterKeys = a.map(key);
    const beforeKeys = b.map(key);
    b.forEach((item, i) => {
      const j = afterKeys.indexOf(beforeKeys[i] ?? '');
      if (j === -1) push([...path, i], 'removed', unwrap(item), undefined);
      else walk(item, a[j], [...path, j]);
    });
    a.forEach((item, j) => {
      if (!beforeKeys.includes(afterKeys[j] ?? '')) push([...path, j], 'added', undefined, unwrap(item));
    });
  };

  walk(before, after, []);
  return changes;
}

/** How to match items of a list: cited values by their value, review cycles by id; otherwise by position. */
function listKey(b: readonly unknown[], a: readonly unknown[]): ((item: unknown) => string) | null {
  const all = [...b, ...a];
  if (all.length === 0) return null;
  if (all.every(isCitedNode)) return (item) => JSON.stringify(isCitedNode(item) ? item.value : item);
  if (all.every((item) => isPlainObject(item) && typeof item.id === 'string')) return (item) => String(isPlainObject(item) ? item.id : '');
  return null;
}

const unwrap = (node: unknown) => (isCitedNode(node) ? node.value : node);

function isPlainObject(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

/** An object of cited values (a section), not a cited value itself. */
function isGroup(node: unknown): node is Record<string, unknown> {
  return isPlainObject(node) && !isCitedNode(node);
}
