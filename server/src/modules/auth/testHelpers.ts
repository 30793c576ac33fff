import { randomInt } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { DevSmsProvider } from '../../platform/sms/devSms.js';
import { cookiesFrom, type TestContext } from '../../test/testApp.js';

/** A Russian mobile number no other test uses, in E.164. */
export function newPhone(): string {
  return `+79${randomInt(0, 1_000_000_000).toString().padStart(9, '0')}`;
}

/**
 * A client address no other test uses (from the IPv6 documentation prefix; requests are injected,
 * nothing is sent), so per-IP limits of tests sharing a database never meet.
 */
export function newIp(): string {
  return `2001:db8::${randomInt(0, 0x10000).toString(16)}:${randomInt(0, 0x10000).toString(16)}`;
}

/** The code in the last SMS sent to `phone`, as a person reads it from the message. */
export function lastCode(sms: DevSmsProvider, phone: string): string {
  const msg = sms.outbox.filter((m) => m.to === phone).at(-1);
  const code = msg && /\b(\d{6})\b/.exec(msg.text)?.[1];
  if (!code) throw new Error(`no SMS code was sent to ${phone}`);
  return code;
}

/** How many SMS went to `phone`. */
export function smsCount(sms: DevSmsProvider, phone: string): number {
  return sms.outbox.filter((m) => m.to === phone).length;
}

/** A six-digit code that is not `code`. */
export function wrongCode(code: string): string {
  return ((Number(code) + 1) % 1_000_000).toString().padStart(6, '0');
}

/** One browser: its own cookie jar and client address, talking to the app through inject. */
export class Browser {
  cookies = '';
  constructor(
    private readonly ctx: TestContext,
    readonly ip: string = newIp(),
  ) {}

  async call(method: 'GET' | 'POST' | 'PATCH', path: string, body?: object): Promise<LightMyRequestResponse> {
    const res = await this.ctx.app.inject({
      method,
      url: `/api${path}`,
      ...(body ? { payload: body } : {}),
      headers: this.cookies ? { cookie: this.cookies } : {},
      remoteAddress: this.ip,
    });
    this.cookies = cookiesFrom(res, this.cookies);
    return res;
  }

  post(path: string, body: object = {}) {
    return this.call('POST', path, body);
  }
}

export const PASSWORD = 'korova-moloko-7';

export const INFO = {
  firstName: 'Вадим',
  lastName: 'Жуков',
  middleName: 'Петрович',
  gender: 'male',
  birthDate: '1985-03-14',
  acceptTerms: true,
} as const;

/**
 * A ticket for `purpose`, got the way the web app gets it: send a code, read the SMS, verify. A 'signup' ticket comes
 * from a 'login' code for a number without an account (the server tells sign-up from sign-in only after the code).
 */
export async function ticketFor(
  ctx: TestContext,
  browser: Browser,
  phone: string,
  purpose: 'signup' | 'login' | 'reset',
): Promise<string> {
  const codePurpose = purpose === 'signup' ? 'login' : purpose;
  const sent = await browser.post('/auth/code', { phone, purpose: codePurpose });
  if (sent.statusCode !== 200) throw new Error(`code not sent: ${sent.body}`);
  const res = await browser.post('/auth/verify', { phone, purpose: codePurpose, code: lastCode(ctx.deps.sms, phone) });
  if (res.statusCode !== 200) throw new Error(`code not verified: ${res.body}`);
  const account = purpose === 'signup' ? 'new' : 'existing';
  if (res.json().account !== account) throw new Error(`expected a ${purpose} ticket: ${res.body}`);
  return res.json().verificationToken as string;
}

/** Signs a new person up through the API in `browser` (which ends signed in); returns their id. */
export async function signUpThroughApi(
  ctx: TestContext,
  browser: Browser,
  phone: string = newPhone(),
  password: string = PASSWORD,
): Promise<{ id: string; phone: string }> {
  const identify = await browser.post('/auth/identify', { phone });
  if (identify.json().next !== 'code') throw new Error(`no code sent: ${identify.body}`);
  const code = lastCode(ctx.deps.sms, phone);
  const verified = await browser.post('/auth/verify', { phone, purpose: 'login', code });
  if (verified.json().account !== 'new') throw new Error(`not a new phone: ${verified.body}`);
  const res = await browser.post('/auth/signup', {
    verificationToken: verified.json().verificationToken,
    password,
    ...INFO,
  });
  if (res.statusCode !== 200) throw new Error(`sign-up failed: ${res.body}`);
  return { id: res.json().data.id as string, phone };
}
