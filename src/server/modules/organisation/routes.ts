import { ErrorBody } from '../../../shared/errors.js';
import { z } from 'zod';
import {
  AdminClassList,
  AdminClassQuery,
  AdminSite,
  AdminSites,
  BubbleClassesBody,
  BubbleList,
  BubbleParams,
  BubbleQuery,
  CalendarQuery,
  ClassDetail,
  ClassList,
  ClassParams,
  ClassStaffBody,
  ClassUpdateBody,
  ClosureBody,
  ClosureParams,
  CohortList,
  Created,
  EndEnrolmentBody,
  EnrolBody,
  EnrolmentParams,
  NewBubbleBody,
  NewClassBody,
  NewCohortBody,
  NewSiteBody,
  Overview,
  PeopleList,
  PeopleQuery,
  PeriodsBody,
  SiteCalendarView,
  SiteHours,
  SiteParams,
  StaffHoursBody,
  StaffParams,
  StaffPatternList,
  TermBody,
  TermParams,
  Timetable,
  TimetableQuery,
} from '../../../shared/organisation.js';
import { ctxOf, type App } from '../../platform/http/types.js';
import type { ManageService } from './manage.js';
import type { StructureService } from './structure.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function organisationRoutes(app: App, opts: { structure: StructureService; manage: ManageService }): Promise<void> {
  const { structure, manage } = opts;

  app.get('/api/timetable', {
    config: { permission: 'organisation.timetable.read' },
    schema: { tags: ['organisation'], summary: 'Lessons on a date for yourself, your child or a learner you teach (R-ORG-2)', querystring: TimetableQuery, response: { 200: Timetable, ...errors } },
    handler: (req) => structure.timetable(ctxOf(req), req.query),
  });

  app.get('/api/classes', {
    config: { permission: 'organisation.class.list' },
    schema: { tags: ['organisation'], summary: 'The classes you teach or learn in (R-ORG-1)', response: { 200: ClassList, ...errors } },
    handler: (req) => structure.myClasses(ctxOf(req)),
  });

  app.get('/api/classes/:classId', {
    config: { permission: 'organisation.class.read' },
    schema: { tags: ['organisation'], summary: 'A class with its staff, learners and timetable (R-ORG-1)', params: ClassParams, response: { 200: ClassDetail, ...errors } },
    handler: (req) => structure.classDetail(ctxOf(req), req.params.classId),
  });

  // ---- Managing the organisation (admins; R-ORG-1, R-ORG-2) ----
  const tags = ['organisation admin'];
  const MANAGE = { permission: 'organisation.manage' } as const;
  const none = { 204: z.null(), ...errors };

  app.get('/api/organisation/overview', {
    config: { permission: 'organisation.overview.read' },
    schema: { tags, summary: 'Today at each site: open or closed and why, lessons on, term', response: { 200: Overview, ...errors } },
    handler: (req) => manage.overview(ctxOf(req)),
  });
  app.get('/api/organisation/sites', {
    config: MANAGE,
    schema: { tags, summary: 'Sites with their hours, current term and size', response: { 200: AdminSites, ...errors } },
    handler: (req) => manage.sites(ctxOf(req)),
  });
  app.post('/api/organisation/sites', {
    config: MANAGE,
    schema: { tags, summary: 'Add a site or centre (R-ORG-1)', body: NewSiteBody, response: { 201: Created, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await manage.addSite(ctxOf(req), req.body)),
  });
  app.post('/api/organisation/cohorts', {
    config: MANAGE,
    schema: { tags, summary: 'Add a year group, study programme or apprenticeship standard (R-ORG-1)', body: NewCohortBody, response: { 201: Created, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await manage.addCohort(ctxOf(req), req.body)),
  });
  app.put('/api/organisation/sites/:siteId/hours', {
    config: MANAGE,
    schema: { tags, summary: 'Set a site’s time zone, working days and school-day hours (R-ORG-2)', params: SiteParams, body: SiteHours, response: { 200: AdminSite, ...errors } },
    handler: (req) => manage.setSiteHours(ctxOf(req), req.params.siteId, req.body),
  });
  app.get('/api/organisation/sites/:siteId/calendar', {
    config: MANAGE,
    schema: { tags, summary: 'A site’s terms, closures and bank holidays for a school year (R-ORG-2)', params: SiteParams, querystring: CalendarQuery, response: { 200: SiteCalendarView, ...errors } },
    handler: (req) => manage.calendar(ctxOf(req), req.params.siteId, req.query),
  });
  app.post('/api/organisation/sites/:siteId/terms', {
    config: MANAGE,
    schema: { tags, summary: 'Add a term; refused if it ends before it starts or overlaps another', params: SiteParams, body: TermBody, response: { 201: Created, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await manage.addTerm(ctxOf(req), req.params.siteId, req.body)),
  });
  app.put('/api/organisation/terms/:termId', {
    config: MANAGE,
    schema: { tags, summary: 'Change a term’s name or dates', params: TermParams, body: TermBody, response: { 200: Created, ...errors } },
    handler: (req) => manage.updateTerm(ctxOf(req), req.params.termId, req.body),
  });
  app.delete('/api/organisation/terms/:termId', {
    config: MANAGE,
    schema: { tags, summary: 'Remove a term', params: TermParams, response: none },
    handler: async (req, reply) => {
      await manage.removeTerm(ctxOf(req), req.params.termId);
      return reply.code(204).send(null);
    },
  });
  app.post('/api/organisation/sites/:siteId/closures', {
    config: MANAGE,
    schema: { tags, summary: 'Close a site for a day or days (INSET, snow, a closure)', params: SiteParams, body: ClosureBody, response: { 201: Created, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await manage.addClosure(ctxOf(req), req.params.siteId, req.body)),
  });
  app.delete('/api/organisation/closures/:closureId', {
    config: MANAGE,
    schema: { tags, summary: 'Remove a closure', params: ClosureParams, response: none },
    handler: async (req, reply) => {
      await manage.removeClosure(ctxOf(req), req.params.closureId);
      return reply.code(204).send(null);
    },
  });
  app.get('/api/organisation/cohorts', {
    config: MANAGE,
    schema: { tags, summary: 'Year groups and programmes, to put a class in', querystring: z.object({ siteId: z.string().uuid().optional() }), response: { 200: CohortList, ...errors } },
    handler: (req) => manage.cohorts(ctxOf(req), req.query.siteId),
  });
  app.get('/api/organisation/people', {
    config: MANAGE,
    schema: { tags, summary: 'Learners or staff to choose from (by name or e-mail)', querystring: PeopleQuery, response: { 200: PeopleList, ...errors } },
    handler: (req) => manage.people(ctxOf(req), req.query),
  });
  app.get('/api/organisation/classes', {
    config: MANAGE,
    schema: { tags, summary: 'Every class, by site, with its teachers and size', querystring: AdminClassQuery, response: { 200: AdminClassList, ...errors } },
    handler: (req) => manage.classes(ctxOf(req), req.query),
  });
  app.post('/api/organisation/classes', {
    config: MANAGE,
    schema: { tags, summary: 'Add a class or tutor group (R-ORG-1)', body: NewClassBody, response: { 201: Created, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await manage.addClass(ctxOf(req), req.body)),
  });
  app.put('/api/organisation/classes/:classId', {
    config: MANAGE,
    schema: { tags, summary: 'Rename a class, or change its subject or year group', params: ClassParams, body: ClassUpdateBody, response: { 200: Created, ...errors } },
    handler: (req) => manage.updateClass(ctxOf(req), req.params.classId, req.body),
  });
  app.post('/api/organisation/classes/:classId/end', {
    config: MANAGE,
    schema: { tags, summary: 'End a class (kept for its history, gone from timetables)', params: ClassParams, response: none },
    handler: async (req, reply) => {
      await manage.endClass(ctxOf(req), req.params.classId);
      return reply.code(204).send(null);
    },
  });
  app.put('/api/organisation/classes/:classId/staff', {
    config: MANAGE,
    schema: { tags, summary: 'Set who teaches a class: teachers and teaching assistants', params: ClassParams, body: ClassStaffBody, response: none },
    handler: async (req, reply) => {
      await manage.setStaff(ctxOf(req), req.params.classId, req.body);
      return reply.code(204).send(null);
    },
  });
  app.post('/api/organisation/classes/:classId/enrolments', {
    config: MANAGE,
    schema: { tags, summary: 'Enrol learners of the site in a class from a date', params: ClassParams, body: EnrolBody, response: { 200: z.object({ enrolled: z.number().int() }), ...errors } },
    handler: (req) => manage.enrol(ctxOf(req), req.params.classId, req.body),
  });
  app.post('/api/organisation/classes/:classId/enrolments/:learnerId/end', {
    config: MANAGE,
    schema: { tags, summary: 'End a learner’s enrolment on a date (kept for history)', params: EnrolmentParams, body: EndEnrolmentBody, response: none },
    handler: async (req, reply) => {
      await manage.endEnrolment(ctxOf(req), req.params.classId, req.params.learnerId, req.body);
      return reply.code(204).send(null);
    },
  });
  app.put('/api/organisation/classes/:classId/periods', {
    config: MANAGE,
    schema: { tags, summary: 'Set a class’s weekly lessons; refused when lessons or teachers clash (R-ORG-2)', params: ClassParams, body: PeriodsBody, response: none },
    handler: async (req, reply) => {
      await manage.setPeriods(ctxOf(req), req.params.classId, req.body);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/organisation/bubbles', {
    config: MANAGE,
    schema: { tags, summary: 'Bubbles (seed 002) with their classes', querystring: BubbleQuery, response: { 200: BubbleList, ...errors } },
    handler: (req) => manage.bubbles(ctxOf(req), req.query.siteId),
  });
  app.post('/api/organisation/bubbles', {
    config: MANAGE,
    schema: { tags, summary: 'Add a bubble at a site', body: NewBubbleBody, response: { 201: Created, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await manage.addBubble(ctxOf(req), req.body)),
  });
  app.put('/api/organisation/bubbles/:bubbleId/classes', {
    config: MANAGE,
    schema: { tags, summary: 'Set the classes kept together in a bubble', params: BubbleParams, body: BubbleClassesBody, response: none },
    handler: async (req, reply) => {
      await manage.setBubbleClasses(ctxOf(req), req.params.bubbleId, req.body);
      return reply.code(204).send(null);
    },
  });
  app.delete('/api/organisation/bubbles/:bubbleId', {
    config: MANAGE,
    schema: { tags, summary: 'Remove a bubble (its classes stay)', params: BubbleParams, response: none },
    handler: async (req, reply) => {
      await manage.removeBubble(ctxOf(req), req.params.bubbleId);
      return reply.code(204).send(null);
    },
  });
  app.get('/api/organisation/sites/:siteId/staff', {
    config: MANAGE,
    schema: { tags, summary: 'Staff of a site with their working patterns (seed staff hours)', params: SiteParams, response: { 200: StaffPatternList, ...errors } },
    handler: (req) => manage.staffPatterns(ctxOf(req), req.params.siteId),
  });
  app.put('/api/organisation/staff/:personId/hours', {
    config: MANAGE,
    schema: { tags, summary: 'Set a member of staff’s working days and hours (part-time staff)', params: StaffParams, body: StaffHoursBody, response: none },
    handler: async (req, reply) => {
      await manage.setStaffHours(ctxOf(req), req.params.personId, req.body);
      return reply.code(204).send(null);
    },
  });
}
