import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SocketClient, sleep } from '../../realtime/testing/socketClient.js';
import { type SocketTestApp, socketTestApp } from '../../realtime/testing/socketTestApp.js';
import { freshSchool } from '../../test/factories.js';
import type { TestContext } from '../../test/testApp.js';
import { as } from '../chats/testHelpers.js';

let app: SocketTestApp;
let ctx: TestContext;

beforeAll(async () => {
  app = await socketTestApp();
  ({ ctx } = app);
});
afterAll(() => app.close());

async function connected(cookie: string): Promise<SocketClient> {
  const c = await app.connect(cookie);
  c.send({ t: 'resume', chats: {} });
  await c.next('resumed');
  return c;
}

describe('news live over the socket', () => {
  it('a member’s socket hears news.posted and news.commented through the real API; another school’s does not', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const [student, teacher, outsider] = await Promise.all([connected(f.cookies.student), connected(f.cookies.teacher), connected(other.cookies.admin)]);

    const posted = await as(ctx, f.cookies.admin).post(`/schools/${f.school.id}/news`, { feed: 'channel', text: 'Занятия отменены из-за мороза' });
    expect(posted.status).toBe(201);
    const postId = posted.body.data.id;
    for (const c of [student, teacher]) {
      expect(await c.waitFor((x) => x.t === 'school')).toEqual({
        t: 'school', schoolId: f.school.id, event: { type: 'news.posted', feed: 'channel', postId, authorId: f.admin.id },
      });
    }

    const community = await as(ctx, f.cookies.student).post(`/schools/${f.school.id}/news`, { feed: 'community', text: 'Кто на каток?' });
    const comment = await as(ctx, f.cookies.teacher).post(`/news/${community.body.data.id}/comments`, { text: 'Только в шлемах!' });
    expect(comment.status).toBe(201);
    await student.waitFor((x) => x.t === 'school' && x.event.type === 'news.commented');
    await sleep(150);
    expect(outsider.frames.filter((x) => x.t === 'school')).toEqual([]);
    // The event names ids only: never the text, which the client fetches with its own rights.
    const texts = JSON.stringify(student.frames.filter((x) => x.t === 'school'));
    expect(texts).not.toContain('мороза');
    expect(texts).not.toContain('шлемах');
  });

  it('an edited post and an edited comment reach the school’s sockets as news.updated and news.commentUpdated, with ids only; another school’s do not', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const [student, outsider] = await Promise.all([connected(f.cookies.student), connected(other.cookies.admin)]);
    const p = (await as(ctx, f.cookies.teacher).post(`/schools/${f.school.id}/news`, { feed: 'community', text: 'Экскурсия в среду' })).body.data;
    const c = (await as(ctx, f.cookies.teacher).post(`/news/${p.id}/comments`, { text: 'Сбор в 9' })).body.data;
    expect((await as(ctx, f.cookies.teacher).patch(`/news/${p.id}`, { text: 'Экскурсия в четверг' })).status).toBe(200);
    expect(await student.waitFor((x) => x.t === 'school' && x.event.type === 'news.updated')).toEqual({
      t: 'school', schoolId: f.school.id, event: { type: 'news.updated', feed: 'community', postId: p.id },
    });
    expect((await as(ctx, f.cookies.teacher).patch(`/news/comments/${c.id}`, { text: 'Сбор в 8:30' })).status).toBe(200);
    expect(await student.waitFor((x) => x.t === 'school' && x.event.type === 'news.commentUpdated')).toEqual({
      t: 'school', schoolId: f.school.id, event: { type: 'news.commentUpdated', feed: 'community', postId: p.id, commentId: c.id },
    });
    await sleep(150);
    expect(outsider.frames.filter((x) => x.t === 'school')).toEqual([]);
    expect(JSON.stringify(student.frames)).not.toContain('четверг');
  });
});
