import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../test/factories.js';
import { createTestContext, type TestContext } from '../test/testApp.js';
import { Browser, lastCode, wrongCode } from '../modules/auth/testHelpers.js';
import { burnCode, newDeviceTicket, ownerWithTrustedDevice } from './signinSupport.js';

/*
 * Issue 11, item 1: «A stranger can lock anyone out». The attacks as the probe made them; after each, the owner must
 * still get in — at once on a device they signed in on before, and on a new device or by «Забыли пароль?» after at
 * most the 120 s between two codes.
 */
describe('security: a stranger cannot lock the owner out of sign-in', { timeout: 180_000 }, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('100 wrong passwords from strangers: the owner on their trusted device gets in at once with the right password', async () => {
    const { user, home } = await ownerWithTrustedDevice(ctx);
    // Without the SMS code a stranger never reaches the password: whatever is typed, otp_required (or a made-up
    // ticket refused), and nothing is counted against anyone.
    for (let i = 0; i < 100; i++) {
      const stranger = new Browser(ctx);
      const body = i % 2 ? { verificationToken: `made-up-ticket-${i}-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx` } : {};
      const res = await stranger.post('/auth/signin', { phone: user.phone, password: `guess-${i}-x`, ...body });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe(i % 2 ? 'verification_invalid' : 'otp_required');
    }
    // Strangers who even got hold of codes (a glance at the phone, on another day than the owner's last code): five
    // guesses per code, then a new code is needed; 20 codes, the number's daily cap, make the 100 wrong
    // passwords — which used to fill the phone's hourly budget and refuse the owner's right password for an hour.
    ctx.deps.clock.advance(24 * 3600_000);
    let wrong = 0;
    for (let i = 0; i < 20; i++) {
      ctx.deps.clock.advance(7 * 60_000);
      const stranger = new Browser(ctx);
      const ticket = await newDeviceTicket(ctx, stranger, user.phone);
      for (let t = 0; t < 5; t++) {
        const res = await stranger.post('/auth/signin', { phone: user.phone, password: `guess-${i}-${t}-x`, verificationToken: ticket });
        if (res.json().error.code === 'wrong_password') wrong++;
      }
      const sixth = await stranger.post('/auth/signin', { phone: user.phone, password: TEST_PASSWORD, verificationToken: ticket });
      expect(sixth.json().error.code).toBe('otp_attempts_exceeded');
    }
    expect(wrong).toBe(100);
    // The number's 20 codes for the day are spent: a 21st is refused, with the wait.
    const more = await new Browser(ctx).post('/auth/code', { phone: user.phone, purpose: 'login' });
    expect(more.json().error).toMatchObject({ code: 'rate_limited', retryInSeconds: expect.any(Number) });

    const res = await home.post('/auth/signin', { phone: user.phone, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.id).toBe(user.id);
  });

  it('100 wrong passwords from one address, across accounts: that address waits; the owner elsewhere does not', async () => {
    const { user, home } = await ownerWithTrustedDevice(ctx);
    const others = await Promise.all([1, 2, 3, 4, 5].map(() => ownerWithTrustedDevice(ctx)));
    const targets = [user, ...others.map((o) => o.user)];
    const attackerIp = '2001:db8:bad::1';
    let refused: { code: string; retryInSeconds?: number } | null = null;
    let wrong = 0;
    for (let i = 0; i < 25 && !refused; i++) {
      // A second, third… account from the same address get no fresh budget.
      const target = targets[i % targets.length]!;
      const stranger = new Browser(ctx, attackerIp);
      ctx.deps.clock.advance(1000);
      expect((await stranger.post('/auth/identify', { phone: target.phone })).statusCode).toBe(200);
      const verify = await stranger.post('/auth/verify', { phone: target.phone, purpose: 'login', code: lastCode(ctx.deps.sms, target.phone) });
      if (verify.statusCode !== 200) {
        refused = verify.json().error;
        break;
      }
      for (let t = 0; t < 5; t++) {
        const res = await stranger.post('/auth/signin', { phone: target.phone, password: `guess-${i}-${t}-x`, verificationToken: verify.json().verificationToken });
        if (res.statusCode === 429) {
          refused = res.json().error;
          expect(res.headers['retry-after']).toBe(String(refused?.retryInSeconds));
          break;
        }
        expect(res.json().error.code).toBe('wrong_password');
        wrong++;
      }
    }
    expect(wrong).toBe(100);
    expect(refused).toMatchObject({ code: 'rate_limited' });
    expect(refused?.retryInSeconds).toBeGreaterThan(0);
    expect(refused?.retryInSeconds).toBeLessThanOrEqual(15 * 60);
    // The owners: on their devices, and on a new one at another address, all get in now.
    expect((await home.post('/auth/signin', { phone: user.phone, password: TEST_PASSWORD })).statusCode).toBe(200);
    const laptop = new Browser(ctx);
    ctx.deps.clock.advance(121_000);
    const ticket = await newDeviceTicket(ctx, laptop, others[0]!.user.phone);
    expect((await laptop.post('/auth/signin', { phone: others[0]!.user.phone, password: TEST_PASSWORD, verificationToken: ticket })).statusCode).toBe(200);
  });

  it('18 codes × 5 wrong tries, 121 s apart, from one address: the owner still signs in, on a new device and by reset', async () => {
    const { user, home } = await ownerWithTrustedDevice(ctx);
    const phone = user.phone;
    const stranger = new Browser(ctx);
    const answers: number[] = [];
    for (let i = 0; i < 18; i++) {
      ctx.deps.clock.advance(121_000);
      const purpose = i % 2 === 0 ? 'login' : 'reset';
      const sent = await stranger.post('/auth/code', { phone, purpose });
      answers.push(sent.statusCode);
      if (sent.statusCode === 200) await burnCode(ctx, stranger, phone, purpose);
    }
    // Five codes an hour to one number from one address; the rest were refused with the wait, not sent.
    expect(answers.filter((s) => s === 200)).toHaveLength(5);
    expect(answers.filter((s) => s === 429)).toHaveLength(13);

    // At once, on the trusted device: the password alone.
    expect((await home.post('/auth/signin', { phone, password: TEST_PASSWORD })).statusCode).toBe(200);

    // On a new device at another address: a fresh code (within the 120 s gap at most), then the password.
    const laptop = new Browser(ctx);
    const identify = await laptop.post('/auth/identify', { phone });
    expect(identify.statusCode).toBe(200);
    expect(identify.json().resendInSeconds).toBeLessThanOrEqual(120);
    const ticket = await newDeviceTicket(ctx, laptop, phone);
    expect((await laptop.post('/auth/signin', { phone, password: TEST_PASSWORD, verificationToken: ticket })).statusCode).toBe(200);

    // «Забыли пароль?» on yet another device: a reset code after at most the 120 s gap, and a new password.
    const tablet = new Browser(ctx);
    let reset = await tablet.post('/auth/code', { phone, purpose: 'reset' });
    if (reset.statusCode === 429) {
      expect(reset.json().error.code).toBe('otp_resend_too_soon');
      expect(reset.json().error.retryInSeconds).toBeLessThanOrEqual(120);
      ctx.deps.clock.advance(reset.json().error.retryInSeconds * 1000);
      reset = await tablet.post('/auth/code', { phone, purpose: 'reset' });
    }
    expect(reset.statusCode).toBe(200);
    const verify = await tablet.post('/auth/verify', { phone, purpose: 'reset', code: lastCode(ctx.deps.sms, phone) });
    expect(verify.json().account).toBe('existing');
    const done = await tablet.post('/auth/reset', { verificationToken: verify.json().verificationToken, password: 'novyi-parol-2026' });
    expect(done.statusCode).toBe(200);
  });

  it('a stranger guessing at the same time cannot use up the tries of the owner’s code, nor replace it', async () => {
    const { user } = await ownerWithTrustedDevice(ctx);
    const phone = user.phone;
    ctx.deps.clock.advance(121_000);
    const laptop = new Browser(ctx);
    expect((await laptop.post('/auth/identify', { phone })).json().resendInSeconds).toBe(120);
    const code = lastCode(ctx.deps.sms, phone);
    // The stranger guesses from elsewhere, with and without a code of their own.
    const stranger = new Browser(ctx);
    for (let i = 0; i < 10; i++) {
      const res = await stranger.post('/auth/verify', { phone, purpose: 'login', code: wrongCode(code) });
      expect(res.json().error.code).toBe('otp_expired');
    }
    ctx.deps.clock.advance(121_000);
    await stranger.post('/auth/code', { phone, purpose: 'login' });
    const theirs = lastCode(ctx.deps.sms, phone);
    for (let i = 0; i < 5; i++) await stranger.post('/auth/verify', { phone, purpose: 'login', code: wrongCode(theirs) });
    // The owner's code, typed on the laptop that asked for it, still works.
    const verify = await laptop.post('/auth/verify', { phone, purpose: 'login', code });
    expect(verify.statusCode).toBe(200);
    const res = await laptop.post('/auth/signin', { phone, password: TEST_PASSWORD, verificationToken: verify.json().verificationToken });
    expect(res.statusCode).toBe(200);
  });

  it('a stranger on the owner’s own shared computer only slows that computer down, never for an hour', async () => {
    const { user, home } = await ownerWithTrustedDevice(ctx);
    let wait = 0;
    for (let i = 0; i < 12; i++) {
      ctx.deps.clock.advance(wait * 1000);
      const res = await home.post('/auth/signin', { phone: user.phone, password: `guess-${i}-x` });
      wait = res.statusCode === 429 ? res.json().error.retryInSeconds : 0;
      if (res.statusCode === 429) {
        i--;
        continue;
      }
      expect(res.json().error.code).toBe('wrong_password');
    }
    // After 12 wrong tries the wait is at most 15 minutes; then the owner's password opens it.
    const res = await home.post('/auth/signin', { phone: user.phone, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.retryInSeconds).toBeLessThanOrEqual(15 * 60);
    ctx.deps.clock.advance(res.json().error.retryInSeconds * 1000);
    expect((await home.post('/auth/signin', { phone: user.phone, password: TEST_PASSWORD })).statusCode).toBe(200);
  });
});
