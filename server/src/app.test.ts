import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './test/testApp.js';

describe('app shell', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('answers health and unknown API paths with the error shape', async () => {
    expect((await ctx.app.inject({ url: '/api/health' })).json()).toEqual({ ok: true });
    const res = await ctx.app.inject({ url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    expect(res.json().error.message).toBe('Не найдено');
  });

  it('serves the OpenAPI description', async () => {
    const res = await ctx.app.inject({ url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().openapi).toMatch(/^3\./);
  });

  it('refuses a state-changing request from another origin', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/health', headers: { origin: 'http://evil.test' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('bad_origin');
  });
});
