import { type ErrorCode, errorMessage } from '@parta/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../lib/errors.js';

/** The request's language for server-written messages: Russian unless the client asks for English. */
export function requestLocale(req: FastifyRequest): 'ru' | 'en' {
  const header = req.headers['accept-language'] ?? '';
  return /^en\b/i.test(header) ? 'en' : 'ru';
}

export function sendError(
  reply: FastifyReply,
  req: FastifyRequest,
  status: number,
  code: ErrorCode,
  extra: Record<string, unknown> = {},
) {
  return reply.status(status).send({ error: { code, message: errorMessage(code, requestLocale(req), extra), ...extra } });
}

/**
 * Errors Fastify's router raises before any hook runs (Fastify's `frameworkErrors`): an address whose
 * percent-escapes are not UTF-8 («/api/chats/%ED%A0%80», 400) or with a path segment over 100
 * characters (414) is bad input like any other, answered in the one shape with its status.
 */
export function frameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) return sendError(reply, req, status, 'invalid_input');
  req.log.error({ err }, 'router error');
  return sendError(reply, req, 500, 'internal');
}

/** Turns every thrown error into the one error shape; 5xx never carries internals. */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      // A wait the client must sit out is also said in the standard header, for any HTTP client.
      const wait = err.details?.retryInSeconds;
      if (typeof wait === 'number' && wait > 0) reply.header('retry-after', String(Math.ceil(wait)));
      return sendError(reply, req, err.status, err.code, err.details ?? {});
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = err.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
        message: v.message ?? 'invalid',
      }));
      const code: ErrorCode = fields.some((f) => f.message === 'invalid_phone') ? 'invalid_phone' : 'invalid_input';
      return sendError(reply, req, 400, code, { fields });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      const code: ErrorCode = err.statusCode === 404 ? 'not_found' : err.statusCode === 429 ? 'rate_limited' : 'invalid_input';
      return sendError(reply, req, err.statusCode, code);
    }
    req.log.error({ err }, 'unhandled error');
    return sendError(reply, req, 500, 'internal');
  });
}
