import type { FastifyRequest } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import { z } from 'zod';
import { ClientMessage, SocketQuery, type ServerMessage } from '../../../shared/live.js';
import { AppError } from '../../platform/errors.js';
import { ctxOf } from '../../platform/http/types.js';
import type { App } from '../../platform/http/types.js';
import type { LiveHub } from './hub.js';
import { CLASSROOM_COMMANDS, type ClassroomService } from './classroom.js';
import { LobbyRefused } from './errors.js';
import type { LobbyService } from './lobby-service.js';

/**
 * The live session's WebSocket (R-LIVE-3..5): the guard has already checked the sign-in; here
 * the personal link is checked (the service), the person arrives, and from then on their
 * messages are the host's commands or media signals, answered by room states from the hub.
 * Close codes: 4401 not signed in, 4403 not for you, 4409 locked or ended, 1008 another site.
 */

const Params = z.object({ sessionId: z.string().uuid() });

/** Needs @fastify/websocket registered on the app (app.ts does, for every module's sockets). */
export async function liveSocketRoute(app: App, deps: { lobby: LobbyService; classroom: ClassroomService; hub: LiveHub; logError: (e: unknown, what: string) => void }): Promise<void> {
  const { lobby, classroom, hub } = deps;

  app.get(
    '/api/live/sessions/:sessionId/socket',
    {
      websocket: true,
      config: { permission: 'live.join' },
      schema: { tags: ['live'], summary: 'A live session’s lobby, host control and media signalling, over WebSocket, through the person’s own link (R-LIVE-3, -4, -5)', params: Params, querystring: SocketQuery },
    },
    (socket: WebSocket, req: FastifyRequest) => {
      const send = (m: ServerMessage) => socket.readyState === socket.OPEN && socket.send(JSON.stringify(m));
      // Cookies go with a WebSocket from any page: only our own pages may open one (cross-site WebSocket hijacking).
      if (!sameOrigin(req)) return socket.close(1008, 'another site');
      const ctx = ctxOf(req as never);
      const { sessionId } = req.params as z.infer<typeof Params>;
      const { link } = req.query as z.infer<typeof SocketQuery>;
      // Messages are handled in order, and only after the arrival is written.
      let queue: Promise<unknown> = Promise.resolve();
      let attached: ReturnType<LiveHub['attach']> | null = null;
      let organisationId = ctx.actor.organisationId;
      const refuse = (e: unknown) => {
        if (e instanceof LobbyRefused) return send({ type: 'refused', code: e.code, message: e.message });
        if (e instanceof AppError) return send({ type: 'refused', code: e.code, message: e.message });
        deps.logError(e, 'live socket');
        send({ type: 'refused', code: 'internal', message: 'Something went wrong. Try again.' });
      };

      queue = queue.then(async () => {
        try {
          const arrived = await lobby.arrive(ctx, sessionId, link);
          organisationId = arrived.organisationId;
          attached = hub.attach(organisationId, sessionId, ctx.actor.userId, { send, close: (code, reason) => socket.close(code, reason) });
        } catch (e) {
          refuse(e);
          const status = e instanceof AppError ? e.status : 500;
          socket.close(status === 409 ? 4409 : status === 403 || status === 404 ? 4403 : 1011, 'refused');
        }
      });

      socket.on('message', (data: RawData) => {
        queue = queue.then(async () => {
          if (!attached) return;
          let message: ClientMessage;
          try {
            message = ClientMessage.parse(JSON.parse(data.toString()));
          } catch {
            return send({ type: 'refused', code: 'live.message.invalid', message: 'That message could not be read.' });
          }
          try {
            if (message.type === 'signal') await attached.signal(message.signal);
            else if (CLASSROOM_COMMANDS.has(message.type)) await classroom.command(ctx, sessionId, message as Parameters<ClassroomService['command']>[2]);
            else await lobby.command(ctx, sessionId, message as Parameters<LobbyService['command']>[2]);
          } catch (e) {
            refuse(e);
          }
        });
      });

      socket.on('close', () => {
        queue = queue.then(async () => {
          if (!attached) return;
          await attached.detach();
          await lobby.depart(organisationId, sessionId, ctx.actor.userId).catch((e) => deps.logError(e, 'live depart'));
        });
      });
    },
  );
}

function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (!origin) return true; // not a browser: the session cookie is still required
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
