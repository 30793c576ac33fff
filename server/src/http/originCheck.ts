import type { FastifyInstance } from 'fastify';
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
    if (origin !== allowed) return sendError(reply, req, 403, 'bad_origin');
  });
}
