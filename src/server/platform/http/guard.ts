import type { FastifyRequest, RouteOptions } from 'fastify';
import type { Clock } from '../clock.js';
import type { Database } from '../db/client.js';
import type { Actor, RoleGrant } from '../auth/actor.js';
import { findSession, SESSION_COOKIE } from '../auth/sessions.js';
import { PUBLIC, type Permissions } from '../authz.js';
import { AppError, AuthRequired, CsrfRejected, Forbidden, SessionExpired } from '../errors.js';
import type { App } from './types.js';

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Loads the roles of a signed-in person (provided by the identity module). */
export type RoleLoader = (organisationId: string, userId: string) => Promise<RoleGrant[] | null>;

export interface DeclaredRoute {
  method: string;
  url: string;
  permission: string | undefined;
}

/**
 * Default deny (STYLE.md, Authorization): every route must declare `config.permission`. Routes
 * are collected as they are registered, a route naming no permission or an unknown one stops
 * the server from starting, and the request hook refuses anyone who holds the permission nowhere.
 */
export function registerGuard(
  app: App,
  deps: { db: Database; clock: Clock; permissions: Permissions; loadRoles: RoleLoader },
): { routes: DeclaredRoute[] } {
  // Plugins that serve public pages (the docs UI, the web app) declare their routes public from
  // their own onRoute hook, which runs after this one: so collect here, and check when ready.
  const registered: RouteOptions[] = [];
  const routes: DeclaredRoute[] = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    registered.push(route);
  });
  app.addHook('onReady', async () => {
    for (const route of registered) {
      const permission = route.config?.permission;
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) routes.push({ method, url: route.url, permission });
      if (permission === undefined) {
        throw new Error(`Route ${methods.join(',')} ${route.url} declares no permission (config.permission).`);
      }
      if (permission !== PUBLIC && !deps.permissions.has(permission)) {
        throw new Error(`Route ${methods.join(',')} ${route.url} names unknown permission ${permission}.`);
      }
    }
  });

  app.decorateRequest('actor', null);
  app.decorateRequest('meta', null as never);

  app.addHook('onRequest', async (req) => {
    req.meta = { requestId: req.id, ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null };
    const permission = req.routeOptions.config?.permission;
    // Unknown URLs reach the not-found handler, which has no route config.
    if (req.routeOptions.url === undefined) return;
    if (permission === undefined) throw new AppError('internal', 500, 'Something went wrong.', undefined, 'route without permission');
    if (permission === PUBLIC) {
      refuseCrossSiteForm(req);
      return;
    }
    const actor = await resolveActor(req, deps);
    if (!SAFE_METHODS.has(req.method) && req.headers[CSRF_HEADER] !== actor.csrfToken) throw CsrfRejected();
    if (!deps.permissions.holdsAnywhere(actor, permission)) throw Forbidden();
    req.actor = actor;
  });

  return { routes };
}

async function resolveActor(
  req: FastifyRequest,
  deps: { db: Database; clock: Clock; loadRoles: RoleLoader },
): Promise<Actor> {
  const token = req.cookies[SESSION_COOKIE];
  if (!token) throw AuthRequired();
  const session = await findSession(deps.db.system, token, deps.clock.now());
  if (!session) throw SessionExpired();
  const roles = await deps.loadRoles(session.organisationId, session.userId);
  if (!roles) throw SessionExpired();
  return {
    userId: session.userId,
    organisationId: session.organisationId,
    roles,
    sessionKey: session.tokenHash,
    csrfToken: session.csrfToken,
  };
}

/**
 * Public state-changing routes (sign-in) carry no session token yet. They accept only JSON,
 * which a cross-site form cannot send without a CORS preflight we never grant, and refuse a
 * browser's request whose Origin is another site.
 */
function refuseCrossSiteForm(req: FastifyRequest): void {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.origin;
  if (origin && origin !== 'null') {
    const host = req.headers.host;
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (originHost !== host) throw CsrfRejected();
  }
}
