/**
 * R-ORG-3: what is wrong with a OneRoster bundle, said so an admin can fix it in their MIS export.
 *
 * A problem is a report line, not a thrown error: the reader collects every one it finds so the
 * admin sees them all at once. `message` is plain English naming the file, line, field and value.
 */
export interface RosterProblem {
  file: string;
  line: number | null;
  field: string | null;
  code: RosterProblemCode;
  message: string;
}

/** Every code the reader and validator use. */
export const ROSTER_PROBLEM_CODES = [
  /** The source is not a readable zip, directory or file. */
  'organisation.roster.bad_archive',
  /** manifest.csv is unreadable, names an unknown version or file, or gives a mode other than absent/bulk/delta. */
  'organisation.roster.bad_manifest',
  /** The manifest says bulk or delta but the file is not in the bundle (or manifest.csv itself is missing). */
  'organisation.roster.missing_file',
  /** The file is not comma-separated text (binary, empty, or no header row). */
  'organisation.roster.not_csv',
  /** One row breaks CSV quoting or has a different number of fields from the header. */
  'organisation.roster.malformed_row',
  /** The header row lacks a column the spec requires. */
  'organisation.roster.missing_column',
  /** The header row names a column the file does not have (extensions must start with metadata.). */
  'organisation.roster.unknown_column',
  /** The header row names a column twice. */
  'organisation.roster.duplicate_column',
  /** A required field is blank (including status and dateLastModified in a delta file). */
  'organisation.roster.missing_value',
  /** A field is not of its type: enumeration, boolean, grade code, year, userIds. */
  'organisation.roster.bad_value',
  /** A date or date-time is badly written or not on the calendar (2026-02-30). */
  'organisation.roster.bad_date',
  /** An end date comes before its start date. */
  'organisation.roster.bad_date_range',
  /** Two records in one file share a sourcedId. */
  'organisation.roster.duplicate_id',
  /** A reference names a record that a bulk file in this bundle does not have. */
  'organisation.roster.unknown_reference',
  /** An active record refers to a record this bundle marks tobedeleted. */
  'organisation.roster.deleted_reference',
  /** A class's school is an org of another type (a district, a department). */
  'organisation.roster.not_a_school',
  /** An e-mail address is given to two people, in the file or already in Continuum. */
  'organisation.roster.email_taken',
  /** One learner is enrolled in one class twice. */
  'organisation.roster.duplicate_enrolment',
  /** More problems were found than are listed. */
  'organisation.roster.too_many_problems',
] as const;
export type RosterProblemCode = (typeof ROSTER_PROBLEM_CODES)[number];

/** Problems listed before the rest are only counted. */
export const PROBLEM_LIMIT = 500;

/** Collects problems up to PROBLEM_LIMIT and counts the rest. */
export class ProblemList {
  private readonly listed: RosterProblem[] = [];
  private unlisted = 0;

  add(problem: RosterProblem): void {
    if (this.listed.length < PROBLEM_LIMIT) this.listed.push(problem);
    else this.unlisted += 1;
  }

  get count(): number {
    return this.listed.length + this.unlisted;
  }

  /** The listed problems, with a final "and N more" when some were only counted. */
  toArray(): RosterProblem[] {
    if (this.unlisted === 0) return [...this.listed];
    return [
      ...this.listed,
      {
        file: '',
        line: null,
        field: null,
        code: 'organisation.roster.too_many_problems',
        message: `and ${this.unlisted} more ${this.unlisted === 1 ? 'problem' : 'problems'} not listed; fix these and import again to see them.`,
      },
    ];
  }
}

/** "users.csv line 14" or just "users.csv". */
export function where(file: string, line: number | null): string {
  return line === null ? file : `${file} line ${line}`;
}

/** Quotes a value for a message, shortened so a stray binary field cannot flood the report. */
export function quoted(value: string): string {
  const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
  return `"${shown.replace(/\r?\n/g, '\\n')}"`;
}
