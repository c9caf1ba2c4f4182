import { ErrorBody } from '../../../shared/errors.js';
import {
  AdoptBody,
  Comparison,
  CompareQuery,
  NewVersionBody,
  PolicySiteParams,
  PolicyView,
  PresetList,
  RecordReviewBody,
  ReviewStatus,
  SiteOverrideBody,
  SitePolicyView,
  VersionDetail,
  VersionList,
  VersionParams,
  VersionSummary,
} from '../../../shared/policy-contract.js';
import type { Permissions } from '../../platform/authz.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/client.js';
import { ctxOf, type App } from '../../platform/http/types.js';
import { createPolicyService } from './service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['policy'];
const READ = { permission: 'policy.read' } as const;
const EDIT = { permission: 'policy.edit' } as const;

/** R-POL-1..3: the remote-learning policy over HTTP. */
export async function policyRoutes(app: App, deps: { db: Database; clock: Clock; permissions: Permissions }): Promise<void> {
  const policy = createPolicyService(deps);

  app.get('/api/policy', {
    config: READ,
    schema: { tags, summary: 'The policy in force, as prose with where each value comes from (R-POL-1, R-POL-3)', response: { 200: PolicyView, ...errors } },
    handler: (req) => policy.current(ctxOf(req)),
  });
  app.get('/api/policy/presets', {
    config: READ,
    schema: { tags, summary: 'The five presets an organisation can start from, one per seed policy (R-POL-1)', response: { 200: PresetList, ...errors } },
    handler: () => policy.presets(),
  });
  app.post('/api/policy/adoption', {
    config: EDIT,
    schema: { tags, summary: 'Adopt a preset as version 1 of the policy (R-POL-1)', body: AdoptBody, response: { 201: VersionSummary, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await policy.adopt(ctxOf(req), req.body)),
  });
  app.get('/api/policy/versions', {
    config: READ,
    schema: { tags, summary: 'Every version of the policy, newest first, with who made it, when and why (R-POL-1)', response: { 200: VersionList, ...errors } },
    handler: (req) => policy.versions(ctxOf(req)),
  });
  app.post('/api/policy/versions', {
    config: EDIT,
    schema: {
      tags,
      summary: 'Save an edit as a new version; refused whole (400 policy.invalid, each problem at its path) when it breaks the policy (R-POL-1)',
      body: NewVersionBody,
      response: { 201: VersionSummary, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await policy.saveVersion(ctxOf(req), req.body)),
  });
  app.get('/api/policy/versions/:version', {
    config: READ,
    schema: { tags, summary: 'One version of the policy as it read then (R-POL-1)', params: VersionParams, response: { 200: VersionDetail, ...errors } },
    handler: (req) => policy.version(ctxOf(req), req.params.version),
  });
  app.get('/api/policy/compare', {
    config: READ,
    schema: { tags, summary: 'What changed between two versions, old and new value in words (R-POL-1)', querystring: CompareQuery, response: { 200: Comparison, ...errors } },
    handler: (req) => policy.compare(ctxOf(req), req.query),
  });
  app.get('/api/policy/sites/:siteId', {
    config: { permission: 'policy.site.read' },
    schema: { tags, summary: 'The policy as one site runs it, with the values the site sets itself (R-POL-1)', params: PolicySiteParams, response: { 200: SitePolicyView, ...errors } },
    handler: (req) => policy.sitePolicy(ctxOf(req), req.params.siteId),
  });
  app.put('/api/policy/sites/:siteId/override', {
    config: EDIT,
    schema: {
      tags,
      summary: 'Set the values a site sets itself (an empty override removes them), as a new version (R-POL-1)',
      params: PolicySiteParams,
      body: SiteOverrideBody,
      response: { 200: VersionSummary, ...errors },
    },
    handler: (req) => policy.setSiteOverride(ctxOf(req), req.params.siteId, req.body),
  });
  app.get('/api/policy/review', {
    config: READ,
    schema: { tags, summary: 'When the policy is next due for review, and whether to remind you (R-POL-2)', response: { 200: ReviewStatus, ...errors } },
    handler: (req) => policy.reviewStatus(ctxOf(req)),
  });
  app.post('/api/policy/reviews', {
    config: { permission: 'policy.review' },
    schema: { tags, summary: 'Record that a review cycle’s review took place (R-POL-2)', body: RecordReviewBody, response: { 201: VersionSummary, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await policy.recordReview(ctxOf(req), req.body)),
  });
}
