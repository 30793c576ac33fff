import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSchool, type SchoolFixture } from '../test/factories.js';
import { createTestContext, type TestContext } from '../test/testApp.js';

/** An address a person edits by hand is input too: what the router refuses is answered in the API's one error shape. */
let ctx: TestContext;
let school: SchoolFixture;
beforeAll(async () => {
  ctx = await createTestContext();
  school = await freshSchool(ctx);
});
afterAll(() => ctx.close());

describe('addresses the router refuses', () => {
  it('a percent-escape that is not UTF-8 (an encoded unpaired surrogate) is 400 invalid_input with a Russian message', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/chats/%ED%A0%80', headers: { cookie: school.cookies.admin } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'invalid_input', message: 'Проверьте введённые данные' } });
  });

  it('a path segment of more than 100 characters is 414 invalid_input, not a 500', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `/api/schools/${'я'.repeat(150)}/members`, headers: { cookie: school.cookies.admin } });
    expect(res.statusCode).toBe(414);
    expect(res.json().error.code).toBe('invalid_input');
  });
});
