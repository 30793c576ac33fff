import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { sendMetrics } from './routes.js';

/**
 * The internal metrics listener: `GET /metrics` on METRICS_HOST:METRICS_PORT (127.0.0.1:9464 by default), a port
 * apart from the app's so a proxy that publishes the app never publishes the metrics. A port already taken (a second
 * node on the same machine left at the default) is logged, not fatal: the node still serves people.
 */
export async function startMetricsListener(
  opts: { host: string; port: number },
  log: FastifyBaseLogger,
): Promise<FastifyInstance | null> {
  const server = Fastify({ logger: false });
  server.get('/metrics', async (_req, reply) => sendMetrics(reply));
  try {
    await server.listen({ host: opts.host, port: opts.port });
  } catch (err) {
    log.error({ err, host: opts.host, port: opts.port }, 'metrics: the internal listener could not start');
    await server.close();
    return null;
  }
  log.info(`Metrics at http://${opts.host}:${(server.server.address() as { port: number }).port}/metrics`);
  return server;
}
