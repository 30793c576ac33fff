import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, TEST_PASSWORD } from '../test/factories.js';
import { createTestContext, type TestContext } from '../test/testApp.js';
import { Browser, lastCode, newPhone, smsCount, wrongCode } from '../modules/auth/testHelpers.js';

/*
 * Issue 11, item 2: «the user list can be read out». Every step a stranger can take with only a phone number must
 * answer a number with an account (on a device it has not used) and a number without one alike: the same status,
 * the same headers, and the same body byte for byte once the number itself is blanked out.
 */

/** What a stranger can compare: status, header names and values that are not per-request, and the body. */
function observable(res: LightMyRequestResponse, phone: string) {
  const perRequest = new Set(['date', 'content-length', 'set-cookie', 'x-request-id']);
  const headers = Object.fromEntries(Object.entries(res.headers).filter(([k]) => !perRequest.has(k)));
  return {
    status: res.statusCode,
    headers,
    cookies: res.cookies.map((c) => ({ ...c, value: '…' })),
    body: res.body.replaceAll(phone, '<phone>'),
  };
}

describe('security: sign-in does not tell which numbers have an account', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  /** The same step for a number with an account and one without, each from a fresh browser. */
  async function both(step: (b: Browser, phone: string) => Promise<LightMyRequestResponse>) {
    const known = (await createUser(ctx)).phone;
    const unknown = newPhone();
    const a = await step(new Browser(ctx), known);
    const b = await step(new Browser(ctx), unknown);
    return { known: observable(a, known), unknown: observable(b, unknown), phones: { known, unknown } };
  }

  it('POST /auth/identify: the same answer, and an SMS code to both', async () => {
    const r = await both((b, phone) => b.post('/auth/identify', { phone }));
    expect(r.known).toEqual(r.unknown);
    expect(r.known.status).toBe(200);
    expect(JSON.parse(r.known.body)).toEqual({ phone: '<phone>', next: 'code', purpose: 'login', resendInSeconds: 120, displayName: null });
    expect(smsCount(ctx.deps.sms, r.phones.known)).toBe(1);
    expect(smsCount(ctx.deps.sms, r.phones.unknown)).toBe(1);
  });

  it('POST /auth/identify again within 120 s: the same wait for both', async () => {
    const r = await both(async (b, phone) => {
      await b.post('/auth/identify', { phone });
      ctx.deps.clock.advance(30_000);
      return b.post('/auth/identify', { phone });
    });
    expect(r.known).toEqual(r.unknown);
  });

  it('POST /auth/signin without a code, and with a made-up ticket: the same refusal', async () => {
    const plain = await both((b, phone) => b.post('/auth/signin', { phone, password: TEST_PASSWORD }));
    expect(plain.known).toEqual(plain.unknown);
    expect(JSON.parse(plain.known.body).error.code).toBe('otp_required');
    const wrong = await both((b, phone) => b.post('/auth/signin', { phone, password: 'some-guess-1' }));
    expect(wrong.known).toEqual(wrong.unknown);
    expect(wrong.known).toEqual(plain.known);
    const ticket = await both((b, phone) =>
      b.post('/auth/signin', { phone, password: TEST_PASSWORD, verificationToken: 'x'.repeat(43) }),
    );
    expect(ticket.known).toEqual(ticket.unknown);
    expect(JSON.parse(ticket.known.body).error.code).toBe('verification_invalid');
  });

  it('POST /auth/code for sign-in and for «Забыли пароль?»: the same answer, a code to both', async () => {
    for (const purpose of ['login', 'reset'] as const) {
      const r = await both((b, phone) => b.post('/auth/code', { phone, purpose }));
      expect(r.known).toEqual(r.unknown);
      expect(JSON.parse(r.known.body)).toEqual({ resendInSeconds: 120 });
      expect(smsCount(ctx.deps.sms, r.phones.unknown)).toBe(1);
    }
  });

  it('POST /auth/verify with a wrong code: the same refusal', async () => {
    const r = await both(async (b, phone) => {
      await b.post('/auth/identify', { phone });
      return b.post('/auth/verify', { phone, purpose: 'login', code: wrongCode(lastCode(ctx.deps.sms, phone)) });
    });
    expect(r.known).toEqual(r.unknown);
    expect(JSON.parse(r.known.body).error).toMatchObject({ code: 'otp_invalid', attemptsLeft: 4 });
  });

  it('only the right code tells them apart, to whoever holds the phone', async () => {
    const r = await both(async (b, phone) => {
      await b.post('/auth/identify', { phone });
      return b.post('/auth/verify', { phone, purpose: 'login', code: lastCode(ctx.deps.sms, phone) });
    });
    expect(JSON.parse(r.known.body).account).toBe('existing');
    expect(JSON.parse(r.unknown.body).account).toBe('new');
  });
});
