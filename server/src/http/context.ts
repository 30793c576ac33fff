import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEVICE_COOKIE, loadActor, SESSION_COOKIE, SESSION_TTL_MS } from '../modules/auth/sessions.js';
import { newToken } from '../lib/secrets.js';
import type { Actor } from '../policy/actor.js';
import type { AppDeps } from '../deps.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, or null. Loaded before the handler from the session cookie. */
    actor: Actor | null;
  }
}

/**
 * Loads the actor for every /api request that carries a session cookie. On the request's arrival, before its body
 * is read: the rate limits count a signed-in person by their id, and refuse a flood before any parsing.
 */
export function installRequestContext(app: FastifyInstance, deps: AppDeps) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token || !req.url.startsWith('/api/')) return;
    req.actor = await loadActor({ db: deps.db, clock: deps.clock, secret: deps.secret }, token);
    // The audit log records from where each action came: every use-case gets the address with its actor.
    if (req.actor) req.actor.ip = clientIp(req);
  });
}

/**
 * Every cookie Parta sets: not readable by scripts, not sent on cross-site requests, and Secure (sent over
 * https only) when the school's address is https or a TLS-terminating proxy is trusted.
 */
function cookieOptions(deps: AppDeps, maxAgeMs: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.trustProxy || (deps.config.publicUrl?.startsWith('https://') ?? false),
    maxAge: Math.floor(maxAgeMs / 1000),
  };
}

export function setSessionCookie(reply: FastifyReply, deps: AppDeps, token: string) {
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(deps, SESSION_TTL_MS));
}

/** Clears with the same attributes as set, so the Set-Cookie of a sign-out is Secure like the one of a sign-in. */
export function clearSessionCookie(reply: FastifyReply, deps: AppDeps) {
  const { maxAge: _maxAge, ...options } = cookieOptions(deps, 0);
  reply.clearCookie(SESSION_COOKIE, options);
}

/** The device id cookie: made on first sight, kept for a year; the server knows only its hash. */
export function deviceId(req: FastifyRequest, reply: FastifyReply, deps: AppDeps): string {
  const existing = req.cookies[DEVICE_COOKIE];
  if (existing && existing.length >= 32 && existing.length <= 64) return existing;
  const id = newToken();
  reply.setCookie(DEVICE_COOKIE, id, cookieOptions(deps, 365 * 24 * 3600 * 1000));
  return id;
}

/** The client's address, as the rate limits count it. */
export function clientIp(req: FastifyRequest): string {
  return req.ip;
}
