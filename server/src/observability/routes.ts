import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../deps.js';
import { sendError } from '../http/errorHandler.js';
import { httpDuration, registry } from './metrics.js';
import { Readiness } from './readiness.js';

/**
 * Liveness, readiness and the request-latency histogram on the main app (docs/OPERATIONS.md). `/metrics` is served
 * here only with METRICS_TOKEN (a bearer token); otherwise only by the internal listener (listener.ts).
 */
export function installObservability(app: FastifyInstance, deps: Pick<AppDeps, 'db' | 'config'>): void {
  app.addHook('onResponse', async (req, reply) => {
    // The route pattern ('/api/chats/:chatId'): raw URLs would make a series per chat and per file.
    const route = req.routeOptions.url ?? 'unmatched';
    httpDuration.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  // Liveness: the process answers. Nothing else is asked, so a database outage does not make an orchestrator kill it.
  app.get('/api/health', async () => ({ ok: true }));

  const readiness = new Readiness(deps.db, deps.config.redisUrl);
  app.addHook('onClose', () => readiness.close());
  app.get('/api/ready', async (_req, reply) => {
    const report = await readiness.check();
    return reply.status(report.ok ? 200 : 503).header('cache-control', 'no-store').send(report);
  });

  // Registered even without a token, so the web app's fallback never answers this path with a page.
  const token = deps.config.metrics.token;
  app.get('/metrics', async (req, reply) => {
    if (!token) return sendError(reply, req, 404, 'not_found');
    if (!bearerMatches(req, token)) return sendError(reply.header('www-authenticate', 'Bearer'), req, 401, 'unauthenticated');
    return sendMetrics(reply);
  });
}

/** The Prometheus text exposition of every series of this process. */
export async function sendMetrics(reply: FastifyReply): Promise<FastifyReply> {
  const body = await registry.metrics();
  return reply.header('content-type', registry.contentType).header('cache-control', 'no-store').send(body);
}

function bearerMatches(req: FastifyRequest, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
