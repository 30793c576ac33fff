import type { IncomingMessage, ServerOptions } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route takes a file: a signed-in person's body may take up to HTTP_UPLOAD_TIMEOUT_MS (a school's link can be
     * slow), where any other body has HTTP_BODY_TIMEOUT_MS.
     */
    upload?: boolean;
  }
}

/**
 * A socket silent both ways this long is closed: an upload whose bytes stopped, a download nobody reads. Two minutes
 * outlast any pause of a live client (a phone switching networks, a busy server answering).
 */
const IDLE_TIMEOUT_MS = 120_000;
/**
 * An idle keep-alive connection is kept this long between requests. Longer than a reverse proxy's own idle timeout
 * (nginx and most balancers: 60 s), so the proxy closes first and never sends a request into a closing socket.
 */
const KEEP_ALIVE_TIMEOUT_MS = 72_000;

/**
 * Fastify's (and Node's) timeouts for a server on the open internet. Fastify's own default is to wait for a request
 * forever (`requestTimeout: 0`): a client that sends headers and a few bytes of a body held its connection for good.
 * Node's `requestTimeout` bounds the whole request, so it is the upload bound; ordinary bodies get the shorter
 * bound of `installBodyDeadline`.
 */
export function httpTimeoutOptions(http: Config['http']): {
  connectionTimeout: number;
  keepAliveTimeout: number;
  requestTimeout: number;
  http: ServerOptions;
} {
  return {
    connectionTimeout: Math.max(IDLE_TIMEOUT_MS, http.bodyTimeoutMs),
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    requestTimeout: http.uploadTimeoutMs,
    http: {
      headersTimeout: http.headersTimeoutMs,
      // Node looks for late requests this often (30 s by default, which would let a 20 s limit run to 50 s).
      connectionsCheckingInterval: Math.min(5_000, Math.max(100, Math.floor(http.headersTimeoutMs / 4))),
    },
  };
}

const hasBody = (raw: IncomingMessage) => {
  const length = raw.headers['content-length'];
  return raw.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
};

/**
 * Cuts the connection of a request whose body has not arrived whole within `bodyTimeoutMs` — also after a refusal
 * (401, 413, 415), when Node goes on reading the unread rest of the body to keep the connection. An upload route
 * (`config.upload`) with a signed-in person is let off, bounded by the upload timeout instead: strangers get no
 * longer to trickle a body than anywhere else. The connection is destroyed without an answer: a client too slow to
 * send 1 MB in 30 s is gone or is an attack, and an answer would race the handler still waiting for the body.
 */
export function installBodyDeadline(app: FastifyInstance, bodyTimeoutMs: number): void {
  const deadlines = new WeakMap<IncomingMessage, NodeJS.Timeout>();
  const clear = (raw: IncomingMessage) => {
    const timer = deadlines.get(raw);
    if (timer) clearTimeout(timer);
    deadlines.delete(raw);
  };
  app.addHook('onRequest', (req, _reply, done) => {
    const raw = req.raw;
    if (hasBody(raw) && !raw.complete) {
      const timer = setTimeout(() => {
        deadlines.delete(raw);
        // light-my-request's injected requests have a socket without destroy(): nothing to cut there.
        if (!raw.complete && typeof raw.socket?.destroy === 'function') raw.socket.destroy();
      }, bodyTimeoutMs);
      timer.unref();
      deadlines.set(raw, timer);
    }
    done();
  });
  // After the actor is loaded (installRequestContext's preHandler runs first).
  app.addHook('preHandler', (req, _reply, done) => {
    if (req.routeOptions.config.upload && req.actor) clear(req.raw);
    done();
  });
  app.addHook('onResponse', (req, _reply, done) => {
    // `complete` is false only while a real body is still arriving (injected requests leave it unset).
    if (req.raw.complete !== false) clear(req.raw);
    done();
  });
}
