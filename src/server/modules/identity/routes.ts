import rateLimit from '@fastify/rate-limit';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/errors.js';
import { ChangePasswordBody, EmployersBody, GuardiansBody, LearnerLinks, LoginBody, Me, Person } from '../../../shared/identity.js';
import { SESSION_COOKIE } from '../../platform/auth/sessions.js';
import { PUBLIC } from '../../platform/authz.js';
import { RateLimited } from '../../platform/errors.js';
import { ctxOf, type App } from '../../platform/http/types.js';
import type { LinksService } from './links.js';
import type { IdentityService } from './service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 423: ErrorBody, 429: ErrorBody };

export async function identityRoutes(
  app: App,
  opts: { identity: IdentityService; links: LinksService; sessionTtlHours: number; cookieSecure: boolean; loginRatePerMinute: number },
): Promise<void> {
  const { identity, links } = opts;
  const ctx = ctxOf;

  // Sign-in is limited per address on top of the per-account lockout.
  await app.register(async (signIn: App) => {
    await signIn.register(rateLimit, {
      max: opts.loginRatePerMinute,
      timeWindow: 60_000,
      errorResponseBuilder: () => RateLimited(),
    });
    signIn.post('/api/auth/login', {
      config: { permission: PUBLIC },
      schema: {
        tags: ['identity'],
        summary: 'Sign in with email and password',
        body: LoginBody,
        response: { 200: Me, ...errors },
      },
      handler: async (req, reply) => {
        const { token, me } = await identity.signIn(req.body.email, req.body.password, req.meta);
        reply.setCookie(SESSION_COOKIE, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: opts.cookieSecure,
          maxAge: opts.sessionTtlHours * 3600,
        });
        return me;
      },
    });
  });

  app.post('/api/auth/logout', {
    config: { permission: 'identity.me' },
    schema: { tags: ['identity'], summary: 'Sign out of this session', response: { 204: z.null(), ...errors } },
    handler: async (req, reply) => {
      await identity.signOut(ctx(req), false);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  });

  app.post('/api/auth/logout-everywhere', {
    config: { permission: 'identity.me' },
    schema: {
      tags: ['identity'],
      summary: 'Sign out of every session of this person, on every device',
      response: { 204: z.null(), ...errors },
    },
    handler: async (req, reply) => {
      await identity.signOut(ctx(req), true);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  });

  app.get('/api/me', {
    config: { permission: 'identity.me' },
    schema: { tags: ['identity'], summary: 'Who am I: person, roles, abilities', response: { 200: Me, ...errors } },
    handler: (req) => identity.me(ctx(req)),
  });

  app.post('/api/me/password', {
    config: { permission: 'identity.me' },
    schema: {
      tags: ['identity'],
      summary: 'Change my password (R-DATA-5); ends my other sessions',
      body: ChangePasswordBody,
      response: { 204: z.null(), ...errors },
    },
    handler: async (req, reply) => {
      await identity.changePassword(ctx(req), req.body.currentPassword, req.body.newPassword);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/people/:personId', {
    config: { permission: 'identity.person.read' },
    schema: {
      tags: ['identity'],
      summary: 'A person’s name and roles; contact details only on a need-to-know basis (audited)',
      params: z.object({ personId: z.string().uuid() }),
      response: { 200: Person, ...errors },
    },
    handler: (req) => identity.getPerson(ctx(req), req.params.personId),
  });

  const LearnerParams = z.object({ learnerId: z.string().uuid() });
  app.get('/api/learners/:learnerId/links', {
    config: { permission: 'identity.links.manage' },
    schema: { tags: ['identity'], summary: 'A learner’s parents and carers and employers (R-ORG-1)', params: LearnerParams, response: { 200: LearnerLinks, ...errors } },
    handler: (req) => links.links(ctx(req), req.params.learnerId),
  });
  app.put('/api/learners/:learnerId/guardians', {
    config: { permission: 'identity.links.manage' },
    schema: { tags: ['identity'], summary: 'Set a learner’s parents and carers (what they may see follows)', params: LearnerParams, body: GuardiansBody, response: { 200: LearnerLinks, ...errors } },
    handler: (req) => links.setGuardians(ctx(req), req.params.learnerId, req.body),
  });
  app.put('/api/learners/:learnerId/employers', {
    config: { permission: 'identity.links.manage' },
    schema: { tags: ['identity'], summary: 'Set an apprentice’s employers', params: LearnerParams, body: EmployersBody, response: { 200: LearnerLinks, ...errors } },
    handler: (req) => links.setEmployers(ctx(req), req.params.learnerId, req.body),
  });
}
