export { insertOrganisation, organisationOf, siteNames, type OrganisationSummary } from './service.js';
export { bankHolidaysEnglandWales, bankHolidaysBetween, type BankHoliday } from './bank-holidays.js';
export {
  addWorkingDays,
  endOfSchoolDay,
  instantAt,
  isStaffAvailable,
  isWorkingDay,
  isWorkingMoment,
  lessonsOn,
  localDateOf,
  nextWorkingDay,
  nextWorkingMoment,
  nonWorkingReason,
  schoolDayOf,
  workingDaysBetween,
  type SiteCalendar,
  type StaffHours,
} from './calendar.js';
