import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import type { AppDeps } from '../deps.js';
import { AppError } from '../lib/errors.js';
import { SESSION_COOKIE } from '../modules/auth/sessions.js';
import { type BudgetName, budgetOfRoute, budgets, scaledMax } from './rateLimitBudgets.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The request budget of this route (see rateLimitBudgets.ts), set when the route is registered. */
    rateBudget?: BudgetName | null;
  }
  interface FastifyRequest {
    /** Who the request was counted as (`u<user id>` or `ip<address>`), once it has been. */
    rateCountedAs: string | null;
  }
}

/** Redis keys of the counters start with this (`parta:rl:<budget>:u<user id>` or `…:ip<address>`). */
export const REDIS_PREFIX = 'parta:rl:';

/** How many session tokens the pre-check remembers (the least recently added go first). */
const KNOWN_SESSIONS = 50_000;

const isApiPath = (url: string) => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');

/** The budget a request counts against: its route's, `general` for an unknown /api path, none outside /api. */
function budgetOf(req: FastifyRequest): BudgetName | null {
  const own = req.routeOptions.config.rateBudget;
  if (own !== undefined) return own;
  return isApiPath(req.url) ? 'general' : null;
}

/**
 * Request budgets on every /api route, the socket upgrade included: per person when signed in (their user id,
 * whatever device or address), per client address when not (IPv6 by its /64, as one household or school gets it).
 * Counted before the body is read or validated, so a refused request costs one counter increment: a map lookup in
 * memory, or one Redis round trip with REDIS_URL (then every node shares the count). A session this node has seen
 * is counted before the session is even read, so a flood from a signed-in client is refused without a database
 * query. A refusal is 429 `rate_limited` with Retry-After and `retryInSeconds`.
 *
 * Install before the request context (for that early count) and before any route; the count of everyone else
 * happens in `preParsing`, once the context has found the actor.
 */
export async function installRateLimits(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const scales = deps.config.rateLimits;
  if (scales.scale === 0) {
    app.log.warn('rate limits are off (RATE_LIMIT_SCALE=0)');
    return;
  }
  const redis = deps.config.redisUrl ? await connectRedis(app, deps.config.redisUrl) : undefined;

  // Each route's budget is looked up once, here, not on every request.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const names = new Set(methods.map((m) => budgetOfRoute(m, route.url ?? route.path)));
    if (names.size > 1) throw new Error(`rate limits: ${methods.join(',')} ${route.url} share a route but not a budget; split it`);
    route.config = { ...route.config, rateBudget: [...names][0] ?? null };
  });

  await app.register(rateLimit, {
    // Not on every route by the plugin itself: the hooks below apply the budget of each route.
    global: false,
    // Memory: counters of this many people and addresses are kept (the least recently seen go first).
    cache: 100_000,
    ...(redis ? { redis, nameSpace: REDIS_PREFIX } : {}),
    // Redis away: the school keeps working without limits (logged) rather than refusing everyone.
    skipOnError: true,
    keyGenerator: (req) => `${budgetOf(req) ?? 'general'}:${req.rateCountedAs}`,
    max: (req, key) => scaledMax(key.slice(0, key.indexOf(':')) as BudgetName, req.rateCountedAs?.startsWith('u') === true, scales),
    timeWindow: (_req, key) => budgets[key.slice(0, key.indexOf(':')) as BudgetName].windowMs,
  });
  const check = app.createRateLimit();
  app.decorateRequest('rateCountedAs', null);

  /** Counts the request as `who`; refuses it (429) past the budget. */
  const count = async (req: FastifyRequest, reply: FastifyReply, who: string) => {
    req.rateCountedAs = who;
    const limit = await check(req);
    if (limit.isAllowed || !limit.isExceeded) return;
    // A refused socket upgrade is answered on the raw connection, maybe before the WebSocket plugin's hooks ran (they
    // close it after the answer): close it here, or it stays open with nobody reading it.
    if (req.headers.upgrade) reply.raw.once('finish', () => req.raw.socket.end());
    // Thrown, not sent: the error handler writes the one error shape and Retry-After, and Fastify stops the request.
    throw new AppError('rate_limited', { retryInSeconds: Math.max(1, limit.ttlInSeconds) });
  };

  // Session token → person, for sessions this node has read: the token names the same person for its whole life,
  // so it is only ever used to count (and refuse), never to let anyone in.
  const knownSessions = new Map<string, string>();

  app.addHook('onRequest', async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    const userId = token && knownSessions.get(token);
    if (userId && budgetOf(req) !== null) await count(req, reply, `u${userId}`);
  });

  app.addHook('preParsing', async (req, reply, payload) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      if (req.actor) {
        if (knownSessions.size >= KNOWN_SESSIONS && !knownSessions.has(token)) knownSessions.delete(knownSessions.keys().next().value!);
        knownSessions.set(token, req.actor.userId);
      } else {
        knownSessions.delete(token);
      }
    }
    if (req.rateCountedAs === null && budgetOf(req) !== null) {
      await count(req, reply, req.actor ? `u${req.actor.userId}` : `ip${normalizeIP(req.ip)}`);
    }
    return payload;
  });
}

/** The counters' own connection: fails fast while Redis is away (no queue of waiting requests). */
async function connectRedis(app: FastifyInstance, url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 1000 });
  let lastLogged = 0;
  redis.on('error', (err) => {
    // Reconnect attempts fail every few seconds while Redis is away: one line a minute says so.
    if (Date.now() - lastLogged < 60_000) return;
    lastLogged = Date.now();
    app.log.warn({ err }, 'rate limits: Redis unreachable, requests pass uncounted');
  });
  await redis.connect();
  app.addHook('onClose', async () => {
    await redis.quit().catch(() => redis.disconnect());
  });
  return redis;
}
