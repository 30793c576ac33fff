import websocket from '@fastify/websocket';
import { socketCloseCodes } from '@parta/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { requestLocale, sendError } from '../http/errorHandler.js';
import { type GatewayOptions, Gateway } from './gateway.js';
import { LessonLive } from '../modules/lessons/live.js';
import { ChatViewers } from '../modules/push/viewers.js';
import { FRAME_WINDOW_MS, FrameLimits } from './frameLimits.js';
import { handleFrame, nackFrame } from './frames.js';
import { displayName } from './queries.js';
import { TOO_MANY_CLOSE_CODE } from './socketCaps.js';
import { openSockets } from '../observability/metrics.js';

/**
 * The largest frame a browser may send. The largest it does send is a lesson's SDP (the contract allows 100,000
 * characters; a 100-person lesson's offers and answers stay well under): a frame over this is refused by closing the
 * socket (1009) before it is read whole.
 */
const MAX_FRAME_BYTES = 256 * 1024;

/** Each app's gateway, for the graceful stop (shutdown.ts), which drains its sockets before the app closes. */
const gateways = new WeakMap<FastifyInstance, Gateway>();

export function gatewayOf(app: FastifyInstance): Gateway | undefined {
  return gateways.get(app);
}

/**
 * `GET /api/socket`: one WebSocket per tab. The upgrade is refused (401) without a valid session
 * and (403) from another site's page; then the gateway joins the socket to its rooms.
 */
export async function registerRealtime(
  app: FastifyInstance,
  deps: AppDeps,
  options: Partial<GatewayOptions> = {},
): Promise<Gateway> {
  await app.register(websocket, { options: { maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false } });
  const gateway = new Gateway(deps, app.log, options);
  gateways.set(app, gateway);
  const lessons = new LessonLive(deps, gateway, app.log, gateway.options.lessonGraceMs);
  const limits = FrameLimits.create(deps.config);
  const viewers = new ChatViewers(deps, app.log);
  app.addHook('onClose', async () => {
    gateway.close();
    await lessons.close();
    await viewers.close();
    limits.close();
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
      // Came in while this node stops (an upgrade on a kept-alive connection): off to another node at once.
      if (gateway.isDraining) return socket.close(socketCloseCodes.restarting, 'restarting');
      const release = gateway.admit(actor);
      if (!release) {
        socket.close(TOO_MANY_CLOSE_CODE, 'too many sockets');
        // A client that never answers the close would keep it for ws's 30 s: a second is enough to read the reason.
        setTimeout(() => socket.terminate(), 1000).unref();
        return;
      }
      socket.once('close', release);
      openSockets.inc();
      socket.once('close', () => openSockets.dec());
      // app.log, not req.log: a socket lives for hours and must not keep its upgrade request alive.
      const ctx = { deps, gateway, lessons, viewers, limits, log: app.log, locale: requestLocale(req) };
      // Started before any await, so no frame is missed; frames wait until the rooms are joined.
      const tcp = req.raw.socket;
      const opening = displayName(deps.db, actor.userId).then((name) => gateway.open(socket, actor, name, tcp));
      // Frames received and not yet answered: a stopping node answers them before closing the socket.
      const inFlight = new Set<Promise<unknown>>();
      const track = (p: Promise<unknown>) => {
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
      };
      void opening.then((conn) => {
        conn.inFlight = inFlight;
      }, () => undefined);
      opening.catch((err) => {
        app.log.error({ err }, 'realtime: opening a socket failed');
        socket.close(1011, 'internal');
      });
      // A tab in a lesson that drops keeps its place for a while (reload, short network cut).
      socket.on('close', () => void opening.then((conn) => lessons.dropConnection(conn), () => undefined));
      // Its chat no longer holds pushes back.
      socket.on('close', () => void opening.then((conn) => viewers.drop(conn), () => undefined));
      // Frames are judged against the person's budget one after another, so they are handled in the order sent.
      let judged = Promise.resolve();
      let refusedAt = 0;
      socket.on('message', (data, isBinary) => {
        if (isBinary) return;
        judged = judged.then(async () => {
          if (await limits.takeFrame(actor.userId)) {
            const text = data.toString();
            track(opening.then((conn) => handleFrame(ctx, conn, text), () => undefined));
            return;
          }
          // Dropped unread; told once a window, so a flood is not answered by a flood.
          const now = Date.now();
          if (now - refusedAt < FRAME_WINDOW_MS || socket.readyState !== socket.OPEN) return;
          refusedAt = now;
          socket.send(nackFrame('', 'rate_limited', ctx.locale));
        });
        track(judged);
      });
    },
  );
  return gateway;
}
