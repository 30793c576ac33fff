import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions, verificationTickets } from '../../db/schema.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { authAttempts } from '../../db/schema.js';
import { SESSION_COOKIE } from './sessions.js';
import { Browser, lastCode, newPhone, PASSWORD, signUpThroughApi, smsCount, ticketFor } from './testHelpers.js';

describe('ACC-2 sign-in: an SMS code only on a new device, then the password', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const sessionsOf = (userId: string) => ctx.deps.db.select().from(sessions).where(eq(sessions.userId, userId));

  /** A person who signed up on `home`, then signed out there (the device stays known). */
  async function person() {
    const home = new Browser(ctx);
    const user = await signUpThroughApi(ctx, home);
    expect((await home.post('/auth/signout')).statusCode).toBe(200);
    return { home, ...user };
  }

  it('on a known device: no SMS, the short name, and the password signs in', async () => {
    const { home, phone, id } = await person();
    const sent = smsCount(ctx.deps.sms, phone);
    const identify = await home.post('/auth/identify', { phone });
    expect(identify.json()).toEqual({ phone, next: 'password', purpose: null, resendInSeconds: 0, displayName: 'Вадим Ж.' });
    expect(smsCount(ctx.deps.sms, phone)).toBe(sent);
    const res = await home.post('/auth/signin', { phone, password: PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.id).toBe(id);
    expect(res.cookies.find((c) => c.name === SESSION_COOKIE)?.httpOnly).toBe(true);
    expect((await home.call('GET', '/me')).statusCode).toBe(200);
  });

  it('signing in again in a signed-in browser replaces its session instead of adding one', async () => {
    const { home, phone, id } = await person();
    await home.post('/auth/signin', { phone, password: PASSWORD });
    const oldCookie = home.cookies;
    expect(await sessionsOf(id)).toHaveLength(1);
    expect((await home.post('/auth/signin', { phone, password: PASSWORD })).statusCode).toBe(200);
    expect(await sessionsOf(id)).toHaveLength(1);
    expect((await ctx.app.inject({ url: '/api/me', headers: { cookie: oldCookie } })).statusCode).toBe(401);
    expect((await home.call('GET', '/me')).statusCode).toBe(200);
  });

  it('on a new device: a login code is sent and no name is shown', async () => {
    const { phone } = await person();
    const stranger = new Browser(ctx);
    const identify = await stranger.post('/auth/identify', { phone });
    expect(identify.json()).toEqual({ phone, next: 'code', purpose: 'login', resendInSeconds: 120, displayName: null });
    expect(identify.body).not.toContain('Вадим');
    expect(ctx.deps.sms.outbox.at(-1)?.to).toBe(phone);
  });

  it('on a new device without a code: otp_required whatever the password, and no session', async () => {
    const { phone, id } = await person();
    const stranger = new Browser(ctx);
    const before = (await sessionsOf(id)).length;
    for (const password of [PASSWORD, 'not-the-password']) {
      const res = await stranger.post('/auth/signin', { phone, password });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('otp_required');
    }
    expect(await sessionsOf(id)).toHaveLength(before);
    expect(stranger.cookies).not.toContain(SESSION_COOKIE);
  });

  it('on a new device with a login ticket: signs in, and next time the device is known', async () => {
    const { phone, id } = await person();
    const laptop = new Browser(ctx);
    await laptop.post('/auth/identify', { phone });
    const verify = await laptop.post('/auth/verify', { phone, purpose: 'login', code: lastCode(ctx.deps.sms, phone) });
    // Only now, to whoever holds the phone: this number has an account, so on to the password.
    expect(verify.json()).toEqual({ verificationToken: expect.any(String), account: 'existing' });
    const verificationToken = verify.json().verificationToken as string;
    // A mistyped password keeps the ticket: the next try needs no second SMS.
    const wrong = await laptop.post('/auth/signin', { phone, password: 'korova-moloko-8', verificationToken });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('wrong_password');
    const res = await laptop.post('/auth/signin', { phone, password: PASSWORD, verificationToken });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.id).toBe(id);
    // The ticket is spent.
    const again = await new Browser(ctx).post('/auth/signin', { phone, password: PASSWORD, verificationToken });
    expect(again.json().error.code).toBe('verification_invalid');

    await laptop.post('/auth/signout');
    expect((await laptop.post('/auth/identify', { phone })).json().next).toBe('password');
    expect((await laptop.post('/auth/signin', { phone, password: PASSWORD })).statusCode).toBe(200);
  });

  it('a ticket for another phone or purpose does not open a new device (401), writing nothing', async () => {
    const { phone, id } = await person();
    const other = await person();
    const b = new Browser(ctx);
    const otherTicket = await ticketFor(ctx, b, other.phone, 'login');
    const resetTicket = await ticketFor(ctx, b, phone, 'reset');
    const before = (await sessionsOf(id)).length;
    for (const verificationToken of [otherTicket, resetTicket]) {
      const res = await b.post('/auth/signin', { phone, password: PASSWORD, verificationToken });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('verification_invalid');
    }
    expect(await sessionsOf(id)).toHaveLength(before);
    // Neither ticket was spent by the refusals.
    const unspent = await ctx.deps.db
      .select()
      .from(verificationTickets)
      .where(and(eq(verificationTickets.phone, other.phone), eq(verificationTickets.purpose, 'login')));
    expect(unspent).toHaveLength(1);
    expect(unspent[0]?.consumedAt).toBeNull();
  });

  it('a wrong password answers wrong_password (401) and is counted for this device and address only', async () => {
    const { home, phone, id } = await person();
    const before = (await sessionsOf(id)).length;
    const res = await home.post('/auth/signin', { phone, password: 'korova-moloko-8' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toEqual({ code: 'wrong_password', message: 'Неверный пароль' });
    expect(await sessionsOf(id)).toHaveLength(before);
    const counted = await ctx.deps.db.select().from(authAttempts).where(like(authAttempts.bucket, `fail:%${phone}%`));
    expect(counted.map((r) => r.bucket.split(':').slice(0, 2).join(':'))).toEqual(['fail:device']);
    expect(await ctx.deps.db.select().from(authAttempts).where(eq(authAttempts.bucket, `fail:ip:${home.ip}`))).toHaveLength(1);
  });

  it('on a known device, wrong passwords slow down: 5 free, then 30 s, 60 s… with Retry-After; never an hour', async () => {
    const { home, phone } = await person();
    for (let i = 0; i < 5; i++) {
      expect((await home.post('/auth/signin', { phone, password: 'korova-moloko-8' })).json().error.code).toBe('wrong_password');
    }
    const wait = await home.post('/auth/signin', { phone, password: PASSWORD });
    expect(wait.statusCode).toBe(429);
    expect(wait.json().error).toMatchObject({ code: 'rate_limited', retryInSeconds: 30 });
    expect(wait.headers['retry-after']).toBe('30');
    ctx.deps.clock.advance(30_000);
    expect((await home.post('/auth/signin', { phone, password: 'korova-moloko-9' })).json().error.code).toBe('wrong_password');
    expect((await home.post('/auth/signin', { phone, password: PASSWORD })).json().error).toMatchObject({ retryInSeconds: 60 });
    ctx.deps.clock.advance(60_000);
    // The right password after the wait signs in, and the slate is clean again.
    expect((await home.post('/auth/signin', { phone, password: PASSWORD })).statusCode).toBe(200);
    expect((await home.post('/auth/signin', { phone, password: 'korova-moloko-8' })).json().error.code).toBe('wrong_password');
  });

  it('an unknown number answers exactly as a known one on a new device: otp_required, and a code is sent', async () => {
    const b = new Browser(ctx);
    const phone = newPhone();
    const res = await b.post('/auth/signin', { phone, password: PASSWORD });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('otp_required');
    const code = await b.post('/auth/code', { phone, purpose: 'login' });
    expect(code.json()).toEqual({ resendInSeconds: 120 });
    expect(smsCount(ctx.deps.sms, phone)).toBe(1);
  });

  it('«Забыли пароль?» right after a login SMS sends a reset code; asked again early it says how long to wait', async () => {
    const { phone } = await person();
    const stranger = new Browser(ctx);
    await stranger.post('/auth/identify', { phone });
    const login = await stranger.post('/auth/verify', { phone, purpose: 'login', code: lastCode(ctx.deps.sms, phone) });
    expect(login.statusCode).toBe(200);
    const reset = await stranger.post('/auth/code', { phone, purpose: 'reset' });
    expect(reset.json()).toEqual({ resendInSeconds: 120 });
    ctx.deps.clock.advance(13_000);
    const sent = smsCount(ctx.deps.sms, phone);
    const early = await stranger.post('/auth/code', { phone, purpose: 'reset' });
    expect(early.statusCode).toBe(429);
    expect(early.json().error).toMatchObject({ code: 'otp_resend_too_soon', retryInSeconds: 107 });
    expect(early.headers['retry-after']).toBe('107');
    expect(smsCount(ctx.deps.sms, phone)).toBe(sent);
    ctx.deps.clock.advance(107_000);
    expect((await stranger.post('/auth/code', { phone, purpose: 'reset' })).json()).toEqual({ resendInSeconds: 120 });
  });

  it('refuses bad input (400) before anything is looked at', async () => {
    const b = new Browser(ctx);
    expect((await b.post('/auth/signin', { phone: '123', password: PASSWORD })).json().error.code).toBe('invalid_phone');
    expect((await b.post('/auth/signin', { phone: newPhone(), password: '' })).json().error.code).toBe('invalid_input');
    expect((await b.post('/auth/code', { phone: newPhone(), purpose: 'hack' })).json().error.code).toBe('invalid_input');
  });
});

describe('ACC-6 per-IP throttle on sending codes', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ SMS_PER_IP_PER_HOUR: '2' });
  });
  afterAll(() => ctx.close());

  it('an address that sent its hourly share gets rate_limited (429) and no SMS; others are not held back', async () => {
    const b = new Browser(ctx);
    expect((await b.post('/auth/identify', { phone: newPhone() })).statusCode).toBe(200);
    expect((await b.post('/auth/identify', { phone: newPhone() })).statusCode).toBe(200);
    const sent = ctx.deps.sms.outbox.length;
    const third = await b.post('/auth/identify', { phone: newPhone() });
    expect(third.statusCode).toBe(429);
    expect(third.json().error).toMatchObject({ code: 'rate_limited', message: 'Слишком много попыток. Попробуйте позже' });
    expect(third.json().error.retryInSeconds).toBe(3600);
    expect(ctx.deps.sms.outbox.length).toBe(sent);
    expect((await new Browser(ctx).post('/auth/identify', { phone: newPhone() })).statusCode).toBe(200);
    ctx.deps.clock.advance(3600_000);
    expect((await b.post('/auth/identify', { phone: newPhone() })).statusCode).toBe(200);
  });
});
