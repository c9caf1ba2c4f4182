import { ErrorBody } from '../../../shared/errors.js';
import { ClassDetail, ClassList, ClassParams, Timetable, TimetableQuery } from '../../../shared/organisation.js';
import { ctxOf, type App } from '../../platform/http/types.js';
import type { StructureService } from './structure.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function organisationRoutes(app: App, opts: { structure: StructureService }): Promise<void> {
  const { structure } = opts;

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
}
