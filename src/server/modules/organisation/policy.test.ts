import { describe, expect, it } from 'vitest';
import { fromSeed } from '../policy/policy.js';
import {
  CALENDAR_DEFAULTS,
  CalendarPolicy,
  ORGANISATION_DEFAULTS,
  OrganisationPolicy,
  STAFF_HOURS_DEFAULTS,
  StaffHoursPolicy,
  type CalendarPolicy as Calendar,
  type OrganisationPolicy as Organisation,
  type StaffHoursPolicy as StaffHours,
} from './policy.js';

// Sections as the blended school (seed 002) and the special school (seed 004) write them; the
// presets themselves are tested in the policy module.
const bubbles = fromSeed('002', 3, 'pupils are being sent home either individually or in smaller groups (bubbles) to self-isolate');
const school: Organisation = {
  kind: { value: 'school', source: fromSeed('002', 8, 'fully embedded into delivery of the school curriculum') },
  learners: [{ value: 'pupils', source: fromSeed('002', 11, 'to ensure pupils are given equal opportunities to access the curriculum') }],
  subcontractedLearners: ORGANISATION_DEFAULTS.noSubcontractors,
  ageRange: ORGANISATION_DEFAULTS.noAgesStated,
  appliesTo: [{ value: 'staff', source: fromSeed('002', 21, 'To set out expectations for all members of the staff community') }],
};
const calendar: Calendar = {
  timeZone: CALENDAR_DEFAULTS.timeZone,
  workingDays: CALENDAR_DEFAULTS.workingDays,
  schoolDay: CALENDAR_DEFAULTS.schoolDay,
  bubbles: { value: true, source: bubbles },
  remoteLearningWhen: [
    { value: 'individual_isolation', source: bubbles },
    { value: 'bubble_isolation', source: bubbles },
  ],
};
const specialSchoolStaff: StaffHours = {
  teachers: { value: { kind: 'fixed', start: '09:15', end: '15:15' }, source: fromSeed('004', 74, 'teachers must be available between 09:15 to 15:15') },
  teachingAssistants: { value: { kind: 'fixed', start: '09:15', end: '15:15' }, source: fromSeed('004', 141, 'teaching assistants must be available from 09:15 to 15:15') },
  notExpectedAfter: STAFF_HOURS_DEFAULTS.noCutOff,
  partTimeOnlyOnWorkingDays: STAFF_HOURS_DEFAULTS.partTimeOnlyOnWorkingDays,
};
const sections = () => structuredClone({ organisation: school, calendar, staffHours: specialSchoolStaff });
const messages = (result: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) =>
  (result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]);

describe('the organisation section', () => {
  it('R-POL-1 accepts the learners and ages a provider states', () => {
    const org = sections().organisation;
    org.learners = [{ value: 'fe_learners', source: fromSeed('000', 17, 'All learners on Study Programme have a personal account') }];
    org.ageRange = { value: { from: 16, to: null }, source: fromSeed('000', 196, 'meetings and reviews for 16-18 year old/vulnerable') };
    expect(OrganisationPolicy.parse(org).ageRange.value).toEqual({ from: 16, to: null });
  });

  it('R-POL-1 refuses an age range that ends below where it starts', () => {
    const org = sections().organisation;
    org.ageRange = { value: { from: 11, to: 5 }, source: ORGANISATION_DEFAULTS.noAgesStated.source };
    expect(messages(OrganisationPolicy.safeParse(org))).toEqual([['ageRange.value.to', 'The age range ends at 5, below where it starts (11).']]);
  });

  it('R-POL-1 refuses the same group of learners twice', () => {
    const org = sections().organisation;
    org.learners.push(org.learners[0]!);
    expect(messages(OrganisationPolicy.safeParse(org))).toEqual([['learners.1', 'This group of learners is listed twice.']]);
  });
});

describe('the calendar section', () => {
  it('R-ORG-2 defaults to Europe/London, Monday to Friday, and says why', () => {
    expect(CALENDAR_DEFAULTS.timeZone.value).toBe('Europe/London');
    expect(CALENDAR_DEFAULTS.workingDays.value).toEqual([1, 2, 3, 4, 5]);
    for (const d of Object.values(CALENDAR_DEFAULTS)) expect(d.source.kind).toBe('default');
  });

  it('R-ORG-2 refuses a school day that ends when or before it starts', () => {
    for (const end of ['08:45', '08:00']) {
      const cal = sections().calendar;
      cal.schoolDay.value = { start: '08:45', end };
      expect(messages(CalendarPolicy.safeParse(cal))).toEqual([['schoolDay.value.end', `The school day ends at ${end}, which is not after it starts (08:45).`]]);
    }
  });

  it('R-ORG-2 refuses a time zone that does not exist', () => {
    const cal = sections().calendar;
    cal.timeZone.value = 'Europe/Londres';
    expect(messages(CalendarPolicy.safeParse(cal))).toEqual([['timeZone.value', 'Use a time zone name such as Europe/London.']]);
  });

  it('R-ORG-2 refuses a working day listed twice, or a day that is not a weekday', () => {
    const cal = sections().calendar;
    cal.workingDays.value = [1, 2, 2, 8];
    expect(messages(CalendarPolicy.safeParse(cal))).toEqual([
      ['workingDays.value.3', 'Weekdays run from 1 (Monday) to 7 (Sunday).'],
      ['workingDays.value.2', 'Tuesday is listed twice.'],
    ]);
  });

  it('R-CONT-1 refuses remote learning for isolating bubbles when there are no bubbles', () => {
    const cal = sections().calendar;
    cal.bubbles.value = false;
    expect(messages(CalendarPolicy.safeParse(cal))).toEqual([['remoteLearningWhen.1.value', 'Remote learning starts when a bubble isolates, but this policy has no bubbles.']]);
  });
});

describe('the staff hours section', () => {
  it('R-COMMS-2 refuses fixed hours that end before they start', () => {
    const staff = sections().staffHours;
    staff.teachingAssistants.value = { kind: 'fixed', start: '15:15', end: '09:15' };
    expect(messages(StaffHoursPolicy.safeParse(staff))).toEqual([['teachingAssistants.value.end', "Teaching assistants' hours end at 09:15, which is not after they start (15:15)."]]);
  });

  it('R-COMMS-2 refuses a cut-off before staff are even available', () => {
    const staff = sections().staffHours;
    staff.notExpectedAfter.value = '09:00';
    expect(messages(StaffHoursPolicy.safeParse(staff))).toEqual([
      ['notExpectedAfter.value', "No one is expected after 09:00, but teachers' hours only start at 09:15."],
      ['notExpectedAfter.value', "No one is expected after 09:00, but teaching assistants' hours only start at 09:15."],
    ]);
  });

  it('R-COMMS-2 takes contracted hours, the school day or fixed hours, and nothing else', () => {
    const staff = sections().staffHours;
    expect(StaffHoursPolicy.safeParse({ ...staff, teachers: STAFF_HOURS_DEFAULTS.schoolDay }).success).toBe(true);
    expect(StaffHoursPolicy.safeParse({ ...staff, teachers: { value: { kind: 'whenever' }, source: STAFF_HOURS_DEFAULTS.schoolDay.source } }).success).toBe(false);
    expect(StaffHoursPolicy.safeParse({ ...staff, teachers: { value: { kind: 'fixed', start: '9am', end: '15:00' }, source: STAFF_HOURS_DEFAULTS.schoolDay.source } }).success).toBe(false);
  });
});
