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
  type LessonSlot,
  type SiteCalendar,
  type StaffHours,
} from './working-time.js';
export { siteCalendar } from './service.js';
export { createStructureService, type StructureService } from './structure.js';
export { createManageService, type ManageService } from './manage.js';
export { organisationRoutes } from './routes.js';
export { rosterImportRoutes } from './oneroster/routes.js';
export { createRosterImportService, type RosterImportService } from './oneroster/import-service.js';
export { organisationPermissions } from './permissions.js';
export { bubbleMatesOf, classFacts, classesOfLearner, isApprentice, classesTaughtBy, enrolmentsIn, enrolmentsOf, learnersOf, openClassIds, timetableOf, weeklyLessonsBySubject, type ClassFacts } from './facts.js';
