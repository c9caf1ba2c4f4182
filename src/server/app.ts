import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { Permissions } from './platform/authz.js';
import type { Clock } from './platform/clock.js';
import type { Database } from './platform/db/client.js';
import { clockPermissions, clockRoutes } from './platform/http/clock-routes.js';
import { registerErrorHandling, sendError } from './platform/http/errors.js';
import { registerGuard, type DeclaredRoute } from './platform/http/guard.js';
import { healthRoutes } from './platform/http/health.js';
import { registerMetrics } from './platform/http/metrics.js';
import { registerOpenApi } from './platform/http/openapi.js';
import type { App } from './platform/http/types.js';
import { isPageRequest, webRoutes } from './platform/http/web.js';
import { AppError } from './platform/errors.js';
import { createIdentityService, createLinksService, identityPermissions, identityRoutes } from './modules/identity/index.js';
import { createManageService, createStructureService, organisationPermissions, organisationRoutes, rosterImportRoutes } from './modules/organisation/index.js';
import { policyPermissions, policyRoutes } from './modules/policy/index.js';
import { createPrivacyService, privacyPermissions, privacyRoutes } from './modules/privacy/index.js';
import { createBlobStore } from './platform/files/index.js';
import websocket from '@fastify/websocket';
import { createEventBus } from './platform/realtime/events.js';
import { EmbeddedMediaProvider, JanusMediaProvider, createClassroomService, type MediaProvider, createFamilyMeetings, createOneToOneService, createLiveHub, createLiveService, createLobbyService, createRecordings, createSessionTimers, createLearnerRecord, createSessionOverview, livePermissions, liveRoutes } from './modules/live/index.js';
import { createJobQueue, type JobQueue } from './platform/jobs/index.js';
import { createMailer, type Mailer } from './platform/mail/index.js';
import { createHandingInService, createPackService, createSimilarityService, createWorkOverview, createWorkService, workPermissions, workRoutes } from './modules/work/index.js';

export interface AppDeps {
  config: Config;
  db: Database;
  clock: Clock;
  /** Tests only: replace the permission tables (to show the access matrix catches a mistake). */
  permissionTables?: readonly import('./platform/authz.js').PermissionTable[];
  /** Tests only: add routes before the app is sealed (to show the declaration check catches one). */
  extraRoutes?: (app: App) => void;
}

export interface BuiltApp {
  app: App;
  routes: DeclaredRoute[];
  permissions: Permissions;
  /** Marks the server as shutting down so /readyz turns away new traffic. */
  beginShutdown(): void;
  /** Background jobs: main.ts starts them (JOBS_WORKER); tests drain() them; app.close() stops them. */
  jobs: JobQueue;
  mail: Mailer;
}

/** Every module's permissions, listed explicitly (no registration by side effect). */
export const PERMISSION_TABLES = [identityPermissions, organisationPermissions, policyPermissions, privacyPermissions, workPermissions, livePermissions, clockPermissions] as const;

/** Composes the platform and the modules into one Fastify instance (DESIGN.md, Shape). */
export async function buildApp({ config, db, clock, permissionTables, extraRoutes }: AppDeps): Promise<BuiltApp> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
    },
    bodyLimit: config.bodyLimitBytes,
    genReqId: () => `r-${randomBytes(6).toString('hex')}`,
    requestIdHeader: false,
    trustProxy: false,
    return503OnClosing: true,
  }).withTypeProvider<import('fastify-type-provider-zod').ZodTypeProvider>() as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const permissions = new Permissions(permissionTables ?? PERMISSION_TABLES);
  const identity = createIdentityService({
    db,
    clock,
    permissions,
    sessionTtlHours: config.sessionTtlHours,
    lockout: { maxFailures: config.login.maxFailures, lockoutMinutes: config.login.lockoutMinutes },
  });
  const privacy = createPrivacyService({ db, clock, permissions });
  const structure = createStructureService({ db, clock, permissions });
  const manage = createManageService({ db, clock, permissions });
  const jobs = createJobQueue({ db, clock, log: app.log.child({ component: 'jobs' }), concurrency: config.jobs.concurrency });
  const mail = createMailer({ db, clock, jobs, smtpUrl: config.mail.smtpUrl, from: config.mail.from });
  app.addHook('onClose', async () => {
    await jobs.stop();
    mail.close();
  });

  await app.register(cookie);
  registerErrorHandling(app);
  const { routes } = registerGuard(app, { db, clock, permissions, loadRoles: identity.loadRoles });
  let shuttingDown = false;
  app.addHook('onSend', async (_req, reply) => {
    // While stopping, answers close their connection so the server can finish (graceful shutdown).
    if (shuttingDown) reply.header('connection', 'close');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
  });
  await registerOpenApi(app);
  registerMetrics(app);

  let mediaState = (): 'up' | 'restarting' | 'down' => 'up'; // until the media provider below has started
  await app.register(healthRoutes, { db, isShuttingDown: () => shuttingDown, media: () => mediaState() });
  await app.register(clockRoutes, { clock });
  await app.register(identityRoutes, {
    identity,
    links: createLinksService({ db, clock, permissions }),
    sessionTtlHours: config.sessionTtlHours,
    cookieSecure: config.cookieSecure,
    loginRatePerMinute: config.login.ratePerMinute,
  });
  await app.register(organisationRoutes, { structure, manage });
  await app.register(rosterImportRoutes, { db, clock, permissions, dataDir: config.dataDir, uploadLimitBytes: config.rosterUploadLimitBytes, logError: (err, msg) => app.log.error({ err }, msg) });
  await app.register(privacyRoutes, { privacy });
  await app.register(policyRoutes, { db, clock, permissions });
  const blobs = createBlobStore({ root: config.blobDir, concurrentUploads: config.uploadConcurrency });
  jobs.recurring({
    name: 'files.sweep',
    cron: '0 * * * *',
    handler: async (ctx) => {
      const swept = await blobs.sweep(db);
      if (swept.staged + swept.orphans > 0) ctx.log.info(swept, 'Removed files the blob store no longer needs.');
    },
  });
  await app.register(workRoutes, {
    work: createWorkService({ db, clock, permissions, blobs }),
    handingIn: createHandingInService({ db, clock, permissions, blobs }),
    overview: createWorkOverview({ db, clock, permissions }),
    similarity: createSimilarityService({ db, permissions }),
    packs: createPackService({ db, clock, permissions }),
    blobs,
    uploadLimitBytes: config.uploadLimitBytes,
  });
  // WebSockets for every module (the live sessions' lobby first); a browser's largest message is an SDP offer of a few kilobytes.
  await app.register(websocket, { options: { maxPayload: 256 * 1024 } });
  // Live sessions: events cross instances through PostgreSQL; media goes through the embedded SFU.
  const events = createEventBus({ url: db.url, onError: (e) => app.log.error({ err: e }, 'events') });
  await events.start();
  const media: MediaProvider =
    config.media.provider === 'janus'
      ? await JanusMediaProvider.start({
          dir: path.join(config.dataDir, 'janus'),
          iceAddresses: config.media.onlyAddresses,
          publicAddresses: config.media.addresses,
          udpPorts: config.media.udpPorts,
          onLine: (line) => app.log.debug({ janus: line }, 'janus'),
          logger: app.log,
        })
      : await EmbeddedMediaProvider.create({
          ice: {
            additionalHostAddresses: config.media.addresses,
            ...(config.media.onlyAddresses.length ? { onlyAddresses: config.media.onlyAddresses } : {}),
            ...(config.media.udpPorts ? { portRange: config.media.udpPorts } : {}),
          },
        });
  mediaState = () => media.health.state;
  const timers = createSessionTimers({ db, clock, jobs, events });
  const lobby = createLobbyService({ db, clock, permissions, events, timers });
  const classroom = createClassroomService({ db, clock, permissions, events });
  const recordings = createRecordings({ db, clock, blobs, jobs, dataDir: config.dataDir });
  const hub = createLiveHub({
    events,
    media,
    loadRoom: (org, id) => lobby.loadRoom(org, id),
    loadChat: (org, id, messageId) => classroom.loadChat(org, id, messageId),
    loadChatHistory: (org, id) => classroom.loadChatHistory(org, id),
    recordTo: (org, id) => recordings.recordTo(org, id),
    onClosed: (org, id, files) => recordings.keep(org, id, files),
    onError: (e, what) => app.log.error({ err: e }, what),
  });
  app.addHook('onClose', async () => {
    await hub.close();
    await media.close();
    await events.stop();
  });
  await app.register(liveRoutes, { live: createLiveService({ db, clock, permissions, events, media, mail, timers, publicUrl: config.publicUrl }), lobby, classroom, oneToOne: createOneToOneService({ db, clock, permissions, events, media, timers }), familyMeetings: createFamilyMeetings({ db, clock, permissions, media }), learnerRecord: createLearnerRecord({ db, clock, permissions, blobs }), overview: createSessionOverview({ db, clock, permissions }), hub, recordings, logError: (e, what) => app.log.error({ err: e }, what) });
  extraRoutes?.(app);

  const hasWeb = await webRoutes(app, { dir: config.webDist });
  const indexHtml = hasWeb ? readFileSync(path.join(path.resolve(config.webDist), 'index.html')) : null;
  app.setNotFoundHandler((req, reply) => {
    if (indexHtml && isPageRequest(req.method, req.url)) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    }
    return sendError(reply, req, new AppError('not_found', 404, `There is no ${req.method} ${req.url.split('?')[0]} here.`));
  });

  return { app, routes, permissions, beginShutdown: () => (shuttingDown = true), jobs, mail };
}
