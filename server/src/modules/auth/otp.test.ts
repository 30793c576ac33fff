import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { otpCodes, verificationTickets } from '../../db/schema.js';
import { FakeClock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { keyedHash } from '../../lib/secrets.js';
import { DevSmsProvider } from '../../platform/sms/devSms.js';
import type { SmsProvider } from '../../platform/sms/provider.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import {
  OTP_RESEND_MS, OTP_TTL_MS, type OtpDeps, sendOtp, verifyOtp,
} from './otp.js';
import { issueTicket } from './tickets.js';
import { lastCode, newIp, newPhone, wrongCode } from './testHelpers.js';

/** Resolves to the AppError code (and details) a promise was refused with. */
async function refusal(p: Promise<unknown>): Promise<{ code: string; details: Record<string, unknown> | undefined }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, details: err.details };
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('ACC-6 SMS codes (otp service)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  function otpDeps(over: Partial<OtpDeps> = {}): OtpDeps & { clock: FakeClock; sms: DevSmsProvider } {
    return {
      db: ctx.deps.db,
      clock: new FakeClock(new Date()),
      secret: ctx.deps.secret,
      sms: new DevSmsProvider({ info: () => undefined }),
      smsPerIpPerHour: 1000,
      ...over,
    } as OtpDeps & { clock: FakeClock; sms: DevSmsProvider };
  }

  it('sends a 6-digit code in the SMS text and stores only a keyed hash of it', async () => {
    const deps = otpDeps();
    const phone = newPhone();
    const res = await sendOtp(deps, { phone, purpose: 'signup', ip: newIp() });
    expect(res).toEqual({ resendInSeconds: 120 });
    const msg = deps.sms.outbox.at(-1);
    expect(msg?.to).toBe(phone);
    expect(msg?.text).toMatch(/^Код Parta: \d{6}\. Никому не сообщайте его\.$/);
    const code = lastCode(deps.sms, phone);
    const rows = await deps.db.select().from(otpCodes).where(eq(otpCodes.phone, phone));
    expect(rows).toHaveLength(1);
    const stored = rows[0]?.codeHash ?? '';
    expect(stored).not.toContain(code);
    expect(stored).not.toBe(createHash('sha256').update(code).digest('base64url'));
    expect(stored).not.toBe(createHash('sha256').update(code).digest('hex'));
    expect(stored).not.toBe(keyedHash(deps.secret, code));
    expect(stored.length).toBeGreaterThanOrEqual(43);
  });

  it('codes come from the whole 6-digit range (leading zeros kept)', async () => {
    const deps = otpDeps();
    const codes = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const phone = newPhone();
      await sendOtp(deps, { phone, purpose: 'signup', ip: newIp() });
      codes.add(lastCode(deps.sms, phone));
    }
    for (const c of codes) expect(c).toMatch(/^\d{6}$/);
    expect(codes.size).toBeGreaterThan(15);
  });

  it('a right code gives a hashed, 15-minute ticket; for a number without an account a sign-up one; single use', async () => {
    const deps = otpDeps();
    const phone = newPhone();
    await sendOtp(deps, { phone, purpose: 'login', ip: newIp() });
    const code = lastCode(deps.sms, phone);
    const verified = await verifyOtp(deps, { ip: newIp(), phone, purpose: 'login', code });
    expect(verified.account).toBe('new');
    const token = verified.verificationToken;
    expect(token.length).toBeGreaterThanOrEqual(43);
    const [ticket] = await deps.db.select().from(verificationTickets).where(eq(verificationTickets.phone, phone));
    expect(ticket?.tokenHash).toBe(keyedHash(deps.secret, token));
    expect(ticket?.tokenHash).not.toBe(token);
    expect(ticket?.purpose).toBe('signup');
    expect(ticket?.expiresAt.getTime()).toBe(deps.clock.now().getTime() + 15 * 60_000);
    expect((await refusal(verifyOtp(deps, { ip: newIp(), phone, purpose: 'login', code }))).code).toBe('otp_expired');
  });

  it('a code for one purpose does not verify another', async () => {
    const deps = otpDeps();
    const phone = newPhone();
    await sendOtp(deps, { phone, purpose: 'login', ip: newIp() });
    const code = lastCode(deps.sms, phone);
    expect((await refusal(verifyOtp(deps, { ip: newIp(), phone, purpose: 'reset', code }))).code).toBe('otp_expired');
    expect((await refusal(verifyOtp(deps, { ip: newIp(), phone: newPhone(), purpose: 'login', code }))).code).toBe('otp_expired');
  });

  it('is valid until 4:59.999 and expired at 5:00', async () => {
    const deps = otpDeps();
    const a = newPhone();
    await sendOtp(deps, { phone: a, purpose: 'signup', ip: newIp() });
    deps.clock.advance(OTP_TTL_MS - 1);
    await expect(verifyOtp(deps, { ip: newIp(), phone: a, purpose: 'signup', code: lastCode(deps.sms, a) })).resolves.toMatchObject({ verificationToken: expect.any(String) });

    const b = newPhone();
    await sendOtp(deps, { phone: b, purpose: 'signup', ip: newIp() });
    deps.clock.advance(OTP_TTL_MS);
    const r = await refusal(verifyOtp(deps, { ip: newIp(), phone: b, purpose: 'signup', code: lastCode(deps.sms, b) }));
    expect(r.code).toBe('otp_expired');
    const [row] = await deps.db.select().from(otpCodes).where(eq(otpCodes.phone, b));
    expect(row?.consumedAt).toBeNull();
  });

  it('allows 5 wrong tries; the 6th is refused even with the right code', async () => {
    const deps = otpDeps();
    const phone = newPhone();
    await sendOtp(deps, { phone, purpose: 'signup', ip: newIp() });
    const code = lastCode(deps.sms, phone);
    for (let left = 4; left >= 0; left--) {
      const r = await refusal(verifyOtp(deps, { ip: newIp(), phone, purpose: 'signup', code: wrongCode(code) }));
      expect(r).toEqual({ code: 'otp_invalid', details: { attemptsLeft: left } });
    }
    expect((await refusal(verifyOtp(deps, { ip: newIp(), phone, purpose: 'signup', code }))).code).toBe('otp_attempts_exceeded');
    const tickets = await deps.db.select().from(verificationTickets).where(eq(verificationTickets.phone, phone));
    expect(tickets).toHaveLength(0);
  });

  it('refuses a resend at 119 s (with the seconds left) and allows it at 120 s; only the newest code works', async () => {
    const deps = otpDeps();
    const phone = newPhone();
    const ip = newIp();
    await sendOtp(deps, { phone, purpose: 'signup', ip });
    const first = lastCode(deps.sms, phone);
    deps.clock.advance(OTP_RESEND_MS - 1000);
    expect(await refusal(sendOtp(deps, { phone, purpose: 'signup', ip }))).toEqual({
      code: 'otp_resend_too_soon',
      details: { retryInSeconds: 1 },
    });
    expect(deps.sms.outbox.filter((m) => m.to === phone)).toHaveLength(1);
    deps.clock.advance(1000);
    await sendOtp(deps, { phone, purpose: 'signup', ip });
    const second = lastCode(deps.sms, phone);
    expect(deps.sms.outbox.filter((m) => m.to === phone)).toHaveLength(2);
    if (first !== second) {
      expect((await refusal(verifyOtp(deps, { ip: newIp(), phone, purpose: 'signup', code: first }))).code).toBe('otp_invalid');
    }
    await expect(verifyOtp(deps, { ip: newIp(), phone, purpose: 'signup', code: second })).resolves.toMatchObject({ verificationToken: expect.any(String) });
  });

  it('a used code does not hold back the next one', async () => {
    const deps = otpDeps();
    const phone = newPhone();
    await sendOtp(deps, { phone, purpose: 'login', ip: newIp() });
    await verifyOtp(deps, { ip: newIp(), phone, purpose: 'login', code: lastCode(deps.sms, phone) });
    await expect(sendOtp(deps, { phone, purpose: 'login', ip: newIp() })).resolves.toEqual({ resendInSeconds: 120 });
  });

  it('wrong codes from one address: the 101st in 15 minutes waits, whichever phones they were for', async () => {
    const deps = otpDeps();
    const ip = newIp();
    // 20 numbers × 5 wrong tries from one address: a second account gives no fresh budget.
    for (let i = 0; i < 20; i++) {
      const phone = newPhone();
      await sendOtp(deps, { phone, purpose: 'login', ip: newIp() });
      const code = lastCode(deps.sms, phone);
      for (let t = 0; t < 5; t++) {
        expect((await refusal(verifyOtp(deps, { ip, phone, purpose: 'login', code: wrongCode(code) }))).code).toBe('otp_invalid');
      }
    }
    const phone = newPhone();
    await sendOtp(deps, { phone, purpose: 'login', ip: newIp() });
    const code = lastCode(deps.sms, phone);
    // Refused before it is looked at, even with the right code, with the seconds to wait.
    const r = await refusal(verifyOtp(deps, { ip, phone, purpose: 'login', code }));
    expect(r.code).toBe('rate_limited');
    expect(r.details?.retryInSeconds).toBeGreaterThan(0);
    expect(r.details?.retryInSeconds).toBeLessThanOrEqual(15 * 60);
    // The same code from another address is taken; and this address may try again once the window has passed.
    await expect(verifyOtp(deps, { ip: newIp(), phone, purpose: 'login', code })).resolves.toMatchObject({ account: 'new' });
    deps.clock.advance(15 * 60_000);
    const later = newPhone();
    await sendOtp(deps, { phone: later, purpose: 'login', ip: newIp() });
    await expect(verifyOtp(deps, { ip, phone: later, purpose: 'login', code: lastCode(deps.sms, later) })).resolves.toMatchObject({ account: 'new' });
  });

  it('throttles sending per IP address per hour', async () => {
    const deps = otpDeps({ smsPerIpPerHour: 3 });
    const ip = newIp();
    for (let i = 0; i < 3; i++) await sendOtp(deps, { phone: newPhone(), purpose: 'signup', ip });
    const phone = newPhone();
    expect((await refusal(sendOtp(deps, { phone, purpose: 'signup', ip }))).code).toBe('rate_limited');
    expect(await deps.db.select().from(otpCodes).where(eq(otpCodes.phone, phone))).toHaveLength(0);
    // Another address is not held back; after an hour this one may send again.
    await sendOtp(deps, { phone, purpose: 'signup', ip: newIp() });
    deps.clock.advance(3600_000);
    await expect(sendOtp(deps, { phone: newPhone(), purpose: 'signup', ip })).resolves.toEqual({ resendInSeconds: 120 });
  });

  it('a failed SMS does not count as sent: sms_failed, no row, and a retry at once', async () => {
    const broken: SmsProvider = {
      send: async () => {
        throw new Error('gateway down');
      },
    };
    const warnings: string[] = [];
    const deps = otpDeps({ sms: broken as DevSmsProvider, log: { warn: (_o, msg) => warnings.push(msg) } });
    const phone = newPhone();
    const ip = newIp();
    expect((await refusal(sendOtp(deps, { phone, purpose: 'signup', ip }))).code).toBe('sms_failed');
    expect(warnings).toEqual(['SMS could not be sent']);
    expect(await deps.db.select().from(otpCodes).where(eq(otpCodes.phone, phone))).toHaveLength(0);
    const working = otpDeps({ clock: deps.clock });
    await expect(sendOtp(working, { phone, purpose: 'signup', ip })).resolves.toEqual({ resendInSeconds: 120 });
  });

  it('sending prunes codes and tickets older than a day, and keeps younger ones', async () => {
    const deps = otpDeps();
    const phone = newPhone();
    const ip = newIp();
    await sendOtp(deps, { phone, purpose: 'signup', ip });
    const oldTicket = await issueTicket(deps.db, deps, { phone, purpose: 'signup' });
    deps.clock.advance(23 * 3600_000);
    const young = newPhone();
    await sendOtp(deps, { phone: young, purpose: 'signup', ip });
    expect(await deps.db.select().from(otpCodes).where(eq(otpCodes.phone, phone))).toHaveLength(1);
    deps.clock.advance(2 * 3600_000);
    await sendOtp(deps, { phone: newPhone(), purpose: 'signup', ip });
    expect(await deps.db.select().from(otpCodes).where(eq(otpCodes.phone, phone))).toHaveLength(0);
    expect(await deps.db.select().from(otpCodes).where(eq(otpCodes.phone, young))).toHaveLength(1);
    const tickets = await deps.db
      .select()
      .from(verificationTickets)
      .where(eq(verificationTickets.tokenHash, keyedHash(deps.secret, oldTicket)));
    expect(tickets).toHaveLength(0);
  });
});
