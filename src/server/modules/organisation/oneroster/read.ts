import type { z } from 'zod';
import { DamagedArchive, openBundle, type BundleEntries, type BundleEntry, type RosterSource } from './bundle-source.js';
import { csvRows } from './csv-rows.js';
import {
  csvFileName,
  MANIFEST_FILE,
  MANIFEST_FILE_NAMES,
  OPTIONAL_EXTRA_COLUMNS,
  parseManifest,
  ROSTER_COLUMNS,
  ROSTER_FILE_NAMES,
  type FileMode,
  type Manifest,
  type ManifestRow,
  type RosterFileName,
} from './manifest.js';
import { ProblemList, quoted, where, type RosterProblem } from './problems.js';
import {
  AcademicSession,
  Course,
  Demographic,
  Enrollment,
  fieldProblemCode,
  Org,
  RosterClass,
  RosterRole,
  RosterUser,
  UserProfile,
} from './records.js';
import { COMPACT, Interner, type RosterRecords } from './compact.js';
import { validateRoster, type ExternalReference, type IdSet } from './validate.js';

export type { RosterSource } from './bundle-source.js';

/**
 * R-ORG-3: a OneRoster 1.2 CSV bundle, read and checked. The caller diffs it against the
 * database; `externalReferences` lists what delta or absent files point at that this bundle does
 * not hold, for the caller to find in the database.
 */
export interface RosterBundle extends RosterRecords {
  manifest: Manifest;
  externalReferences: ExternalReference[];
}

export interface RosterProgress {
  /** The file being read, e.g. "users.csv". */
  file: string;
  /** Data rows read from that file so far. */
  rows: number;
  /** Bytes read across the whole bundle so far, and in all the files to be read. */
  bytesRead: number;
  totalBytes: number;
}

export interface ReadRosterOptions {
  onProgress?: (progress: RosterProgress) => void;
}

export interface ReadRosterResult {
  /** Null whenever there is any problem, so the caller writes nothing from a faulty export. */
  bundle: RosterBundle | null;
  /** Every problem found, at most 500 and then one "and N more". */
  problems: RosterProblem[];
  /** How many problems there are in all, listed or not. */
  problemCount: number;
}

const SCHEMAS = {
  orgs: Org,
  academicSessions: AcademicSession,
  courses: Course,
  classes: RosterClass,
  users: RosterUser,
  roles: RosterRole,
  userProfiles: UserProfile,
  enrollments: Enrollment,
  demographics: Demographic,
} as const;

const PROGRESS_EVERY = 1000;

interface Reading {
  problems: ProblemList;
  progress: (file: string, rows: number, bytesInFile: number) => void;
}

/** Edit distance, for suggesting the column an admin probably meant. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function nearestColumn(name: string, known: readonly string[]): string | null {
  let best: { column: string; d: number } | null = null;
  for (const column of known) {
    const d = column.toLowerCase() === name.toLowerCase() ? 0 : distance(name, column);
    if (d <= 2 && (best === null || d < best.d)) best = { column, d };
  }
  return best?.column ?? null;
}

/** Maps a header row to column positions, reporting duplicate and missing columns. */
function readHeader(file: string, header: string[], known: readonly string[], required: readonly string[], reading: Reading) {
  const positions = new Map<string, number>();
  header.forEach((raw, i) => {
    const name = raw.trim();
    if (positions.has(name)) {
      reading.problems.add({
        file,
        line: 1,
        field: name,
        code: 'organisation.roster.duplicate_column',
        message: `${where(file, 1)}: the column ${name} appears twice in the header; keep one.`,
      });
    } else if (name !== '') {
      positions.set(name, i);
    }
  });
  for (const [name] of positions) {
    if (known.includes(name) || name.startsWith('metadata.')) continue;
    const near = nearestColumn(name, known);
    reading.problems.add({
      file,
      line: 1,
      field: name,
      code: 'organisation.roster.unknown_column',
      message: `${where(file, 1)}: ${name} is not a OneRoster 1.2 column of ${file}${near === null ? '' : `; did you mean ${near}?`} Extra columns must start with metadata.`,
    });
  }
  const missing = required.filter((c) => !positions.has(c));
  for (const column of missing) {
    reading.problems.add({
      file,
      line: 1,
      field: column,
      code: 'organisation.roster.missing_column',
      message: `${where(file, 1)}: the header has no ${column} column, which OneRoster 1.2 requires in ${file}.`,
    });
  }
  const columns = known.flatMap((c) => {
    const at = positions.get(c);
    return at === undefined ? [] : [[c, at] as const];
  });
  return { columns, complete: missing.length === 0 };
}

function fieldMessage(file: string, line: number, field: string, value: string, code: string, reason: string): string {
  return code === 'missing_value' ? `${where(file, line)}: ${field} is blank; ${reason}` : `${where(file, line)}: ${field} ${quoted(value)} ${reason}`;
}

async function readRecords<T extends { sourcedId: string; line: number }, C>(
  name: RosterFileName,
  mode: Exclude<FileMode, 'absent'>,
  entry: BundleEntry,
  schema: z.ZodType<T>,
  compact: (record: T) => C,
  reading: Reading,
): Promise<{ records: C[]; ids: IdSet; readable: boolean }> {
  const file = csvFileName(name);
  const spec = ROSTER_COLUMNS[name];
  const known = [...spec.columns, ...(OPTIONAL_EXTRA_COLUMNS[name] ?? [])];
  const records: C[] = [];
  const firstLine = new Map<string, number>();
  let columns: (readonly [string, number])[] | null = null;
  let rows = 0;
  let bytesInFile = 0;

  const skippedIds = new Set<string>();
  const rowIterator = csvRows(file, entry.open(), {
    problem: (p) => reading.problems.add(p),
    bytes: (read) => {
      bytesInFile = read;
    },
    skipped: (id) => skippedIds.add(id),
  });
  for await (const row of rowIterator) {
    if (columns === null) {
      const header = readHeader(file, row.fields, known, spec.required, reading);
      // Without its required columns every row would fail the same way: report the header only.
      if (!header.complete) return { records: [], ids: { has: () => false }, readable: false };
      columns = header.columns;
      continue;
    }
    rows++;
    if (rows % PROGRESS_EVERY === 0) reading.progress(file, rows, bytesInFile);

    const input: Record<string, string | number> = { line: row.line };
    for (const c of known) input[c] = '';
    for (const [c, at] of columns) input[c] = row.fields[at] ?? '';

    const sourcedId = String(input['sourcedId']);
    let ok = true;
    if (sourcedId !== '') {
      const first = firstLine.get(sourcedId);
      if (first === undefined) firstLine.set(sourcedId, row.line);
      else {
        ok = false;
        reading.problems.add({
          file,
          line: row.line,
          field: 'sourcedId',
          code: 'organisation.roster.duplicate_id',
          message: `${where(file, row.line)}: sourcedId ${quoted(sourcedId)} is already used on line ${first}; every record in ${file} needs its own sourcedId.`,
        });
      }
    }
    if (mode === 'delta') {
      for (const field of ['status', 'dateLastModified'] as const) {
        if (input[field] !== '') continue;
        ok = false;
        reading.problems.add({
          file,
          line: row.line,
          field,
          code: 'organisation.roster.missing_value',
          message: `${where(file, row.line)}: ${field} is blank; in a delta file every record needs ${field === 'status' ? 'status active or tobedeleted' : 'the time it last changed'}.`,
        });
      }
    }

    const parsed = schema.safeParse(input);
    if (parsed.success) {
      if (ok) records.push(compact(parsed.data));
      continue;
    }
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      const code = fieldProblemCode(issue);
      reading.problems.add({
        file,
        line: row.line,
        field,
        code: `organisation.roster.${code}`,
        message: fieldMessage(file, row.line, field, String(input[field] ?? ''), code, issue.message),
      });
    }
  }
  reading.progress(file, rows, bytesInFile);
  const ids: IdSet = { has: (id) => firstLine.has(id) || skippedIds.has(id) };
  return { records, ids, readable: columns !== null };
}

async function readManifestRows(entry: BundleEntry, problems: ProblemList): Promise<ManifestRow[] | null> {
  const rows: ManifestRow[] = [];
  let positions: { property: number; value: number } | null = null;
  for await (const row of csvRows(MANIFEST_FILE, entry.open(), { problem: (p) => problems.add(p), bytes: () => undefined })) {
    if (positions === null) {
      const names = row.fields.map((f) => f.trim());
      const property = names.indexOf('propertyName');
      const value = names.indexOf('value');
      for (const [column, at] of [['propertyName', property], ['value', value]] as const) {
        if (at !== -1) continue;
        problems.add({
          file: MANIFEST_FILE,
          line: 1,
          field: column,
          code: 'organisation.roster.missing_column',
          message: `${where(MANIFEST_FILE, 1)}: the header has no ${column} column; manifest.csv starts with propertyName,value.`,
        });
      }
      if (property === -1 || value === -1) return null;
      positions = { property, value };
      continue;
    }
    rows.push({ line: row.line, propertyName: row.fields[positions.property] ?? '', value: row.fields[positions.value] ?? '' });
  }
  return positions === null ? null : rows;
}

/**
 * R-ORG-3: reads and checks a OneRoster 1.2 CSV bundle (zip, directory or named files).
 *
 * The manifest decides which files are read and whether each is bulk or delta; a file it marks
 * absent is ignored even when present. Files are streamed: only the parsed records are kept.
 * Gives the bundle only when nothing is wrong, and every problem found (up to 500).
 */
export async function readRoster(source: RosterSource, opts: ReadRosterOptions = {}): Promise<ReadRosterResult> {
  const problems = new ProblemList();
  const finish = (bundle: RosterBundle | null): ReadRosterResult => ({
    bundle: problems.count === 0 ? bundle : null,
    problems: problems.toArray(),
    problemCount: problems.count,
  });

  const opened = await openBundle(source);
  if (opened.problem !== null) {
    problems.add(opened.problem);
    return finish(null);
  }
  const entries: BundleEntries = opened.entries;

  const manifestEntry = entries.get(MANIFEST_FILE.toLowerCase());
  if (manifestEntry === undefined) {
    problems.add({
      file: MANIFEST_FILE,
      line: null,
      field: null,
      code: 'organisation.roster.missing_file',
      message: `${MANIFEST_FILE} is not in the bundle; a OneRoster export always includes it.`,
    });
    return finish(null);
  }
  const manifestRows = await readManifestRows(manifestEntry, problems);
  if (manifestRows === null) return finish(null);
  const parsedManifest = parseManifest(manifestRows);
  parsedManifest.problems.forEach((p) => problems.add(p));
  const manifest = parsedManifest.manifest;
  if (manifest === null) return finish(null);

  for (const name of MANIFEST_FILE_NAMES) {
    const mode = manifest.files[name];
    if (mode === 'absent' || entries.has(csvFileName(name).toLowerCase())) continue;
    problems.add({
      file: csvFileName(name),
      line: null,
      field: null,
      code: 'organisation.roster.missing_file',
      message: `${csvFileName(name)} is not in the bundle, but ${MANIFEST_FILE} lists file.${name} as ${mode}; add the file or mark it absent.`,
    });
  }

  const toRead = ROSTER_FILE_NAMES.flatMap((name) => {
    const mode = manifest.files[name];
    const entry = entries.get(csvFileName(name).toLowerCase());
    return mode === 'absent' || entry === undefined ? [] : [{ name, mode, entry }];
  });
  const totalBytes = toRead.reduce((sum, f) => sum + f.entry.size, 0);
  let bytesBefore = 0;
  const reading: Reading = {
    problems,
    progress: (file, rows, bytesInFile) =>
      opts.onProgress?.({ file, rows, bytesRead: bytesBefore + bytesInFile, totalBytes }),
  };

  const records: RosterRecords = {
    orgs: [],
    academicSessions: [],
    courses: [],
    classes: [],
    users: [],
    roles: [],
    userProfiles: [],
    enrollments: [],
    demographics: [],
  };
  const facts: { ids: Partial<Record<RosterFileName, IdSet>>; unreadable: Set<RosterFileName> } = {
    ids: {},
    unreadable: new Set(),
  };
  // A file the manifest promises but the bundle lacks is already a problem; do not repeat it per reference.
  for (const name of ROSTER_FILE_NAMES) {
    if (manifest.files[name] !== 'absent' && !entries.has(csvFileName(name).toLowerCase())) facts.unreadable.add(name);
  }
  const note = (name: RosterFileName, read: { ids: IdSet; readable: boolean }): void => {
    facts.ids[name] = read.ids;
    if (!read.readable) facts.unreadable.add(name);
  };
  // One reader for every file: each file's rows go, compacted, to the records of the same name.
  const interner = new Interner();
  const readInto = async <K extends keyof RosterRecords>(name: K, mode: Exclude<FileMode, 'absent'>, entry: BundleEntry) => {
    type Parsed = z.output<(typeof SCHEMAS)[K]>;
    const compact = COMPACT[name] as unknown as (record: Parsed, interner: Interner) => RosterRecords[K][number];
    const schema = SCHEMAS[name] as unknown as z.ZodType<Parsed>;
    const read = await readRecords(name, mode, entry, schema, (r) => compact(r, interner), reading);
    records[name] = read.records as RosterRecords[K];
    note(name, read);
  };
  for (const { name, mode, entry } of toRead) {
    try {
      await readInto(name, mode, entry);
    } catch (error) {
      if (!(error instanceof DamagedArchive)) throw error;
      facts.unreadable.add(name);
      problems.add({
        file: csvFileName(name),
        line: null,
        field: null,
        code: 'organisation.roster.bad_archive',
        message: `${csvFileName(name)} could not be unpacked from the zip, which looks damaged; export the roster again.`,
      });
    }
    bytesBefore += entry.size;
  }

  const checked = validateRoster(manifest, records, facts);
  checked.problems.forEach((p) => problems.add(p));
  return finish({ manifest, ...records, externalReferences: checked.externalReferences });
}
