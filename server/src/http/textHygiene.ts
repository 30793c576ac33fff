import type { FastifyInstance } from 'fastify';
import { cleanStrings } from '../lib/storableText.js';

/**
 * Before validation, whatever a person typed or pasted is made storable, so that no input reaches the
 * database or a socket as something they cannot carry (see lib/storableText). Nothing is refused for it:
 * the rest of what they wrote is kept. This is the one place for JSON bodies, query strings and path
 * parameters of every route; the other ways text comes in are cleaned where they are parsed, with the
 * same function: socket frames (realtime/frames), file names of multipart and tus uploads (cleanFileName).
 */
export function installTextHygiene(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    if (req.body !== undefined && req.body !== null) req.body = cleanStrings(req.body);
    cleanStrings(req.query);
    cleanStrings(req.params);
  });
}
