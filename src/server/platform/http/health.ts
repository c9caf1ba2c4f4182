import { z } from 'zod';
import { PUBLIC } from '../authz.js';
import type { Database } from '../db/client.js';
import { DatabaseUnavailable } from '../errors.js';
import type { App } from './types.js';

/**
 * /healthz: the process answers. /readyz: it can reach its database and is not shutting down; it
 * also says whether live media runs (a media server given up on leaves everything else working,
 * so it does not make the instance unready, but an operator sees `media: "down"`).
 */
export async function healthRoutes(app: App, opts: { db: Database; isShuttingDown: () => boolean; media: () => 'up' | 'restarting' | 'down' }): Promise<void> {
  app.get('/healthz', {
    config: { permission: PUBLIC },
    schema: { hide: true, response: { 200: z.object({ status: z.literal('ok') }) } },
    handler: async () => ({ status: 'ok' as const }),
  });
  app.get('/readyz', {
    config: { permission: PUBLIC },
    schema: { hide: true },
    handler: async (_req, reply) => {
      if (opts.isShuttingDown()) return reply.status(503).send({ status: 'shutting_down' });
      try {
        await opts.db.ping();
      } catch {
        throw DatabaseUnavailable();
      }
      return { status: 'ready', media: opts.media() };
    },
  });
}
