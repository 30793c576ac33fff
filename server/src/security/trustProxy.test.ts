import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { otpCodes } from '../db/schema.js';
import { createTestContext, type TestContext } from '../test/testApp.js';
import { newPhone } from '../modules/auth/testHelpers.js';

/*
 * Per-address limits count the client's real address: the connection's, and X-Forwarded-For only with
 * TRUST_PROXY=1 — then the address our one proxy appended (the last), never one the client wrote in front of it.
 */
async function addressCounted(ctx: TestContext, headers: Record<string, string>): Promise<string | undefined> {
  const phone = newPhone();
  const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/identify', payload: { phone }, headers, remoteAddress: '10.0.0.7' });
  expect(res.statusCode).toBe(200);
  const [row] = await ctx.deps.db.select().from(otpCodes).where(eq(otpCodes.phone, phone)).orderBy(desc(otpCodes.createdAt));
  return row?.ip;
}

describe('security: the client address the sign-in limits count', () => {
  let direct: TestContext;
  let proxied: TestContext;
  beforeAll(async () => {
    direct = await createTestContext();
    proxied = await createTestContext({ TRUST_PROXY: '1' });
  });
  afterAll(async () => {
    await direct.close();
    await proxied.close();
  });

  it('without TRUST_PROXY, X-Forwarded-For is ignored: a client cannot pick its address', async () => {
    expect(await addressCounted(direct, { 'x-forwarded-for': '198.51.100.1' })).toBe('10.0.0.7');
    expect(await addressCounted(direct, {})).toBe('10.0.0.7');
  });

  it('with TRUST_PROXY=1, the address the proxy appended counts, not one the client put before it', async () => {
    expect(await addressCounted(proxied, { 'x-forwarded-for': '203.0.113.9' })).toBe('203.0.113.9');
    expect(await addressCounted(proxied, { 'x-forwarded-for': '198.51.100.1, 203.0.113.9' })).toBe('203.0.113.9');
    expect(await addressCounted(proxied, {})).toBe('10.0.0.7');
  });
});
