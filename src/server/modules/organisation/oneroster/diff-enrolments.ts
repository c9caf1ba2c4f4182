import { fieldChanges, isActive, type DiffContext } from './diff-context.js';
import type { CurrentRoster, EnrolmentRow, StaffRow } from './plan.js';

/**
 * R-ORG-3: enrollments.csv → learners' enrolments (role student) and class staff (role teacher;
 * a teacher whose roles.csv role is aide becomes the class's teaching assistant). An ended
 * enrolment keeps its row with today as its end date; staff who stop teaching a class are removed.
 */

type CurrentEnrolment = CurrentRoster['enrolments'][number];

const pairOf = (classId: string, personId: string) => `${classId}|${personId}`;

export function diffEnrolments(cx: DiffContext): void {
  const mode = cx.mode('enrollments');
  if (mode === 'absent') return;
  const learners = cx.tally('enrolments');
  const staff = cx.tally('classStaff');
  const { today, plan } = cx;

  const bySourced = new Map<string, CurrentEnrolment>();
  const byPair = new Map<string, CurrentEnrolment>();
  for (const e of cx.current.enrolments) {
    byPair.set(pairOf(e.classId, e.learnerId), e);
    if (e.sourcedId !== null) bySourced.set(e.sourcedId, e);
  }
  const staffByPair = new Map(cx.current.classStaff.map((s) => [pairOf(s.classId, s.userId), s]));

  const isOpen = (e: CurrentEnrolment) => e.endDate === null || e.endDate > today;
  const label = (classId: string, personId: string) => () =>
    `${cx.peopleById.get(personId)?.name ?? 'A learner'} in ${cx.classesById.get(classId)?.name ?? 'a class'}`;
  const end = (e: CurrentEnrolment, key: string, release = false) => {
    if (!isOpen(e) && !release) return;
    plan.enrolments.update.push({ ...e, sourcedId: release ? null : e.sourcedId, endDate: isOpen(e) ? today : e.endDate });
    if (isOpen(e)) learners.ended(key, label(e.classId, e.learnerId));
  };
  const staffLabel = (s: StaffRow) => () =>
    `${cx.peopleById.get(s.userId)?.name ?? 'Someone'}, ${s.role === 'teaching_assistant' ? 'teaching assistant' : 'teacher'} of ${cx.classesById.get(s.classId)?.name ?? 'a class'}`;

  const inFile = new Set<string>();
  const firstLine = new Map<string, number>();
  const teaching = new Set<string>();
  let otherRoles = 0;
  for (const e of cx.bundle.enrollments) {
    const cls = cx.classes.get(e.classSourcedId);
    const person = cx.people.get(e.userSourcedId);
    if (e.role !== 'student' && e.role !== 'teacher') {
      otherRoles += 1;
      continue;
    }
    if (cls === undefined || person === undefined) continue; // reported with the other references
    const pair = pairOf(cls.id, person.id);

    if (e.role === 'teacher') {
      const existing = staffByPair.get(pair);
      if (!isActive(e)) {
        if (existing !== undefined) {
          plan.classStaff.remove.push(existing as StaffRow);
          staff.ended(`${cls.sourcedId}|${person.sourcedId}`, staffLabel(existing as StaffRow));
        }
        continue;
      }
      teaching.add(pair);
      const assistant = cx.hasRole(person.id, 'teaching_assistant') && !cx.hasRole(person.id, 'teacher');
      const row: StaffRow = { classId: cls.id, userId: person.id, role: assistant ? 'teaching_assistant' : 'teacher', isPrimary: e.primary ?? false };
      if (existing === undefined) {
        plan.classStaff.insert.push(row);
        staff.added(`${cls.sourcedId}|${person.sourcedId}`, staffLabel(row));
        continue;
      }
      const changes = fieldChanges(existing, row, ['role', 'isPrimary']);
      if (changes.length > 0) {
        plan.classStaff.update.push(row);
        staff.changed(`${cls.sourcedId}|${person.sourcedId}`, staffLabel(row), changes);
      } else staff.unchanged();
      continue;
    }

    inFile.add(e.sourcedId);
    const linked = bySourced.get(e.sourcedId);
    if (!isActive(e)) {
      if (linked !== undefined) end(linked, e.sourcedId);
      continue;
    }
    const first = firstLine.get(pair);
    if (first !== undefined) {
      cx.problem('enrollments', e.line, 'userSourcedId', 'organisation.roster.duplicate_enrolment', `${person.name} is already enrolled in ${cls.name} on line ${first}; list each learner in a class once.`);
      continue;
    }
    firstLine.set(pair, e.line);
    const existing = byPair.get(pair);
    if (linked !== undefined && linked !== existing) {
      // The MIS moved this enrollment to another class or learner: the old place ends.
      plan.enrolments.release.push(e.sourcedId);
      end(linked, e.sourcedId, true);
    }
    const row: EnrolmentRow = { classId: cls.id, learnerId: person.id, sourcedId: e.sourcedId, startDate: e.beginDate, endDate: e.endDate };
    if (existing === undefined) {
      plan.enrolments.insert.push(row);
      learners.added(e.sourcedId, label(cls.id, person.id), `${cls.sourcedId}|${person.sourcedId}|${row.startDate ?? ''}|${row.endDate ?? ''}`);
      continue;
    }
    const changes = fieldChanges(existing, row, ['sourcedId', 'startDate', 'endDate']);
    if (changes.length > 0) {
      plan.enrolments.update.push(row);
      learners.changed(e.sourcedId, label(cls.id, person.id), changes);
    } else learners.unchanged();
  }

  if (otherRoles > 0) {
    cx.notes.push(`${otherRoles} ${otherRoles === 1 ? 'enrollment is' : 'enrollments are'} as administrator or proctor, which Continuum does not use; ${otherRoles === 1 ? 'it was' : 'they were'} not imported.`);
  }
  if (mode !== 'bulk') return;
  for (const [sourcedId, e] of bySourced) if (!inFile.has(sourcedId) && isOpen(e)) end(e, sourcedId);
  // Staff of the MIS's classes who no longer teach them (people added to a class by hand stay).
  for (const [pair, s] of staffByPair) {
    const cls = cx.classesById.get(s.classId);
    const person = cx.peopleById.get(s.userId);
    if (cls === undefined || person === undefined || cls.ended || teaching.has(pair)) continue;
    plan.classStaff.remove.push(s as StaffRow);
    staff.ended(`${cls.sourcedId}|${person.sourcedId}`, staffLabel(s as StaffRow));
  }
}
