import type { VersionSummary } from '../../shared/policy-contract.js';

type Path = (string | number)[];

const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const dayAndTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });

/** '2026-09-22T15:30:00Z' → '22 September 2026'. */
export const dateOf = (instant: string) => day.format(new Date(instant));
/** '2026-09-22T15:30:00Z' → '22 September 2026 at 16:30'. */
export const whenOf = (instant: string) => dayAndTime.format(new Date(instant));
/** A calendar date, '2027-09-07' → '7 September 2027' (no time zone shifts it). */
export const calendarDate = (date: string) => day.format(new Date(`${date}T12:00:00Z`));

/** What made a version, in words. */
export function versionWhat(v: VersionSummary): string {
  switch (v.kind) {
    case 'adopted':
      return 'Adopted';
    case 'edited':
      return 'Edited';
    case 'site_override':
      return `Values of its own for ${v.site?.name ?? 'a site'}`;
    case 'reviewed':
      return `Reviewed (${v.reviewCycle ?? 'review'})`;
    case 'upgraded':
      return 'New sections added by Continuum';
  }
}

/** An element id for a place in the document: ['sections', 'calendar', 'schoolDay'] → 'p-sections-calendar-schoolDay'. */
export const idOf = (path: Path) => `p-${path.join('-')}`;

export const startsWith = (path: Path, prefix: Path) => prefix.length <= path.length && prefix.every((p, i) => path[i] === p);

/** The value at a path of a JSON document, or undefined. */
export function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** A copy of `root` with `value` at `path` (the objects along the way copied, the rest shared). */
export function withValueAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path as [string | number, ...Path];
  if (Array.isArray(root)) {
    const copy: unknown[] = [...(root as unknown[])];
    copy[Number(key)] = withValueAt(copy[Number(key)], rest, value);
    return copy;
  }
  const copy: Record<string, unknown> = { ...(root as Record<string, unknown>) };
  copy[key] = withValueAt(copy[key], rest, value);
  return copy;
}
