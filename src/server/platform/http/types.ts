import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor, Ctx, RequestMeta } from '../auth/actor.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission this route needs, or 'public'. Required on every route (STYLE.md). */
    permission?: string;
  }
  interface FastifyRequest {
    /** The signed-in person; set for every route that is not public. */
    actor: Actor | null;
    meta: RequestMeta;
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Returns the actor of a route that is not public (the guard has already refused anonymous callers). */
export function actorOf(req: { actor: Actor | null }): Actor {
  if (!req.actor) throw new Error('actorOf() called on a public route');
  return req.actor;
}

/** Who asks and from where, for a service call from a route that is not public. */
export function ctxOf(req: { actor: Actor | null; meta: RequestMeta }): Ctx {
  return { actor: actorOf(req), meta: req.meta };
}
