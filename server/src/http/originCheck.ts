import type { FastifyInstance } from 'fastify';
import { isLoopbackHost } from '../lib/loopback.js';
import { sendError } from './errorHandler.js';

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cross-site request forgery guard on top of SameSite=Lax cookies: a browser's state-changing
 * request must come from our own origin. Requests without Origin (non-browser clients) carry no
 * ambient cookie risk from another site and pass.
 */
export function installOriginCheck(app: FastifyInstance, publicUrl: string | undefined) {
  app.addHook('onRequest', async (req, reply) => {
    if (!unsafe.has(req.method)) return;
    const origin = req.headers.origin;
    if (!origin) return;
    const allowed = publicUrl ?? `${req.protocol}://${req.host}`;
    // On the server's own machine the app is opened at http://localhost:PORT even when PUBLIC_URL names the public
    // address (the first-run screen is only served there): a page can claim that origin only if it was loaded from it.
    const sameLoopbackOrigin = isLoopbackHost(req.host) && origin === `${req.protocol}://${req.host}`;
    if (origin !== allowed && !sameLoopbackOrigin) return sendError(reply, req, 403, 'bad_origin');
  });
}
