import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import type { FakeClock } from '../../../lib/clock.js';
import { createTestContext, type TestContext } from '../../../test/testApp.js';
import { as } from '../../chats/testHelpers.js';
import { localMinutes } from '../quietHours.js';
import { pushDispatchOf } from '../service.js';
import { LocalPushService, type SubscriptionJson } from './pushService.js';

/** A test app whose configuration lets it push to a local push service started for it. */
export async function pushTestApp(env: Record<string, string> = {}): Promise<{ ctx: TestContext; service: LocalPushService; close: () => Promise<void> }> {
  const service = await LocalPushService.start();
  const ctx = await createTestContext({ PUSH_TEST_ORIGINS: service.origin, ...env });
  return {
    ctx,
    service,
    close: async () => {
      await ctx.close();
      await service.close();
    },
  };
}

/** What a browser does when «Уведомления» is switched on: reads the key, subscribes at its push service, tells us. */
export async function subscribeDevice(ctx: TestContext, cookie: string, service: LocalPushService, timeZone?: string): Promise<SubscriptionJson> {
  const key = await as(ctx, cookie).get('/push/key');
  expect(key.status).toBe(200);
  const sub = service.subscribe(key.body.data.publicKey);
  const res = await as(ctx, cookie).post('/push/subscriptions', { ...sub, ...(timeZone ? { timeZone } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return sub;
}

/** Waits until every event so far has become pushes and those were answered (or given up). */
export async function settled(ctx: TestContext): Promise<void> {
  await pushDispatchOf(ctx.deps).settled();
}

/** Moves the fake clock to the next moment it is `hhmm` in `timeZone` (Moscow by default). */
export function setLocalTime(clock: FakeClock, hhmm: string, timeZone = 'Europe/Moscow'): void {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const target = h * 60 + m;
  const now = clock.now();
  const current = localMinutes(now, timeZone);
  const ahead = (target - current + 24 * 60) % (24 * 60);
  clock.advance(ahead * 60_000 - (now.getTime() % 60_000));
}

/** The base URL of a test app listening on a free port (for sockets). */
export async function listen(ctx: TestContext): Promise<string> {
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
}
