import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schools, users } from '../../db/schema.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';

/** «Попробовать демо-школу» on the first-run screen, on an empty database of this file's own. */
describe('first run: the demo school', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    // PUBLIC_URL names the public address; the machine itself opens http://localhost:3000 and must still get in.
    ctx = await createTestContext({ PUBLIC_URL: 'https://parta.school.ru' });
  });
  afterAll(() => ctx.close());

  const userCount = async () => (await ctx.deps.db.select({ n: sql<number>`count(*)::int` }).from(users))[0]?.n;

  it('is not loaded from elsewhere, nor from a page of another origin', async () => {
    const afar = await ctx.app.inject({ method: 'POST', url: '/api/setup/demo', remoteAddress: '198.51.100.4', headers: { host: 'parta.school.ru' } });
    expect(afar.json().error.code).toBe('setup_local_only');
    const crossSite = await ctx.app.inject({
      method: 'POST',
      url: '/api/setup/demo',
      remoteAddress: '127.0.0.1',
      headers: { host: 'localhost:3000', origin: 'http://evil.example' },
    });
    expect(crossSite.json().error.code).toBe('bad_origin');
    expect(await userCount()).toBe(0);
  });

  it('loads from the machine into the empty database, names the accounts to try, and ends the first run', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/setup/demo',
      remoteAddress: '127.0.0.1',
      headers: { host: 'localhost:3000', origin: 'http://localhost:3000' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual({
      password: 'parta-demo',
      accounts: [
        { phone: '+79000000000', role: 'operator' },
        { phone: '+79000000001', role: 'admin' },
        { phone: '+79000000002', role: 'teacher' },
        { phone: '+79000000003', role: 'student' },
      ],
    });
    expect(await ctx.deps.db.select().from(schools).where(eq(schools.name, 'Гимназия №1'))).toHaveLength(1);
    // The demo has its operator: the first-run screen is gone, and a second click loads nothing.
    const count = await userCount();
    expect((await ctx.app.inject({ url: '/api/setup', remoteAddress: '127.0.0.1' })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'POST', url: '/api/setup/demo', remoteAddress: '127.0.0.1' })).statusCode).toBe(404);
    expect(await userCount()).toBe(count);
  });
});
