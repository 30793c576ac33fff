import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { otpCodes } from '../db/schema.js';
import { createTestContext, type TestContext } from '../test/testApp.js';
import { Browser, newIp, newPhone, smsCount } from '../modules/auth/testHelpers.js';

/*
 * Issue 11, item 2: «18 SMS to one victim in 16 min», and «one client behind a school's NAT stops SMS sign-in for
 * the whole school». Codes to one number: 10 an hour and 20 a day, whoever asks, and half of that from one address;
 * from one browser 10 an hour; from one address (a school) 300 an hour.
 */
describe('security: SMS caps', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  /** Asks for a code for `phone` as a fresh browser at `ip` would (each with its own cookie). */
  const ask = (phone: string, ip: string = newIp()) => new Browser(ctx, ip).post('/auth/code', { phone, purpose: 'login' });

  it('one address gets 5 codes an hour to one number; the 6th waits, with the time in Retry-After', async () => {
    const phone = newPhone();
    const ip = newIp();
    for (let i = 0; i < 5; i++) {
      expect((await ask(phone, ip)).statusCode).toBe(200);
      ctx.deps.clock.advance(121_000);
    }
    const sixth = await ask(phone, ip);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe('rate_limited');
    // The first of the five leaves the hour 60 min after it was sent: 5 × 121 s have passed since.
    expect(sixth.json().error.retryInSeconds).toBe(3600 - 5 * 121);
    expect(sixth.headers['retry-after']).toBe(String(3600 - 5 * 121));
    expect(smsCount(ctx.deps.sms, phone)).toBe(5);
    // The owner elsewhere still gets a code.
    expect((await ask(phone)).statusCode).toBe(200);
  });

  it('one number gets 10 codes an hour from all addresses together, and 20 a day', async () => {
    const phone = newPhone();
    for (let i = 0; i < 10; i++) {
      expect((await ask(phone)).statusCode).toBe(200);
      ctx.deps.clock.advance(121_000);
    }
    const eleventh = await ask(phone);
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.json().error.retryInSeconds).toBe(3600 - 10 * 121);
    // The next hour: ten more; then the day's 20 are spent until the first leaves the day.
    ctx.deps.clock.advance((3600 - 10 * 121) * 1000);
    for (let i = 0; i < 10; i++) {
      expect((await ask(phone)).statusCode).toBe(200);
      ctx.deps.clock.advance(121_000);
    }
    ctx.deps.clock.advance(3600_000);
    const twentyFirst = await ask(phone);
    expect(twentyFirst.statusCode).toBe(429);
    expect(twentyFirst.json().error.retryInSeconds).toBeGreaterThan(3600);
    expect(smsCount(ctx.deps.sms, phone)).toBe(20);
    expect(await ctx.deps.db.select().from(otpCodes).where(eq(otpCodes.phone, phone))).toHaveLength(20);
  });

  it('one browser behind a school’s address gets 10 codes an hour; the other browsers there are not held back', async () => {
    const school = newIp();
    const pest = new Browser(ctx, school);
    for (let i = 0; i < 10; i++) {
      expect((await pest.post('/auth/code', { phone: newPhone(), purpose: 'login' })).statusCode).toBe(200);
    }
    const eleventh = await pest.post('/auth/code', { phone: newPhone(), purpose: 'login' });
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.json().error.retryInSeconds).toBe(3600);
    // Classmates at the same address sign in as usual.
    for (let i = 0; i < 5; i++) expect((await ask(newPhone(), school)).statusCode).toBe(200);
  });
});

describe('security: the per-address SMS cap is high, for a school behind one address', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ SMS_PER_IP_PER_HOUR: '12' });
  });
  afterAll(() => ctx.close());

  it('past SMS_PER_IP_PER_HOUR the address waits for the hour to move on', async () => {
    const ip = newIp();
    for (let i = 0; i < 12; i++) {
      expect((await new Browser(ctx, ip).post('/auth/code', { phone: newPhone(), purpose: 'login' })).statusCode).toBe(200);
    }
    const next = await new Browser(ctx, ip).post('/auth/code', { phone: newPhone(), purpose: 'login' });
    expect(next.statusCode).toBe(429);
    expect(next.json().error.retryInSeconds).toBe(3600);
  });

  it('the default is 300 an hour', async () => {
    const { loadConfig } = await import('../config.js');
    expect(loadConfig({}).smsPerIpPerHour).toBe(300);
    expect(loadConfig({}).smsPerPhone).toEqual({ hour: 10, day: 20 });
  });
});
