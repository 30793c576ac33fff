import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSchool } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as } from '../chats/testHelpers.js';

/**
 * Issue 14, item 8 for questions, feedback and appeals: people read them by hand, so one person sends at most ten of
 * them in ten minutes, then gets 429 with the wait («Слишком часто — подождите N с» in the web app).
 */
describe('the «asking» request budget', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ RATE_LIMIT_SCALE: '1' });
  });
  afterAll(() => ctx.close());

  it('refuses the eleventh question, feedback or appeal in ten minutes with rate_limited and the wait; replies still pass', async () => {
    const f = await freshSchool(ctx);
    const student = as(ctx, f.cookies.student);
    const first = await student.post('/support/questions', { section: 'chats', text: 'Вопрос 1' });
    expect(first.status).toBe(201);
    for (let i = 2; i <= 5; i += 1) expect((await student.post('/support/questions', { section: 'chats', text: `Вопрос ${i}` })).status).toBe(201);
    for (let i = 1; i <= 3; i += 1) expect((await student.post('/support/feedback', { text: `Идея ${i}` })).status).toBe(201);
    for (let i = 1; i <= 2; i += 1) {
      expect((await student.post(`/schools/${f.school.id}/appeals`, { topic: 'other', text: `Обращение ${i}` })).status).toBe(201);
    }
    const refused = await ctx.app.inject({
      method: 'POST',
      url: `/api/schools/${f.school.id}/appeals`,
      headers: { cookie: f.cookies.student },
      payload: { topic: 'other', text: 'Ещё одно' },
    });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'rate_limited', retryInSeconds: expect.any(Number) });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await student.post('/support/feedback', { text: 'Идея 4' })).status).toBe(429);
    // Another person's budget is their own; a reply in a conversation is not counted here.
    expect((await as(ctx, f.cookies.teacher).post('/support/feedback', { text: 'Идея учителя' })).status).toBe(201);
    expect((await student.post(`/support/questions/${first.body.data.id}/messages`, { text: 'Дополнение' })).status).toBe(200);
  });
});
