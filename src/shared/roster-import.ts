import { z } from 'zod';

/** The API contract of roster import (R-ORG-3). The web app imports only the types. */

export const ROSTER_KINDS = [
  'sites',
  'terms',
  'yearGroups',
  'classes',
  'people',
  'roles',
  'guardianships',
  'classStaff',
  'enrolments',
  'yearGroupPlaces',
] as const;
export const RosterKind = z.enum(ROSTER_KINDS);
export type RosterKind = z.infer<typeof RosterKind>;

export const RosterFieldChange = z.object({
  field: z.string(),
  /** Null for a blank value, and for values the report does not keep (birth dates). */
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type RosterFieldChange = z.infer<typeof RosterFieldChange>;

/** One record in the report: its MIS key (sourcedId, or what identifies a link) and a readable label. */
export const RosterExample = z.object({
  key: z.string(),
  label: z.string(),
  changes: z.array(RosterFieldChange).optional(),
});
export type RosterExample = z.infer<typeof RosterExample>;

export const RosterKindReport = z.object({
  kind: RosterKind,
  /** What the records are, for people: "Class enrolments". */
  label: z.string(),
  added: z.number().int(),
  changed: z.number().int(),
  ended: z.number().int(),
  unchanged: z.number().int(),
  /** The first few of each, not all (see EXAMPLES_PER_ACTION). */
  examples: z.object({ added: z.array(RosterExample), changed: z.array(RosterExample), ended: z.array(RosterExample) }),
});
export type RosterKindReport = z.infer<typeof RosterKindReport>;

export const RosterFileMode = z.enum(['absent', 'bulk', 'delta']);
export const RosterReport = z.object({
  files: z.array(z.object({ name: z.string(), mode: RosterFileMode })),
  source: z.object({ systemName: z.string().nullable(), systemCode: z.string().nullable() }),
  kinds: z.array(RosterKindReport),
  /** Things the admin should know that are not changes: what was left alone and why. */
  notes: z.array(z.string()),
});
export type RosterReport = z.infer<typeof RosterReport>;

export const RosterProblem = z.object({
  file: z.string(),
  line: z.number().int().nullable(),
  field: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type RosterProblem = z.infer<typeof RosterProblem>;

export const RosterProgress = z.object({
  phase: z.enum(['reading', 'comparing']),
  /** The file being read, e.g. users.csv. */
  file: z.string().nullable(),
  rows: z.number().int(),
  bytesRead: z.number().int(),
  totalBytes: z.number().int(),
});
export type RosterProgress = z.infer<typeof RosterProgress>;

/**
 * reading: uploaded, being read and compared (see progress); previewed: the report is ready to
 * apply or discard; failed: the files have problems, nothing was written; applied; discarded.
 */
export const RosterImportStatus = z.enum(['reading', 'previewed', 'applied', 'failed', 'discarded']);
export type RosterImportStatus = z.infer<typeof RosterImportStatus>;

const Person = z.object({ id: z.string().uuid(), displayName: z.string() });

export const RosterImportSummary = z.object({
  id: z.string().uuid(),
  status: RosterImportStatus,
  startedAt: z.string().datetime(),
  startedBy: Person.nullable(),
  appliedAt: z.string().datetime().nullable(),
  /** Rows read from the files. */
  rows: z.number().int(),
  totals: z.object({ added: z.number().int(), changed: z.number().int(), ended: z.number().int() }).nullable(),
  problemCount: z.number().int(),
});
export type RosterImportSummary = z.infer<typeof RosterImportSummary>;

export const RosterImport = RosterImportSummary.extend({
  progress: RosterProgress.nullable(),
  report: RosterReport.nullable(),
  /** At most 500, then one "and N more". */
  problems: z.array(RosterProblem),
  /** Why the import failed when it is not the files' fault (for example the organisation changed). */
  message: z.string().nullable(),
  can: z.object({ apply: z.boolean(), discard: z.boolean() }),
});
export type RosterImport = z.infer<typeof RosterImport>;

export const RosterImportList = z.object({ imports: z.array(RosterImportSummary) });
export type RosterImportList = z.infer<typeof RosterImportList>;

export const RosterImportParams = z.object({ importId: z.string().uuid() });
export type RosterImportParams = z.infer<typeof RosterImportParams>;
