import type { Faker } from '@faker-js/faker';
import type { Role } from '../../shared/roles.js';
import { FAMILY_NAMES, GIVEN_NAMES } from './names.js';
import type { Plan } from './plan.js';
import type { SchoolYear } from './academic-year.js';

/** A secondary timetable week: 5 days × 5 periods, each subject's lessons a week (sums to 25). */
export const SUBJECT_WEEK: readonly { subject: string; lessons: number }[] = [
  { subject: 'Mathematics', lessons: 4 },
  { subject: 'English', lessons: 4 },
  { subject: 'Science', lessons: 4 },
  { subject: 'History', lessons: 2 },
  { subject: 'Geography', lessons: 2 },
  { subject: 'French', lessons: 2 },
  { subject: 'Physical Education', lessons: 2 },
  { subject: 'Computing', lessons: 1 },
  { subject: 'Art', lessons: 1 },
  { subject: 'Music', lessons: 1 },
  { subject: 'Religious Education', lessons: 1 },
  { subject: 'PSHE', lessons: 1 },
];
export const PERIODS: readonly { start: string; end: string }[] = [
  { start: '08:50', end: '09:50' },
  { start: '09:50', end: '10:50' },
  { start: '11:10', end: '12:10' },
  { start: '13:00', end: '14:00' },
  { start: '14:00', end: '15:00' },
];
const SLOTS = 5 * PERIODS.length;
const MAX_TEACHING_SLOTS = 22;

export interface SchoolOptions {
  organisationId: string;
  siteId: string;
  /** Short code for e-mail addresses: 'oakfield' → pupil12@oakfield.example. */
  emailDomain: string;
  years: readonly number[];
  groupsPerYear: number;
  learnersPerGroup: number;
  year: SchoolYear;
  now: Date;
  /** Demo accounts that must take part: the first Maths teacher, a tutor, learners in named groups… */
  named?: {
    teacherId?: string;
    subjectLeadId?: string;
    teachingAssistantId?: string;
    learners?: { id: string; group: string }[];
  };
  /** Learners without e-mail cannot sign in; only the large seed's learners get addresses. */
  learnerEmails?: boolean;
}

interface Teacher {
  id: string;
  subject: string;
  busy: Set<number>;
  days: number[];
}

/**
 * R-ORG-1, R-ORG-2: one secondary school site as rows: year groups and their tutor groups,
 * a class per subject per group with a clash-free weekly timetable, teachers (some part-time)
 * with their hours, learners each with one or two parents or carers, and a bubble per year.
 */
export function planSchool(f: Faker, plan: Plan, o: SchoolOptions): { learnerIds: string[]; staffIds: string[] } {
  const name = () => ({ givenName: f.helpers.arrayElement(GIVEN_NAMES), familyName: f.helpers.arrayElement(FAMILY_NAMES) });
  const addPerson = (p: { id?: string; givenName: string; familyName: string; email: string | null; roles: Role[]; birthDate?: string }) => {
    const id = p.id ?? f.string.uuid();
    plan.users.push({ organisationId: o.organisationId, id, givenName: p.givenName, familyName: p.familyName, email: p.email, birthDate: p.birthDate ?? null, createdAt: o.now });
    for (const role of p.roles) plan.roleAssignments.push({ organisationId: o.organisationId, userId: id, role, siteId: o.siteId });
    return id;
  };

  for (const t of o.year.terms) plan.terms.push({ organisationId: o.organisationId, siteId: o.siteId, name: t.name, startDate: t.start, endDate: t.end });
  for (const c of o.year.closures) plan.closures.push({ organisationId: o.organisationId, siteId: o.siteId, startDate: c.start, endDate: c.end, reason: c.reason });

  const teachers: Teacher[] = [];
  let staffCount = 0;
  const named = { ...o.named };
  const newTeacher = (subject: string): Teacher => {
    staffCount++;
    let id: string;
    if (subject === 'Mathematics' && named.teacherId) {
      id = named.teacherId;
      delete named.teacherId;
    } else if (subject === 'English' && named.subjectLeadId) {
      id = named.subjectLeadId;
      delete named.subjectLeadId;
    } else {
      id = addPerson({ ...name(), email: `${subject.toLowerCase().replace(/[^a-z]/g, '')}${staffCount}@${o.emailDomain}.example`, roles: ['teacher'] });
    }
    // About one teacher in seven works part-time, Monday to Wednesday.
    const days = staffCount % 7 === 3 ? [1, 2, 3] : [1, 2, 3, 4, 5];
    for (const d of days) plan.staffHours.push({ organisationId: o.organisationId, userId: id, weekday: d, startTime: '08:15', endTime: '16:00' });
    const t = { id, subject, busy: new Set<number>(), days };
    teachers.push(t);
    return t;
  };
  const teacherFor = (subject: string, slots: number[]): Teacher => {
    const free = teachers.find(
      (t) =>
        t.subject === subject &&
        t.busy.size + slots.length <= MAX_TEACHING_SLOTS &&
        slots.every((s) => !t.busy.has(s) && t.days.includes(Math.floor(s / PERIODS.length) + 1)),
    );
    const t = free ?? newTeacher(subject);
    for (const s of slots) t.busy.add(s);
    return t;
  };

  const sequence = SUBJECT_WEEK.flatMap((s) => Array.from({ length: s.lessons }, () => s.subject));
  const learnerIds: string[] = [];
  const namedLearners = new Map((o.named?.learners ?? []).map((l) => [l.group, l.id] as const));
  const groupNames = 'ABCDEFGHJK';
  let groupIndex = 0;
  let pupil = 0;
  const academicYear = Number(o.year.terms[0]?.start.slice(0, 4));

  for (const yearOfSchooling of o.years) {
    const cohortId = f.string.uuid();
    plan.cohorts.push({ organisationId: o.organisationId, id: cohortId, siteId: o.siteId, kind: 'year_group', name: `Year ${yearOfSchooling}`, code: String(yearOfSchooling).padStart(2, '0'), yearOfSchooling });
    const bubbleId = f.string.uuid();
    plan.bubbles.push({ organisationId: o.organisationId, id: bubbleId, siteId: o.siteId, name: `Year ${yearOfSchooling} bubble` });
    // Born between 1 September and 31 August of the right year for this year group.
    const birthYear = academicYear - yearOfSchooling - 5;

    for (let g = 0; g < o.groupsPerYear; g++) {
      const group = `${yearOfSchooling}${groupNames[g] ?? String(g)}`;
      const rotation = (groupIndex++ * 7) % SLOTS;
      // The tutor group (registration, pastoral): a homeroom class with its form tutor.
      const tutorGroupId = f.string.uuid();
      plan.classes.push({ organisationId: o.organisationId, id: tutorGroupId, siteId: o.siteId, cohortId, name: `${group} tutor group`, subject: 'Tutor time', kind: 'homeroom' });
      plan.bubbleClasses.push({ organisationId: o.organisationId, bubbleId, classId: tutorGroupId });
      const classIds: string[] = [tutorGroupId];
      const slotsBySubject = new Map<string, number[]>();
      for (let slot = 0; slot < SLOTS; slot++) {
        const subject = sequence[(slot + rotation) % SLOTS]!;
        slotsBySubject.set(subject, [...(slotsBySubject.get(subject) ?? []), slot]);
      }
      let tutorAssigned = false;
      for (const [subject, slots] of slotsBySubject) {
        const classId = f.string.uuid();
        classIds.push(classId);
        plan.classes.push({ organisationId: o.organisationId, id: classId, siteId: o.siteId, cohortId, name: `${group} ${subject}`, subject, kind: 'scheduled' });
        plan.bubbleClasses.push({ organisationId: o.organisationId, bubbleId, classId });
        const teacher = teacherFor(subject, slots);
        plan.classStaff.push({ organisationId: o.organisationId, classId, userId: teacher.id, role: 'teacher', isPrimary: true });
        if (!tutorAssigned) {
          plan.classStaff.push({ organisationId: o.organisationId, classId: tutorGroupId, userId: teacher.id, role: 'teacher', isPrimary: true });
          tutorAssigned = true;
        }
        if (named.teachingAssistantId && groupIndex === 1 && ['Mathematics', 'English', 'Science'].includes(subject)) {
          plan.classStaff.push({ organisationId: o.organisationId, classId, userId: named.teachingAssistantId, role: 'teaching_assistant', isPrimary: false });
        }
        for (const slot of slots) {
          const period = PERIODS[slot % PERIODS.length]!;
          plan.timetablePeriods.push({ organisationId: o.organisationId, classId, weekday: Math.floor(slot / PERIODS.length) + 1, startTime: period.start, endTime: period.end, room: null, week: null });
        }
      }

      const members: string[] = [];
      const namedLearner = namedLearners.get(group);
      if (namedLearner) members.push(namedLearner);
      while (members.length < o.learnersPerGroup) {
        pupil++;
        const family = f.helpers.arrayElement(FAMILY_NAMES);
        const birth = new Date(Date.UTC(birthYear, 8, 1) + f.number.int({ min: 0, max: 364 }) * 86_400_000);
        const learnerId = addPerson({
          givenName: f.helpers.arrayElement(GIVEN_NAMES),
          familyName: family,
          email: o.learnerEmails ? `pupil${pupil}@${o.emailDomain}.example` : null,
          roles: ['learner'],
          birthDate: birth.toISOString().slice(0, 10),
        });
        members.push(learnerId);
        const carers = f.number.int({ min: 1, max: 10 }) <= 6 ? 2 : 1;
        for (let c = 0; c < carers; c++) {
          const carer = addPerson({ givenName: f.helpers.arrayElement(GIVEN_NAMES), familyName: family, email: `carer${pupil}${c ? 'b' : ''}@${o.emailDomain}.example`, roles: ['guardian'] });
          plan.guardianships.push({ organisationId: o.organisationId, guardianId: carer, learnerId });
        }
      }
      for (const learnerId of members) {
        learnerIds.push(learnerId);
        plan.cohortMembers.push({ organisationId: o.organisationId, cohortId, learnerId });
        for (const classId of classIds) {
          plan.enrolments.push({ organisationId: o.organisationId, classId, learnerId, startDate: o.year.terms[0]?.start ?? null, endDate: null });
        }
      }
    }
  }
  return { learnerIds, staffIds: teachers.map((t) => t.id) };
}
