import { defineError } from '../../platform/errors.js';

export const NoSite = defineError(
  'organisation.site.none',
  409,
  () => 'This person is not at any school or centre yet, so there is no calendar to read.',
);

export const SiteHoursInvalid = defineError('organisation.site.invalid_hours', 400, () => 'The site’s hours could not be saved. Check the highlighted fields.');
export const CalendarInvalid = defineError('organisation.calendar.invalid', 400, () => 'That date range does not fit the calendar. Check the highlighted dates.');
export const TimetableInvalid = defineError('organisation.timetable.invalid', 400, () => 'The timetable could not be saved: some lessons clash. Each problem is listed by lesson.');
export const NotStaff = defineError('organisation.class.not_staff', 400, () => 'Only staff of the class’s site can teach it.');
export const NotALearner = defineError('organisation.enrolment.not_learner', 400, () => 'Only learners can be enrolled in a class.');
export const LearnerNotAtSite = defineError('organisation.enrolment.other_site', 400, () => 'Learners can only join classes at their own site.');
export const EnrolmentBeforeStart = defineError('organisation.enrolment.ends_before_start', 400, (start: string) => `An enrolment cannot end before it started (${start}).`);
export const BubbleNameTaken = defineError('organisation.bubble.name_taken', 409, (name: string) => `This site already has a bubble called ${name}.`);
export const StaffHoursInvalid = defineError('organisation.staff_hours.invalid', 400, () => 'The working pattern could not be saved. Check the highlighted days.');
export const NameTaken = defineError('organisation.name_taken', 409, (what: 'site' | 'cohort', name: string) => `There is already a ${what === 'site' ? 'site' : 'year group or programme'} called ${name}.`);
