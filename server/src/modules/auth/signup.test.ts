import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { knownDevices, otpCodes, users } from '../../db/schema.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { DEVICE_COOKIE, SESSION_COOKIE } from './sessions.js';
import { Browser, INFO, lastCode, newPhone, PASSWORD, smsCount, ticketFor, wrongCode } from './testHelpers.js';

describe('ACC-1 sign-up: phone → SMS code → password → «Информация»', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const usersWith = (phone: string) => ctx.deps.db.select().from(users).where(eq(users.phone, phone));

  it('a new number gets a signup code; code → ticket → account, signed in with the device remembered', async () => {
    const b = new Browser(ctx);
    const phone = newPhone();
    const typed = `8 ${phone.slice(2, 5)} ${phone.slice(5, 8)}-${phone.slice(8, 10)}-${phone.slice(10)}`;
    const identify = await b.post('/auth/identify', { phone: typed });
    expect(identify.statusCode).toBe(200);
    // The same answer a number with an account gets on a new device: sign-up or sign-in is told after the code.
    expect(identify.json()).toEqual({ phone, next: 'code', purpose: 'login', resendInSeconds: 120, displayName: null });
    expect(b.cookies).toContain(`${DEVICE_COOKIE}=`);
    const sms = ctx.deps.sms.outbox.at(-1);
    expect(sms?.to).toBe(phone);
    expect(sms?.text).toMatch(/^Код Parta: \d{6}\. Никому не сообщайте его\.$/);

    const verify = await b.post('/auth/verify', { phone, purpose: 'login', code: lastCode(ctx.deps.sms, phone) });
    expect(verify.statusCode).toBe(200);
    expect(verify.json()).toEqual({ verificationToken: expect.any(String), account: 'new' });
    const { verificationToken } = verify.json();
    const signup = await b.post('/auth/signup', { verificationToken, password: PASSWORD, ...INFO });
    expect(signup.statusCode).toBe(200);
    expect(signup.json().data).toMatchObject({
      phone, firstName: 'Вадим', lastName: 'Жуков', middleName: 'Петрович', gender: 'male',
      birthDate: '1985-03-14', locale: 'ru', isOperator: false, memberships: [], can: { createGroupChatIn: [] }, classes: [],
    });
    const sessionCookie = signup.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(sessionCookie?.httpOnly).toBe(true);
    expect(sessionCookie?.sameSite).toBe('Lax');

    const me = await b.call('GET', '/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().data.phone).toBe(phone);

    const [user] = await usersWith(phone);
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user?.termsAcceptedAt).not.toBeNull();
    expect(await ctx.deps.db.select().from(knownDevices).where(eq(knownDevices.userId, user?.id ?? ''))).toHaveLength(1);

    // Back on the phone step on the same device: straight to the password, with the short name.
    const again = await b.post('/auth/identify', { phone });
    expect(again.json()).toMatchObject({ next: 'password', purpose: null, displayName: 'Вадим Ж.' });
  });

  it('answers invalid_phone (400) for a number that is not one, and sends nothing', async () => {
    const b = new Browser(ctx);
    const before = ctx.deps.sms.outbox.length;
    for (const phone of ['12345', '+7 900 000', 'телефон']) {
      const res = await b.post('/auth/identify', { phone });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_phone');
      expect(res.json().error.message).toMatch(/^Введите номер/);
    }
    expect(ctx.deps.sms.outbox.length).toBe(before);
  });

  it('identify again within 120 s sends no second SMS and says how long to wait', async () => {
    const b = new Browser(ctx);
    const phone = newPhone();
    await b.post('/auth/identify', { phone });
    ctx.deps.clock.advance(45_000);
    const again = await b.post('/auth/identify', { phone });
    expect(again.json()).toMatchObject({ next: 'code', purpose: 'login', resendInSeconds: 75 });
    expect(smsCount(ctx.deps.sms, phone)).toBe(1);
    // «Запросите ещё один» before the countdown ends is refused with the seconds left.
    const early = await b.post('/auth/code', { phone, purpose: 'login' });
    expect(early.statusCode).toBe(429);
    expect(early.json().error).toMatchObject({ code: 'otp_resend_too_soon', retryInSeconds: 75 });
    expect(early.headers['retry-after']).toBe('75');
    ctx.deps.clock.advance(75_000);
    const resend = await b.post('/auth/code', { phone, purpose: 'login' });
    expect(resend.json()).toEqual({ resendInSeconds: 120 });
    expect(smsCount(ctx.deps.sms, phone)).toBe(2);
  });

  it('a weak password is refused, writes nothing, and the ticket still works for a better one', async () => {
    const b = new Browser(ctx);
    const phone = newPhone();
    const verificationToken = await ticketFor(ctx, b, phone, 'signup');
    for (const [password, reason] of [['1234567', 'too_short'], ['123456789012', 'only_digits'], ['Password1', 'common']]) {
      const res = await b.post('/auth/signup', { verificationToken, password, ...INFO });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'password_too_weak', reason });
    }
    expect(await usersWith(phone)).toHaveLength(0);
    expect(b.cookies).not.toContain(SESSION_COOKIE);
    const ok = await b.post('/auth/signup', { verificationToken, password: PASSWORD, ...INFO });
    expect(ok.statusCode).toBe(200);
  });

  it('refuses missing terms, bad fields and a birth date in the future, writing nothing', async () => {
    const b = new Browser(ctx);
    const phone = newPhone();
    const verificationToken = await ticketFor(ctx, b, phone, 'signup');
    const bodies = [
      { ...INFO, acceptTerms: false },
      { ...INFO, firstName: '  ' },
      { ...INFO, gender: 'other' },
      { ...INFO, birthDate: '14.03.1985' },
    ];
    for (const body of bodies) {
      const res = await b.post('/auth/signup', { verificationToken, password: PASSWORD, ...body });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
    }
    const future = await b.post('/auth/signup', { verificationToken, password: PASSWORD, ...INFO, birthDate: '2206-01-01' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error).toMatchObject({ code: 'invalid_input', fields: [{ path: 'birthDate' }] });
    expect(await usersWith(phone)).toHaveLength(0);
  });

  it('a ticket of another purpose, a made-up ticket or a used ticket is refused (401), writing nothing', async () => {
    // A reset ticket belongs to an existing account: make one first.
    const owner = new Browser(ctx);
    const phone = newPhone();
    await b2SignUp(owner, phone);
    const reset = await ticketFor(ctx, owner, phone, 'reset');
    const b = new Browser(ctx);
    const res = await b.post('/auth/signup', { verificationToken: reset, password: PASSWORD, ...INFO });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('verification_invalid');

    const fake = await b.post('/auth/signup', { verificationToken: 'x'.repeat(43), password: PASSWORD, ...INFO });
    expect(fake.json().error.code).toBe('verification_invalid');

    const other = newPhone();
    const ticket = await ticketFor(ctx, b, other, 'signup');
    expect((await b.post('/auth/signup', { verificationToken: ticket, password: PASSWORD, ...INFO })).statusCode).toBe(200);
    const reuse = await new Browser(ctx).post('/auth/signup', { verificationToken: ticket, password: PASSWORD, ...INFO, firstName: 'Ещё' });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().error.code).toBe('verification_invalid');
    expect(await usersWith(other)).toHaveLength(1);
  });

  async function b2SignUp(b: Browser, phone: string) {
    const t = await ticketFor(ctx, b, phone, 'signup');
    const res = await b.post('/auth/signup', { verificationToken: t, password: PASSWORD, ...INFO });
    expect(res.statusCode).toBe(200);
  }

  it('a ticket expires after 15 minutes', async () => {
    const b = new Browser(ctx);
    const phone = newPhone();
    const verificationToken = await ticketFor(ctx, b, phone, 'signup');
    ctx.deps.clock.advance(15 * 60_000);
    const res = await b.post('/auth/signup', { verificationToken, password: PASSWORD, ...INFO });
    expect(res.json().error.code).toBe('verification_invalid');
    expect(await usersWith(phone)).toHaveLength(0);
  });

  it('an expired code, a wrong code and too many tries are refused with their codes', async () => {
    const b = new Browser(ctx);
    const phone = newPhone();
    await b.post('/auth/identify', { phone });
    const code = lastCode(ctx.deps.sms, phone);
    const wrong = await b.post('/auth/verify', { phone, purpose: 'login', code: wrongCode(code) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ code: 'otp_invalid', message: 'Неверный код', attemptsLeft: 4 });
    ctx.deps.clock.advance(5 * 60_000);
    const expired = await b.post('/auth/verify', { phone, purpose: 'login', code });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.code).toBe('otp_expired');

    await b.post('/auth/code', { phone, purpose: 'login' });
    const fresh = lastCode(ctx.deps.sms, phone);
    for (let i = 0; i < 5; i++) await b.post('/auth/verify', { phone, purpose: 'login', code: wrongCode(fresh) });
    const sixth = await b.post('/auth/verify', { phone, purpose: 'login', code: fresh });
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe('otp_attempts_exceeded');
    const notSix = await b.post('/auth/verify', { phone, purpose: 'login', code: '12345' });
    expect(notSix.json().error.code).toBe('invalid_input');
  });

  it('a code asked for «signup» is refused as bad input (codes are «login» or «reset», for any number)', async () => {
    const b = new Browser(ctx);
    const phone = newPhone();
    const res = await b.post('/auth/code', { phone, purpose: 'signup' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_input');
    expect(smsCount(ctx.deps.sms, phone)).toBe(0);
  });

  it('a gateway failure answers 503 sms_failed and the person can ask again at once', async () => {
    const b = new Browser(ctx);
    const phone = newPhone();
    const spy = vi.spyOn(ctx.deps.sms, 'send').mockRejectedValueOnce(new Error('gateway down'));
    const res = await b.post('/auth/identify', { phone });
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toEqual({ code: 'sms_failed', message: 'Не удалось отправить SMS. Попробуйте ещё раз через минуту' });
    expect(await ctx.deps.db.select().from(otpCodes).where(eq(otpCodes.phone, phone))).toHaveLength(0);
    spy.mockRestore();
    const retry = await b.post('/auth/code', { phone, purpose: 'login' });
    expect(retry.statusCode).toBe(200);
    expect(smsCount(ctx.deps.sms, phone)).toBe(1);
  });

  it('two sign-ups racing for one number: one account, the other answers phone_taken (409)', async () => {
    const phone = newPhone();
    const a = new Browser(ctx);
    const b = new Browser(ctx);
    const first = await ticketFor(ctx, a, phone, 'signup');
    const second = await ticketFor(ctx, b, phone, 'signup');
    const results = await Promise.all([
      a.post('/auth/signup', { verificationToken: first, password: PASSWORD, ...INFO }),
      b.post('/auth/signup', { verificationToken: second, password: PASSWORD, ...INFO, firstName: 'Второй' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)?.json().error.code).toBe('phone_taken');
    expect(await usersWith(phone)).toHaveLength(1);
  });
});
