import { ROSTER_KINDS, type RosterReport } from '../../../../shared/roster-import.js';
import { DiffContext } from './diff-context.js';
import { diffEnrolments } from './diff-enrolments.js';
import { diffGuardianships, diffPeople, diffRoles, diffYearGroupPlaces } from './diff-people.js';
import { diffClasses, diffSites, diffTerms, loadYearGroups } from './diff-structure.js';
import { csvFileName, MANIFEST_FILE_NAMES } from './manifest.js';
import { emptyPlan, type CurrentRoster, type RosterPlan } from './plan.js';
import { quoted, where, type RosterProblem } from './problems.js';
import type { RosterBundle } from './read.js';

export { EXAMPLES_PER_ACTION } from './diff-context.js';

export interface DiffOptions {
  /** The organisation's date today (YYYY-MM-DD): ended enrolments end on it; roles that ended before it are not held. */
  today: string;
  /** A fresh uuid for each record the import adds. */
  newId: () => string;
}

export interface RosterDiff {
  report: RosterReport;
  plan: RosterPlan;
  /** Problems only the database can reveal (a sourcedId no file or record has, an address already taken): nothing may be applied. */
  problems: RosterProblem[];
  /** Identifies the changes themselves: equal fingerprints, equal changes. */
  fingerprint: string;
}

/** References this bundle leaves to the database (validate.ts) that the import needs settled. */
function checkExternalReferences(cx: DiffContext): void {
  for (const ref of cx.bundle.externalReferences) {
    let found = true;
    if (ref.target === 'users') found = cx.people.has(ref.sourcedId);
    else if (ref.target === 'classes') found = cx.classes.has(ref.sourcedId);
    else if (ref.target === 'orgs' && (ref.field === 'schoolSourcedId' || ref.field === 'orgSourcedId') && ref.file !== csvFileName('courses')) {
      found = cx.sites.has(ref.sourcedId);
    }
    // Courses, user profiles, school years and parent orgs are not stored here: nothing to find.
    if (found) continue;
    const mode = cx.mode(ref.target);
    cx.problems.push({
      file: ref.file,
      line: ref.line,
      field: ref.field,
      code: 'organisation.roster.unknown_reference',
      message: `${where(ref.file, ref.line)}: ${ref.field} ${quoted(ref.sourcedId)} is not in ${csvFileName(ref.target)}${mode === 'absent' ? ' (not in this export)' : ''} and Continuum has no record with that sourcedId; export it too.`,
    });
  }
}

/**
 * R-ORG-3: what applying the bundle would change, compared by sourcedId with the organisation's
 * records. Bulk files are the whole picture (a record missing from one is ended); delta files
 * list changes (status tobedeleted ends a record). Importing the same files twice gives an empty
 * diff the second time; a changed file changes only what changed. Pure: reads only its arguments.
 */
export function diffRoster(bundle: RosterBundle, current: CurrentRoster, opts: DiffOptions): RosterDiff {
  const cx = new DiffContext(bundle, current, opts.today, opts.newId, emptyPlan());
  diffSites(cx);
  diffTerms(cx);
  loadYearGroups(cx);
  diffClasses(cx);
  diffPeople(cx);
  diffRoles(cx);
  diffGuardianships(cx);
  diffYearGroupPlaces(cx);
  diffEnrolments(cx);
  checkExternalReferences(cx);

  const kinds = ROSTER_KINDS.flatMap((kind) => {
    const t = cx.tally(kind).report;
    return t.added + t.changed + t.ended + t.unchanged > 0 ? [t] : [];
  });
  return {
    report: {
      files: MANIFEST_FILE_NAMES.filter((n) => bundle.manifest.files[n] !== 'absent').map((n) => ({ name: csvFileName(n), mode: bundle.manifest.files[n] })),
      source: bundle.manifest.source,
      kinds,
      notes: cx.notes,
    },
    plan: cx.plan,
    problems: cx.problems,
    fingerprint: cx.fingerprint.value(),
  };
}
