import { eq, inArray } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { otpCodes, users } from '../../db/schema.js';
import { verifyPassword } from '../../lib/passwords.js';
import { createUser } from '../../test/factories.js';
import { cookiesFrom, createTestContext, type TestContext } from '../../test/testApp.js';
import { lastCode, newPhone, smsCount } from '../auth/testHelpers.js';

/**
 * The first run, on a database of this file's own (no operator). In order: what a stranger gets, then the
 * operator made (two at once make one), then the setup gone for good.
 */
describe('first run: the operator account', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const fromHere: Partial<InjectOptions> = { remoteAddress: '127.0.0.1', headers: { host: 'localhost:3000' } };
  const fromAfar: Partial<InjectOptions> = { remoteAddress: '203.0.113.9', headers: { host: 'parta.school.ru' } };
  const call = (method: 'GET' | 'POST', url: string, from: Partial<InjectOptions>, payload?: object) =>
    ctx.app.inject({ method, url: `/api${url}`, ...from, ...(payload ? { payload } : {}) } as InjectOptions);
  const operators = async () => ctx.deps.db.select().from(users).where(eq(users.isOperator, true));
  const person = { firstName: 'Анна', lastName: 'Оператор', gender: 'female', birthDate: '1985-04-12' };
  const password = 'nadezhnyi-parol-42';

  /** Phone → code from the SMS → a sign-up ticket, all from the server's machine. */
  const ticket = async (phone: string) => {
    const sent = await call('POST', '/setup/code', fromHere, { phone });
    expect(sent.statusCode).toBe(200);
    // The code may be tried only from the browser that asked for it: the same device cookie.
    const sameBrowser = { ...fromHere, headers: { ...fromHere.headers, cookie: cookiesFrom(sent) } };
    const res = await call('POST', '/setup/verify', sameBrowser, { phone, code: lastCode(ctx.deps.sms, phone) });
    expect(res.statusCode).toBe(200);
    return res.json().verificationToken as string;
  };

  it('tells a browser on the machine to set up, and one elsewhere that it cannot', async () => {
    const here = await call('GET', '/setup', fromHere);
    expect(here.statusCode).toBe(200);
    expect(here.json().data).toEqual({ local: true, smsInLog: true, emptyDatabase: true });
    expect((await call('GET', '/setup', fromAfar)).json().data.local).toBe(false);
    // A client elsewhere that claims to be 127.0.0.1 is still elsewhere.
    const spoofed = await call('GET', '/setup', { remoteAddress: '203.0.113.9', headers: { host: 'localhost:3000', 'x-forwarded-for': '127.0.0.1' } });
    expect(spoofed.json().data.local).toBe(false);
  });

  it('refuses every step from elsewhere with setup_local_only, sends no SMS and writes nothing', async () => {
    const phone = newPhone();
    const code = await call('POST', '/setup/code', fromAfar, { phone });
    expect(code.statusCode).toBe(403);
    expect(code.json().error.code).toBe('setup_local_only');
    expect(code.json().error.message).toMatch(/только с компьютера, на котором он запущен/);
    expect(smsCount(ctx.deps.sms, phone)).toBe(0);
    expect(await ctx.deps.db.select().from(otpCodes).where(eq(otpCodes.phone, phone))).toEqual([]);
    expect((await call('POST', '/setup/verify', fromAfar, { phone, code: '123456' })).json().error.code).toBe('setup_local_only');
    const op = await call('POST', '/setup/operator', fromAfar, { verificationToken: 'x', password, ...person });
    expect(op.json().error.code).toBe('setup_local_only');
    expect((await call('POST', '/setup/demo', fromAfar)).json().error.code).toBe('setup_local_only');
    expect(await operators()).toEqual([]);
  });

  it('behind a proxy (TRUST_PROXY=1) nobody counts as local, not even the proxy’s own loopback', async () => {
    const proxied = await createTestContext({ TRUST_PROXY: '1' });
    try {
      const res = await proxied.app.inject({ url: '/api/setup', remoteAddress: '127.0.0.1', headers: { host: 'localhost', 'x-forwarded-for': '127.0.0.1' } });
      expect(res.json().data.local).toBe(false);
      const code = await proxied.app.inject({ method: 'POST', url: '/api/setup/code', remoteAddress: '127.0.0.1', payload: { phone: newPhone() } });
      expect(code.json().error.code).toBe('setup_local_only');
    } finally {
      await proxied.close();
    }
  });

  it('offers no demo once an account exists, and a weak password or a bogus ticket creates nothing', async () => {
    await createUser(ctx);
    expect((await call('GET', '/setup', fromHere)).json().data.emptyDatabase).toBe(false);
    const demo = await call('POST', '/setup/demo', fromHere);
    expect(demo.statusCode).toBe(409);
    expect(demo.json().error.code).toBe('setup_not_empty');

    const token = await ticket(newPhone());
    const weak = await call('POST', '/setup/operator', fromHere, { verificationToken: token, password: '12345678', ...person });
    expect(weak.json().error.code).toBe('password_too_weak');
    const bogus = await call('POST', '/setup/operator', fromHere, { verificationToken: 'not-a-ticket', password, ...person });
    expect(bogus.json().error.code).toBe('verification_invalid');
    expect(await operators()).toEqual([]);
  });

  it('setups at once make exactly one operator; the others find the setup gone (404)', async () => {
    const phones = Array.from({ length: 6 }, () => newPhone());
    const tickets: string[] = [];
    for (const phone of phones) tickets.push(await ticket(phone));
    const answers = await Promise.all(
      tickets.map((verificationToken) => call('POST', '/setup/operator', fromHere, { verificationToken, password, ...person })),
    );
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 404, 404, 404, 404, 404]);
    const made = await operators();
    expect(made).toHaveLength(1);
    const winner = answers.find((r) => r.statusCode === 200)!;
    expect(winner.json().data).toMatchObject({ isOperator: true, lastName: 'Оператор' });
    expect(await verifyPassword(made[0]!.passwordHash, password)).toBe(true);
    // Signed in on this browser: its session cookie opens /me.
    const me = await ctx.app.inject({ url: '/api/me', headers: { cookie: cookiesFrom(winner) } });
    expect(me.json().data.isOperator).toBe(true);
    // The others' numbers made no account.
    const losers = phones.filter((p) => p !== made[0]!.phone);
    expect(await ctx.deps.db.select().from(users).where(inArray(users.phone, losers))).toEqual([]);
  });

  it('once an operator exists every setup endpoint answers 404, from anywhere, for good', async () => {
    const phone = newPhone();
    for (const from of [fromHere, fromAfar]) {
      const status = await call('GET', '/setup', from);
      expect(status.statusCode).toBe(404);
      expect(status.json().error.code).toBe('not_found');
      expect((await call('POST', '/setup/code', from, { phone })).statusCode).toBe(404);
      expect((await call('POST', '/setup/verify', from, { phone, code: '123456' })).statusCode).toBe(404);
      expect((await call('POST', '/setup/operator', from, { verificationToken: 'x', password, ...person })).statusCode).toBe(404);
      expect((await call('POST', '/setup/demo', from)).statusCode).toBe(404);
    }
    expect(smsCount(ctx.deps.sms, phone)).toBe(0);
    expect(await operators()).toHaveLength(1);
  });
});
