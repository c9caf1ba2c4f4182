import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { PUBLIC } from '../authz.js';
import type { App } from './types.js';

/**
 * OpenAPI generated from the routes' zod schemas, served at /api/openapi.json and browsable at
 * /api/docs. Each operation carries the permission it needs as `x-permission`.
 */
export async function registerOpenApi(app: App): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Continuum API',
        version: '0.1.0',
        description:
          'Remote and blended learning with the policy enforced. Sign in with POST /api/auth/login; send the `csrfToken` from the response (or GET /api/me) as the `x-csrf-token` header on every POST, PUT, PATCH and DELETE. Errors share one shape: `{ error: { code, message, details?, requestId } }`.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'continuum_session' } },
      },
    },
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      const permission = input.route.config?.permission;
      const schema = out.schema as Record<string, unknown>;
      return {
        ...out,
        schema: {
          ...schema,
          'x-permission': permission ?? 'undeclared',
          ...(permission && permission !== PUBLIC ? { security: [{ session: [] }] } : {}),
        },
      };
    },
    transformObject: jsonSchemaTransformObject,
  });
  app.get('/api/openapi.json', { config: { permission: PUBLIC }, schema: { hide: true } }, async () => app.swagger());
  // The docs UI's own routes (page, assets) are public by this one declaration.
  await app.register(async (docs) => {
    docs.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), permission: PUBLIC };
    });
    await docs.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  });
}
