import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { requestLocale, sendError } from '../http/errorHandler.js';
import { type GatewayOptions, Gateway } from './gateway.js';
import { LessonLive } from '../modules/lessons/live.js';
import { handleFrame } from './frames.js';
import { displayName } from './queries.js';

/**
 * `GET /api/socket`: one WebSocket per tab. The upgrade is refused (401) without a valid session
 * and (403) from another site's page; then the gateway joins the socket to its rooms.
 */
export async function registerRealtime(
  app: FastifyInstance,
  deps: AppDeps,
  options: Partial<GatewayOptions> = {},
): Promise<Gateway> {
  await app.register(websocket, { options: { maxPayload: 64 * 1024, perMessageDeflate: false } });
  const gateway = new Gateway(deps, app.log, options);
  const lessons = new LessonLive(deps, gateway, app.log, gateway.options.lessonGraceMs);
  app.addHook('onClose', async () => {
    gateway.close();
    await lessons.close();
  });

  app.get(
    '/api/socket',
    {
      websocket: true,
      preHandler: async (req, reply) => {
        // A WebSocket is not bound by CORS: a page of any site could open one with our cookie.
        const origin = req.headers.origin;
        const allowed = deps.config.publicUrl ?? `${req.protocol}://${req.host}`;
        if (origin && origin !== allowed) return sendError(reply, req, 403, 'bad_origin');
        if (!req.actor) return sendError(reply, req, 401, 'unauthenticated');
      },
    },
    (socket, req) => {
      const actor = req.actor;
      if (!actor) return socket.close(1008, 'unauthenticated');
      // app.log, not req.log: a socket lives for hours and must not keep its upgrade request alive.
      const ctx = { deps, gateway, lessons, log: app.log, locale: requestLocale(req) };
      // Started before any await, so no frame is missed; frames wait until the rooms are joined.
      const tcp = req.raw.socket;
      const opening = displayName(deps.db, actor.userId).then((name) => gateway.open(socket, actor, name, tcp));
      opening.catch((err) => {
        app.log.error({ err }, 'realtime: opening a socket failed');
        socket.close(1011, 'internal');
      });
      // A tab in a lesson that drops keeps its place for a while (reload, short network cut).
      socket.on('close', () => void opening.then((conn) => lessons.dropConnection(conn), () => undefined));
      socket.on('message', (data, isBinary) => {
        if (isBinary) return;
        const text = data.toString();
        void opening.then((conn) => handleFrame(ctx, conn, text), () => undefined);
      });
    },
  );
  return gateway;
}
