import { z } from 'zod';
import type { EditorControl, EditorField, EditorItem, EditorOption, EditorSection } from '../../../shared/policy-contract.js';
import type { PolicyPath } from '../../../shared/policy.js';
import { ClockTime } from '../../../shared/organisation.js';
import { ROLE_LABELS } from '../../../shared/roles.js';
import { AGE_GROUP_LABELS } from '../live/policy.js';
import { WEEKDAY_NAMES } from '../organisation/policy.js';
import { SECTION_NAMES, SECTIONS, labelOf, type PolicyDocument } from './document.js';
import { ReviewCycle } from './review.js';

/**
 * R-POL-1: how a senior leader edits each value, worked out from the document's own zod schemas
 * (through JSON Schema), so a section a later module adds is editable without a new form. The
 * web app draws these controls; the server still checks every save with validatePolicy.
 */

interface JsonSchema {
  type?: string;
  enum?: (string | number)[];
  const?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

const toJson = (schema: z.ZodType) => z.toJSONSchema(schema, { unrepresentable: 'any' }) as JsonSchema;
const CLOCK_PATTERN = toJson(ClockTime).pattern;

/** Plain words for the values the sections use; anything else is shown with its underscores as spaces. */
const VALUE_LABELS: Readonly<Record<string, string>> = {
  ...ROLE_LABELS,
  school: 'School',
  special_school: 'Special school',
  further_education_college: 'Further-education college',
  training_provider: 'Training provider',
  pupils: 'Pupils',
  fe_learners: 'Further-education learners',
  apprentices: 'Apprentices',
  staff: 'Staff',
  learners: 'Learners',
  families: 'Parents and carers',
  employers: 'Employers',
  lockdown: 'A regional or national lockdown',
  closure: 'The school or centre cannot open safely',
  individual_isolation: 'A learner must isolate',
  bubble_isolation: 'A bubble isolates',
  case_by_case: 'Case by case, for one learner',
  blended_by_design: 'Courses planned as blended',
  fixed: 'Fixed hours',
  school_day: 'The school or centre day',
  contracted_hours: 'Their own contracted or directed hours',
  platform: 'The platform’s messages',
  email: 'School or work email',
  phone: 'School or work phone',
  video: 'Video call',
  never: 'Never',
  number_withheld: 'A personal phone, with the number withheld',
  as_soon_as_possible: 'As soon as possible',
  working_days: 'Within a set number of working days',
  always: 'Always',
  while_bubble_isolating: 'Only while a bubble is isolating',
  week: 'Weeks',
  month: 'Months',
  year: 'Years',
  end_of_school_day: 'By the end of the school day it came in',
  host: 'The host of the session',
  when_host_allows: 'Only while the host allows it',
  allowed: 'Allowed',
  senior_manager_authorisation: 'Only with a senior manager’s recorded authorisation',
  off: 'Off',
  host_only: 'Learners to the host only',
  everyone: 'Everyone',
};

/** Names of the parts of a value (a window's start and end, an interval's count). */
const PART_LABELS: Readonly<Record<string, string>> = {
  start: 'From',
  end: 'Until',
  from: 'From age',
  to: 'Up to age',
  days: 'Working days',
  count: 'Every',
  unit: 'Weeks, months or years',
  maxSubjectsPerDay: 'Subjects due on one day, at most',
  missed: 'Deadlines missed',
  withinDays: 'Within days',
  retentionDays: 'Days kept',
  messages: 'Messages',
  perSeconds: 'In seconds',
  ...AGE_GROUP_LABELS,
};

/** For values that may be left unset: what "none" and "some" mean for that value. */
const OPTIONAL_LABELS: Readonly<Record<string, readonly [none: string, some: string]>> = {
  ageRange: ['The policy states no ages', 'Learners are of these ages'],
  to: ['No upper age', 'Up to an age'],
  notExpectedAfter: ['No cut-off beyond their hours', 'No messages expected after a time'],
  responseHours: ['Within their working hours', 'Between set times'],
  setBy: ['No daily time', 'Set by a time each day'],
  deadlineSpacing: ['Not checked', 'Limit subjects due on one day'],
  screenFreeMinimum: ['No minimum', 'At least this per cent'],
  similarityThreshold: ['No similarity check', 'Show answers at least this per cent alike'],
  nonCompletion: ['Never referred', 'Referred after missed deadlines'],
  complaintWindowDays: ['No time limit', 'Within a number of days'],
  maxMinutes: ['No longest length', 'At most these minutes for each age'],
};

/** Options whose values are numbers with names (ISO weekdays). */
const NUMBER_OPTION_LABELS: Readonly<Record<string, Readonly<Record<number, string>>>> = { workingDays: WEEKDAY_NAMES };

const humanise = (value: string) => {
  const words = value.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};
const valueLabel = (value: string) => VALUE_LABELS[value] ?? humanise(value);

function options(values: readonly (string | number)[], key: string): EditorOption[] {
  return values.map((value) => ({ value, label: typeof value === 'number' ? (NUMBER_OPTION_LABELS[key]?.[value] ?? String(value)) : valueLabel(value) }));
}

function range(min: number, max: number): number[] {
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/** The control for a value of this JSON Schema; `key` names the value, for its labels. */
function controlOf(schema: JsonSchema, key: string): EditorControl {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    const some = alternatives.filter((s) => s.type !== 'null');
    if (some.length === 1 && some.length < alternatives.length) {
      const [none, someLabel] = OPTIONAL_LABELS[key] ?? ['None', 'Set a value'];
      return { type: 'optional', noneLabel: none, someLabel, control: controlOf(some[0]!, key) };
    }
    if (some.every((s) => typeof s.properties?.kind?.const === 'string')) {
      return {
        type: 'variant',
        options: some.map((s) => ({ value: s.properties!.kind!.const!, label: valueLabel(s.properties!.kind!.const!), fields: fieldsOf(s, ['kind']) })),
      };
    }
  }
  if (schema.enum) return { type: 'choice', options: options(schema.enum, key) };
  switch (schema.type) {
    case 'boolean':
      return { type: 'boolean' };
    case 'string':
      return schema.pattern !== undefined && schema.pattern === CLOCK_PATTERN ? { type: 'time' } : { type: 'text' };
    case 'integer':
    case 'number':
      return { type: 'number', min: schema.minimum ?? null, max: schema.maximum ?? null };
    case 'array': {
      const item = schema.items ?? {};
      if (item.enum) return { type: 'set', options: options(item.enum, key) };
      if (item.type === 'integer' && item.minimum !== undefined && item.maximum !== undefined && item.maximum - item.minimum < 12) {
        return { type: 'set', options: options(range(item.minimum, item.maximum), key) };
      }
      return { type: 'text' };
    }
    case 'object':
      return { type: 'group', fields: fieldsOf(schema) };
    case undefined:
    default:
      return { type: 'text' };
  }
}

function fieldsOf(schema: JsonSchema, skip: string[] = []): EditorField[] {
  return Object.entries(schema.properties ?? {})
    .filter(([key]) => !skip.includes(key))
    .map(([key, s]) => ({ key, label: PART_LABELS[key] ?? humanise(key), control: controlOf(s, key) }));
}

/** The items of one object whose properties are cited values or lists of them. */
function itemsOf(schema: JsonSchema, at: PolicyPath, label: (key: string) => string, skip: string[] = []): EditorItem[] {
  return Object.entries(schema.properties ?? {})
    .filter(([key]) => !skip.includes(key))
    .map(([key, s]) => {
      const list = s.type === 'array';
      const value = list ? s.items?.properties?.value : s.properties?.value;
      const control = controlOf(value ?? {}, key);
      return { path: [...at, key], label: label(key), list, control: list && control.type === 'choice' ? { type: 'set', options: control.options } : control };
    });
}

let sectionEditors: EditorSection[] | undefined;
let cycleSchema: JsonSchema | undefined;

/** The editor of every section of the document and of each of its review cycles. */
export function editorFor(doc: PolicyDocument): EditorSection[] {
  sectionEditors ??= SECTION_NAMES.map((name) => ({
    key: name,
    title: SECTIONS[name].title,
    items: itemsOf(toJson(SECTIONS[name].schema), ['sections', name], (key) => SECTIONS[name].labels[key] ?? humanise(key)),
  }));
  cycleSchema ??= toJson(ReviewCycle);
  const review: EditorSection = {
    key: 'review',
    title: 'Review of this policy',
    items: doc.review.cycles.flatMap((_cycle, i) => itemsOf(cycleSchema!, ['review', 'cycles', i], (key) => labelOf(['review', 'cycles', i, key], doc), ['id'])),
  };
  return [...sectionEditors, review];
}

/** A value in words, as its control shows it: "08:45–15:15", "Monday, Tuesday", "Yes". */
export function valueText(control: EditorControl, value: unknown): string {
  switch (control.type) {
    case 'boolean':
      return value === true ? 'Yes' : 'No';
    case 'choice':
      return control.options.find((o) => o.value === value)?.label ?? String(value);
    case 'set':
      return Array.isArray(value) ? value.map((v: unknown) => control.options.find((o) => o.value === v)?.label ?? String(v)).join(', ') : String(value);
    case 'time':
    case 'text':
    case 'number':
      return String(value);
    case 'group': {
      const record = (value ?? {}) as Record<string, unknown>;
      const [a, b] = control.fields;
      if (control.fields.length === 2 && a?.control.type === 'time' && b?.control.type === 'time') return `${String(record[a.key])}–${String(record[b.key])}`;
      return control.fields.map((f) => `${f.label} ${valueText(f.control, record[f.key])}`).join(', ');
    }
    case 'optional':
      return value === null || value === undefined ? control.noneLabel : valueText(control.control, value);
    case 'variant': {
      const record = (value ?? {}) as Record<string, unknown>;
      const option = control.options.find((o) => o.value === record.kind);
      if (!option) return JSON.stringify(value);
      const [only] = option.fields;
      if (option.fields.length === 1 && only) return `${option.label}: ${valueText(only.control, record[only.key])}`;
      const parts = option.fields.map((f) => `${f.label.toLowerCase()} ${valueText(f.control, record[f.key])}`);
      return parts.length ? `${option.label}: ${parts.join(', ')}` : option.label;
    }
  }
}

/** The control that shows the value at `path`: a cited value's, or one item's of a list of them. */
export function controlAt(editor: readonly EditorSection[], path: PolicyPath): EditorControl | null {
  const key = JSON.stringify(path);
  const parent = JSON.stringify(path.slice(0, -1));
  for (const section of editor) {
    for (const item of section.items) {
      const at = JSON.stringify(item.path);
      if (at === key) return item.control;
      if (item.list && at === parent && item.control.type === 'set') return { type: 'choice', options: item.control.options };
    }
  }
  return null;
}
