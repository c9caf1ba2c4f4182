import { z } from 'zod';
import type { PolicyPath, PolicyProblem, PresetId as SharedPresetId } from '../../../shared/policy.js';
import { COMMUNICATION_LABELS, CommunicationPolicy, CommunicationPolicyShape } from '../messaging/policy.js';
import {
  CALENDAR_LABELS,
  CalendarPolicy,
  CalendarPolicyShape,
  ORGANISATION_LABELS,
  OrganisationPolicy,
  OrganisationPolicyShape,
  STAFF_HOURS_LABELS,
  StaffHoursPolicy,
  StaffHoursPolicyShape,
} from '../organisation/policy.js';
import { LIVE_LABELS, LivePolicy, LivePolicyShape } from '../live/policy.js';
import { WORK_LABELS, WorkPolicy, WorkPolicyShape } from '../work/policy.js';
import { REVIEW_CYCLE_LABELS, ReviewSection } from './review.js';

/**
 * R-POL-1: one typed, versioned policy document per organisation. Its sections are owned by the
 * modules that enforce them (each module's policy.ts) and assembled here, in one explicit list.
 *
 * Adding a section (work, live, attendance, safeguarding…): write `<module>/policy.ts` with the
 * section's shape, refined schema, labels and defaults; add one line to SECTIONS below. TypeScript
 * then asks for the section in every preset and a renderer in prose.ts; nothing registers itself.
 */

export const PRESET_IDS = [
  'further-education-lockdown',
  'school-closure',
  'blended-school-bubbles',
  'blended-training-provider',
  'special-school-case-by-case',
] as const;
export const PresetId = z.enum(PRESET_IDS);
export type PresetId = z.infer<typeof PresetId>;

/** A section: its schema (with its own checks), the bare shape for site overrides, and names for people. */
function section<S extends z.ZodRawShape, T extends z.ZodType>(title: string, shape: S, schema: T, labels: Record<keyof S & string, string>) {
  return { title, schema, override: z.strictObject(shape).partial(), labels: labels as Readonly<Record<string, string>> };
}

export const SECTIONS = {
  organisation: section('About the institution', OrganisationPolicyShape, OrganisationPolicy, ORGANISATION_LABELS),
  calendar: section('Calendar', CalendarPolicyShape, CalendarPolicy, CALENDAR_LABELS),
  staffHours: section('Staff hours', StaffHoursPolicyShape, StaffHoursPolicy, STAFF_HOURS_LABELS),
  communication: section('Communication', CommunicationPolicyShape, CommunicationPolicy, COMMUNICATION_LABELS),
  work: section('Remote work', WorkPolicyShape, WorkPolicy, WORK_LABELS),
  live: section('Live lessons and 1-1 sessions', LivePolicyShape, LivePolicy, LIVE_LABELS),
};
type Sections = typeof SECTIONS;
export type SectionName = keyof Sections;
export const SECTION_NAMES = Object.keys(SECTIONS) as SectionName[];

function pick<K extends 'schema' | 'override'>(key: K): { [N in SectionName]: Sections[N][K] } {
  return Object.fromEntries(SECTION_NAMES.map((name) => [name, SECTIONS[name][key]])) as { [N in SectionName]: Sections[N][K] };
}

export const PolicySections = z.strictObject(pick('schema'));
export type PolicySections = z.infer<typeof PolicySections>;

/** What a site may override: any value of any section, each still cited (R-POL-1). */
export const SectionOverrides = z.strictObject(pick('override')).partial();
export type SectionOverrides = z.infer<typeof SectionOverrides>;

export const PolicyDocument = z
  .strictObject({
    schemaVersion: z.literal(1),
    /** The preset this document started from. */
    preset: PresetId,
    name: z.string().trim().min(1, 'Give the policy a name.'),
    review: ReviewSection,
    sections: PolicySections,
  })
  .superRefine((doc, ctx) => {
    doc.review.cycles.forEach((cycle, i) => {
      if (cycle.when.value === 'while_bubble_isolating' && !doc.sections.calendar.bubbles.value) {
        ctx.addIssue({ code: 'custom', path: ['review', 'cycles', i, 'when', 'value'], message: 'A review runs while a bubble is isolating, but this policy has no bubbles.' });
      }
    });
  });
export type PolicyDocument = z.infer<typeof PolicyDocument>;

export type PolicyValidation = { ok: true; doc: PolicyDocument } | { ok: false; problems: PolicyProblem[] };

/** R-POL-1: whether this is a complete, consistent, fully cited policy; if not, what is wrong and where. */
export function validatePolicy(input: unknown): PolicyValidation {
  const parsed = PolicyDocument.safeParse(input);
  return parsed.success ? { ok: true, doc: parsed.data } : { ok: false, problems: problemsFrom(parsed.error, input) };
}

/** What a person calls the value at a path: "Staff hours — teachers' hours". */
export function labelOf(path: readonly PropertyKey[], doc?: unknown): string {
  const [top, second, third, fourth] = path;
  if (top === 'sections' && typeof second === 'string' && second in SECTIONS) {
    const s = SECTIONS[second as SectionName];
    const field = typeof third === 'string' ? s.labels[third] : undefined;
    if (!field) return s.title;
    return typeof fourth === 'number' ? `${s.title} — ${lower(field)} (item ${fourth + 1})` : `${s.title} — ${lower(field)}`;
  }
  if (top === 'review') {
    if (second !== 'cycles' || typeof third !== 'number') return 'Review of this policy';
    const id = valueAt(doc, ['review', 'cycles', third, 'id']);
    const cycle = typeof id === 'string' ? `review “${id}”` : `review cycle ${third + 1}`;
    const field = typeof fourth === 'string' && fourth in REVIEW_CYCLE_LABELS ? REVIEW_CYCLE_LABELS[fourth as keyof typeof REVIEW_CYCLE_LABELS] : undefined;
    return field ? `Review of this policy — ${cycle}: ${lower(field)}` : `Review of this policy — ${cycle}`;
  }
  if (top === 'name') return 'The policy’s name';
  if (top === 'preset') return 'The preset';
  if (top === 'schemaVersion') return 'The document version';
  return 'The policy';
}

const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** The value at a path, or undefined when any step is missing. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** Where a `{ value, source }` sits: a section's field or list item, or a review cycle's field. */
function isCitedPosition(path: readonly PropertyKey[]): boolean {
  if (path[0] === 'sections') return path.length === 3 || (path.length === 4 && typeof path[3] === 'number');
  return path[0] === 'review' && path[1] === 'cycles' && path.length === 4 && path[3] !== 'id';
}

/** zod's issues as problems a person can act on, each at its place in the document. */
export function problemsFrom(error: z.ZodError, input: unknown, base: PolicyPath = []): PolicyProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const full = [...base, ...path];
    return { path: full, code: 'policy.invalid', message: messageFor(issue, path, input, full) };
  });
}

function messageFor(issue: z.core.$ZodIssue, path: PolicyPath, input: unknown, full: PolicyPath): string {
  const label = labelOf(full, input);
  const value = valueAt(input, path);
  const last = path[path.length - 1];
  if (issue.code === 'custom') return issue.message;
  const sourceKind = last === 'kind' && path[path.length - 2] === 'source';
  if (last === 'source' && value === undefined) return `${label} has no source: cite the seed line it comes from, or say why the platform default applies.`;
  if (last === 'source' || sourceKind) return `${label} has a source that is not a seed line, a platform default or a decision made here.`;
  if (issue.code === 'invalid_type' && isCitedPosition(full) && value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    return `${label} has no source: give it as a value with the seed line it comes from, or say why the platform default applies.`;
  }
  if (issue.code === 'invalid_type' && value === undefined) return `${label} is missing.`;
  if (issue.code === 'unrecognized_keys') return `${label} has ${issue.keys.map((k) => `“${k}”`).join(', ')}, which the policy does not know.`;
  if (issue.code === 'invalid_value') return `${label} must be one of: ${issue.values.map(String).join(', ')}.`;
  if (issue.code === 'invalid_union') return `${label} is not in a form the policy knows.`;
  return `${label}: ${issue.message}`;
}

// The web app names presets from src/shared/policy.ts without zod; keep the lists identical.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Expect<T extends true> = T;
export type PresetIdMatchesShared = Expect<Same<PresetId, SharedPresetId>>;
