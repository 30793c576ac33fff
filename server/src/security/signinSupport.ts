import { expect } from 'vitest';
import { TEST_PASSWORD, createUser, type UserRow } from '../test/factories.js';
import type { TestContext } from '../test/testApp.js';
import { Browser, lastCode, wrongCode } from '../modules/auth/testHelpers.js';

/**
 * An account whose owner has signed in on `home` before (a login code, then the password), so `home` is a trusted
 * device: the next sign-in there asks only the password.
 */
export async function ownerWithTrustedDevice(ctx: TestContext): Promise<{ user: UserRow; home: Browser }> {
  const user = await createUser(ctx);
  const home = new Browser(ctx);
  const verificationToken = await newDeviceTicket(ctx, home, user.phone);
  const res = await home.post('/auth/signin', { phone: user.phone, password: TEST_PASSWORD, verificationToken });
  expect(res.statusCode).toBe(200);
  expect((await home.post('/auth/identify', { phone: user.phone })).json().next).toBe('password');
  return { user, home };
}

/**
 * The owner on a new device: asks for a code (identify) — when someone else's code went to the number less than
 * 120 s ago, waits out the gap the screen counts down and asks again — reads the SMS on their phone and verifies it.
 */
export async function newDeviceTicket(ctx: TestContext, browser: Browser, phone: string): Promise<string> {
  const identify = await browser.post('/auth/identify', { phone });
  expect(identify.statusCode).toBe(200);
  expect(identify.json().next).toBe('code');
  const gap = identify.json().resendInSeconds as number;
  if (gap < 120) {
    ctx.deps.clock.advance(gap * 1000);
    expect((await browser.post('/auth/code', { phone, purpose: 'login' })).statusCode).toBe(200);
  }
  const verify = await browser.post('/auth/verify', { phone, purpose: 'login', code: lastCode(ctx.deps.sms, phone) });
  expect(verify.statusCode).toBe(200);
  return verify.json().verificationToken as string;
}

/** Five wrong tries at the newest code sent to `phone` (a stranger guessing; the code is dead afterwards). */
export async function burnCode(ctx: TestContext, stranger: Browser, phone: string, purpose: 'login' | 'reset'): Promise<number[]> {
  const statuses: number[] = [];
  const code = lastCode(ctx.deps.sms, phone);
  for (let i = 0; i < 5; i++) {
    statuses.push((await stranger.post('/auth/verify', { phone, purpose, code: wrongCode(code) })).statusCode);
  }
  return statuses;
}
