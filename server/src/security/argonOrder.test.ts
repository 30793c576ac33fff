import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/** Every argon2 hash the server computes, counted (the real function still runs). */
const hashes = vi.hoisted(() => ({ count: 0 }));
vi.mock('../lib/passwords.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/passwords.js')>();
  return {
    ...real,
    hashPassword: async (password: string) => {
      hashes.count += 1;
      return real.hashPassword(password);
    },
  };
});

const { createTestContext } = await import('../test/testApp.js');
const { createUser } = await import('../test/factories.js');
const { Browser, INFO, PASSWORD, ticketFor } = await import('../modules/auth/testHelpers.js');
type TestContext = Awaited<ReturnType<typeof createTestContext>>;

/*
 * Issue 11, item 3: «/auth/signup and /auth/reset hash the password with argon2 before checking the ticket: 32
 * parallel requests with a bogus ticket slow everyone's downloads». A made-up ticket must cost no hash at all.
 */
describe('security: cheap checks before argon2', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('32 sign-ups and 32 resets with a made-up ticket: 401 each, and the hash function is called 0 times', async () => {
    hashes.count = 0;
    const b = new Browser(ctx);
    const answers = await Promise.all(
      Array.from({ length: 32 }, (_, i) => [
        b.post('/auth/signup', { verificationToken: `bogus-${i}-${'x'.repeat(40)}`, password: PASSWORD, ...INFO }),
        b.post('/auth/reset', { verificationToken: `bogus-${i}-${'x'.repeat(40)}`, password: PASSWORD }),
      ]).flat(),
    );
    expect(answers.map((r) => r.statusCode)).toEqual(Array(64).fill(401));
    expect(new Set(answers.map((r) => r.json().error.code))).toEqual(new Set(['verification_invalid']));
    expect(hashes.count).toBe(0);
  });

  it('a ticket of the wrong kind costs no hash either; a real one costs exactly one', async () => {
    const owner = await createUser(ctx);
    const b = new Browser(ctx);
    const login = await ticketFor(ctx, b, owner.phone, 'login');
    hashes.count = 0;
    expect((await b.post('/auth/reset', { verificationToken: login, password: PASSWORD })).statusCode).toBe(401);
    expect((await b.post('/auth/signup', { verificationToken: login, password: PASSWORD, ...INFO })).statusCode).toBe(401);
    expect(hashes.count).toBe(0);
    const reset = await ticketFor(ctx, b, owner.phone, 'reset');
    expect((await b.post('/auth/reset', { verificationToken: reset, password: PASSWORD })).statusCode).toBe(200);
    expect(hashes.count).toBe(1);
  });
});
