import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { PUBLIC } from '../authz.js';
import type { App } from './types.js';

/**
 * Serves the built web app: hashed assets with long caching, and index.html for every page
 * URL so the client-side router can take over. API paths never fall back to the page.
 */
export async function webRoutes(app: App, opts: { dir: string }): Promise<boolean> {
  const root = path.resolve(opts.dir);
  if (!existsSync(path.join(root, 'index.html'))) return false;
  await app.register(async (web) => {
    web.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), permission: PUBLIC };
    });
    await web.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      preCompressed: true,
      setHeaders: (res, filePath) => {
        res.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  });
  return true;
}

export function isPageRequest(method: string, url: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  const p = url.split('?')[0] ?? '';
  return !p.startsWith('/api/') && p !== '/api' && !p.startsWith('/assets/') && !/\.[a-z0-9]+$/i.test(p);
}
