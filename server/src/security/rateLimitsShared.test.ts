import { randomInt } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaledMax } from '../http/rateLimitBudgets.js';
import { createUser, signedInCookie } from '../test/factories.js';
import { createTestContext, type TestContext } from '../test/testApp.js';

/**
 * Two server nodes with REDIS_URL share one count: a client spreading its requests over the nodes behind a load
 * balancer gets one budget, not one per node. Two app instances (each its own Redis connection) stand for the nodes.
 */
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisAnswers(): Promise<boolean> {
  const probe = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

const redisUp = await redisAnswers();
if (!redisUp) {
  console.warn(`shared rate limit test skipped: no Redis at ${redisUrl}`);
  // CI starts Redis (.ci/run): there, a missing Redis is a failure, not a skip.
  if (process.env.CI === 'true') throw new Error(`no Redis at ${redisUrl}`);
}

const SCALE = 0.1;
const scales = { scale: SCALE, anonScale: 1 };
const newAddress = () => `198.${18 + randomInt(0, 2)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

describe.skipIf(!redisUp)('rate limits shared by two nodes through Redis', () => {
  let a: TestContext;
  let b: TestContext;
  beforeAll(async () => {
    const env = { REDIS_URL: redisUrl, RATE_LIMIT_SCALE: String(SCALE) };
    [a, b] = await Promise.all([createTestContext(env), createTestContext(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('one address: requests spread over both nodes count once, and both then refuse', async () => {
    const ip = newAddress();
    const max = scaledMax('general', false, scales);
    for (let i = 0; i < max; i++) {
      const node = i % 2 === 0 ? a : b;
      expect((await node.app.inject({ url: '/api/me', remoteAddress: ip })).statusCode).toBe(401);
    }
    for (const node of [a, b]) {
      const res = await node.app.inject({ url: '/api/me', remoteAddress: ip });
      expect(res.statusCode).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(res.json().error.code).toBe('rate_limited');
    }
    // Another address is counted apart.
    expect((await b.app.inject({ url: '/api/me', remoteAddress: newAddress() })).statusCode).toBe(401);
  });

  it('one person: a session on each node, one budget between them', async () => {
    const user = await createUser(a);
    // Each node has its own secret in tests, so each signs its own session; the count is by the person's id.
    const cookies = [await signedInCookie(a, user), await signedInCookie(b, user)];
    const max = scaledMax('search', true, scales);
    const search = (i: number) =>
      [a, b][i % 2]!.app.inject({ url: '/api/search?q=%D0%BF%D0%BE%D1%85%D0%BE%D0%B4', remoteAddress: newAddress(), headers: { cookie: cookies[i % 2]! } });
    for (let i = 0; i < max; i++) expect((await search(i)).statusCode).toBe(200);
    expect((await search(max)).statusCode).toBe(429);
    expect((await search(max + 1)).statusCode).toBe(429);
  });

  it('the counters live in Redis under parta:rl:, with the window as their expiry', async () => {
    const ip = newAddress();
    await a.app.inject({ url: '/api/me', remoteAddress: ip });
    const redis = new Redis(redisUrl);
    try {
      const key = `parta:rl:general:ip${ip}`;
      expect(await redis.get(key)).toBe('1');
      const ttl = await redis.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(10_000);
    } finally {
      redis.disconnect();
    }
  });
});
