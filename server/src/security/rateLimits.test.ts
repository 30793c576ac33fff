import { randomInt, randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BudgetName, budgetOfRoute, budgets, routeBudgets, scaledMax } from '../http/rateLimitBudgets.js';
import { Browser, signUpThroughApi } from '../modules/auth/testHelpers.js';
import { createUser, signedInCookie } from '../test/factories.js';
import { SocketClient } from '../realtime/testing/socketClient.js';
import { createTestContext, listeningTestApp, type TestContext } from '../test/testApp.js';

/** Small budgets keep the every-route test fast; the numbers are the table's, scaled. */
const SCALE = 0.02;
const scales = { scale: SCALE, anonScale: 1 };

/** A client address no other test of this file uses (the benchmarking range 198.18.0.0/15: never a real client). */
// A new address each time, never one used before in this process: random ones met again among 300 routes sharing a
// budget (one in seven runs), and a route found its budget spent by another.
let addresses = randomInt(0, 10_000);
const newAddress = () => {
  addresses += 1;
  return `198.${18 + (Math.floor(addresses / 65_000) % 2)}.${Math.floor(addresses / 250) % 256}.${(addresses % 250) + 1}`;
};

interface Route {
  method: string;
  url: string;
}

/**
 * Every route the app serves, read from Fastify's own router (printRoutes), not from a list kept by hand: a route
 * added tomorrow is in it. The tree prints each node's label under its parent's, so a path is the labels joined.
 */
function registeredRoutes(app: FastifyInstance): Route[] {
  const routes: Route[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:│ {3}| {4})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    stack.length = (m[1] ?? '').length / 4;
    stack.push(m[2] ?? '');
    for (const method of m[3]?.split(', ') ?? []) routes.push({ method, url: stack.join('') });
  }
  return routes;
}

/** A request to the route with made-up parameters and no body: the budget is counted before anything is checked. */
function hit(app: FastifyInstance, route: Route, who: { ip: string; cookie?: string }): Promise<LightMyRequestResponse> {
  const url = route.url.replace(/:[A-Za-z]+/g, () => randomUUID()).replace('*', 'x');
  return app.inject({
    method: route.method as 'GET',
    url,
    remoteAddress: who.ip,
    headers: who.cookie ? { cookie: who.cookie } : {},
  });
}

function expectRateLimited(res: LightMyRequestResponse, name: BudgetName, what: string) {
  expect(res.statusCode, what).toBe(429);
  const wait = Number(res.headers['retry-after']);
  expect(wait, `${what}: Retry-After`).toBeGreaterThanOrEqual(1);
  expect(wait, `${what}: Retry-After`).toBeLessThanOrEqual(budgets[name].windowMs / 1000);
  // A HEAD answer has no body.
  if (res.body === '' && what.startsWith('HEAD ')) return;
  expect(res.json().error, what).toEqual({
    code: 'rate_limited', message: 'Слишком много попыток. Попробуйте позже', retryInSeconds: wait,
  });
}

describe('rate limits on every /api route', () => {
  let ctx: TestContext;
  let routes: Route[];
  beforeAll(async () => {
    ctx = await createTestContext({ RATE_LIMIT_SCALE: String(SCALE) });
    routes = registeredRoutes(ctx.app).filter((r) => r.url === '/api' || r.url.startsWith('/api/'));
  });
  afterAll(() => ctx.close());

  it('the router is read whole: the socket, the docs, the tus routes and every module are in the list', () => {
    const names = new Set(routes.map((r) => `${r.method} ${r.url}`));
    for (const known of ['GET /api/socket', 'GET /api/docs', 'PATCH /api/messages/:messageId', 'OPTIONS /api/uploads', 'GET /api/lessons/:lessonId/attendance.csv']) {
      expect(names, known).toContain(known);
    }
    expect(routes.length).toBeGreaterThan(100);
  });

  it('every budget named for a route is a route that exists (a renamed route does not silently fall back to general)', () => {
    const names = new Set(routes.map((r) => `${r.method} ${r.url}`));
    for (const key of Object.keys(routeBudgets)) expect(names, key).toContain(key);
  });

  it('without a session, per address: each route serves its budget, then answers 429 with Retry-After', { timeout: 120_000 }, async () => {
    for (const route of routes) {
      const name = budgetOfRoute(route.method, route.url);
      expect(name, route.url).not.toBeNull();
      const max = scaledMax(name!, false, scales);
      const who = { ip: newAddress() };
      for (let i = 1; i <= max; i++) {
        expect((await hit(ctx.app, route, who)).statusCode, `${route.method} ${route.url} #${i} of ${max}`).not.toBe(429);
      }
      expectRateLimited(await hit(ctx.app, route, who), name!, `${route.method} ${route.url} #${max + 1}`);
    }
  });

  it('signed in, per person: each route serves its budget, then answers 429 with Retry-After', { timeout: 120_000 }, async () => {
    // Signing out ends the session, so the next request is counted by address: that route's budget is shown above.
    for (const route of routes.filter((r) => r.url !== '/api/auth/signout')) {
      const name = budgetOfRoute(route.method, route.url)!;
      const max = scaledMax(name, true, scales);
      const who = { ip: newAddress(), cookie: await signedInCookie(ctx, await createUser(ctx)) };
      for (let i = 1; i <= max; i++) {
        expect((await hit(ctx.app, route, who)).statusCode, `${route.method} ${route.url} #${i} of ${max}`).not.toBe(429);
      }
      expectRateLimited(await hit(ctx.app, route, who), name, `${route.method} ${route.url} #${max + 1}`);
    }
  });

  it('an unknown /api path counts against the general budget; the web app outside /api is never limited', async () => {
    const ip = newAddress();
    const max = scaledMax('general', false, scales);
    for (let i = 1; i <= max; i++) expect((await ctx.app.inject({ url: `/api/nothing/${i}`, remoteAddress: ip })).statusCode).toBe(404);
    expectRateLimited(await ctx.app.inject({ url: '/api/nothing/else', remoteAddress: ip }), 'general', 'unknown path');
    for (let i = 0; i < 3 * max; i++) expect((await ctx.app.inject({ url: `/chats/${i}`, remoteAddress: ip })).statusCode).not.toBe(429);
  });

  it('a person who used up one budget keeps the others: searching too much does not stop reading chats', async () => {
    const user = await createUser(ctx);
    const who = { ip: newAddress(), cookie: await signedInCookie(ctx, user) };
    const search = { method: 'GET', url: '/api/search' };
    for (let i = 0; i < scaledMax('search', true, scales); i++) await hit(ctx.app, search, who);
    expectRateLimited(await hit(ctx.app, search, who), 'search', 'search');
    expect((await hit(ctx.app, { method: 'GET', url: '/api/chats' }, who)).statusCode).toBe(200);
    expect((await hit(ctx.app, { method: 'GET', url: '/api/me' }, who)).statusCode).toBe(200);
  });
});

describe('a school behind one address', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    // The budgets as they ship.
    ctx = await createTestContext({ RATE_LIMIT_SCALE: '1' });
  });
  afterAll(() => ctx.close());

  it('one pupil flooding search is refused; a classmate on the same address is not, nor is anyone signing in there', async () => {
    const ip = newAddress();
    const cookieOf = async () => signedInCookie(ctx, await createUser(ctx));
    const flooder = { ip, cookie: await cookieOf() };
    const classmate = { ip, cookie: await cookieOf() };
    const search = { method: 'GET', url: '/api/search?q=%D0%BF%D0%BE%D1%85%D0%BE%D0%B4' };
    // At once, so that all 50 fall in one 10-second window however slow the machine.
    const statuses = await Promise.all(Array.from({ length: 50 }, async () => (await hit(ctx.app, search, flooder)).statusCode));
    expect(statuses.filter((s) => s === 429)).toHaveLength(50 - budgets.search.max);
    expect((await hit(ctx.app, search, classmate)).statusCode).toBe(200);
    expect((await hit(ctx.app, { method: 'GET', url: '/api/me' }, { ip })).statusCode).toBe(401);
  });

  it('a class of 30 signs up, signs out and signs in again from one address at the same time: nobody is refused', async () => {
    const ip = newAddress();
    const pupil = async () => {
      const browser = new Browser(ctx, ip);
      expect((await browser.call('GET', '/me')).statusCode).toBe(401);
      const { phone } = await signUpThroughApi(ctx, browser);
      expect((await browser.call('GET', '/me')).statusCode).toBe(200);
      expect((await browser.post('/auth/signout')).statusCode).toBe(200);
      expect((await browser.post('/auth/identify', { phone })).statusCode).toBe(200);
      const signin = await browser.post('/auth/signin', { phone, password: 'korova-moloko-7' });
      expect(signin.statusCode, signin.body).toBe(200);
      expect((await browser.call('GET', '/me')).statusCode).toBe(200);
    };
    await Promise.all(Array.from({ length: 30 }, pupil));
  }, 60_000);
});

describe('sockets', () => {
  it('opening the socket past its budget is refused at the upgrade with 429 and Retry-After', async () => {
    const { ctx, port } = await listeningTestApp('socket-limit', { RATE_LIMIT_SCALE: String(SCALE) });
    const base = `http://127.0.0.1:${port}`;
    const open: SocketClient[] = [];
    try {
      const cookie = await signedInCookie(ctx, await createUser(ctx));
      for (let i = 0; i < scaledMax('socket', true, scales); i++) open.push(await SocketClient.connect(base, cookie));
      const refused = await new Promise<{ status: number; retryAfter: string | undefined }>((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/api/socket`, { headers: { cookie } });
        ws.once('open', () => reject(new Error('the socket opened past its budget')));
        ws.once('unexpected-response', (_req, res) => {
          resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] });
          ws.terminate();
        });
        ws.once('error', reject);
      });
      expect(refused.status).toBe(429);
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    } finally {
      await Promise.all(open.map((c) => c.close()));
      await ctx.close();
    }
  });
});

describe('switches', () => {
  it('RATE_LIMIT_SCALE=0 turns the limits off; RATE_LIMIT_ANON_SCALE raises only the per-address budgets', async () => {
    const off = await createTestContext({ RATE_LIMIT_SCALE: '0' });
    try {
      const ip = newAddress();
      for (let i = 0; i < 30; i++) expect((await off.app.inject({ url: '/api/me', remoteAddress: ip })).statusCode).toBe(401);
    } finally {
      await off.close();
    }
    const district = await createTestContext({ RATE_LIMIT_SCALE: String(SCALE), RATE_LIMIT_ANON_SCALE: '3' });
    try {
      const ip = newAddress();
      const anonMax = scaledMax('general', false, { scale: SCALE, anonScale: 3 });
      expect(anonMax).toBe(3 * scaledMax('general', false, scales));
      for (let i = 0; i < anonMax; i++) expect((await district.app.inject({ url: '/api/me', remoteAddress: ip })).statusCode).toBe(401);
      expectRateLimited(await district.app.inject({ url: '/api/me', remoteAddress: ip }), 'general', 'district address');
      const cookie = await signedInCookie(district, await createUser(district));
      const userMax = scaledMax('general', true, scales);
      for (let i = 0; i < userMax; i++) await district.app.inject({ url: '/api/me', remoteAddress: ip, headers: { cookie } });
      expectRateLimited(await district.app.inject({ url: '/api/me', remoteAddress: ip, headers: { cookie } }), 'general', 'person');
    } finally {
      await district.close();
    }
  });
});
