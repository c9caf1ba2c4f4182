import { ErrorBody } from '../../../shared/errors.js';
import { AuditPage, AuditQuery } from '../../../shared/audit.js';
import { ctxOf, type App } from '../../platform/http/types.js';
import type { PrivacyService } from './service.js';

export async function privacyRoutes(app: App, opts: { privacy: PrivacyService }): Promise<void> {
  app.get('/api/audit', {
    config: { permission: 'audit.read' },
    schema: {
      tags: ['privacy'],
      summary: 'Read the audit log, filtered by person (actorId) and record (subjectId). Read-only: there is no way to change it.',
      querystring: AuditQuery,
      response: { 200: AuditPage, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
    },
    handler: (req) => opts.privacy.listAudit(ctxOf(req), req.query),
  });
}
