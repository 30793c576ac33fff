import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSchool, type SchoolFixture } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as, classChat } from '../chats/testHelpers.js';
import { encodeCursor } from './cursor.js';

type Body = {
  data: { messages: { id: string }[] };
  more: { messages: boolean };
  next: { messages: string | null; documents: string | null; articles: string | null; news: string | null };
};

describe('search pages through every match, ranked (SRCH-1)', () => {
  let ctx: TestContext;
  let f: SchoolFixture;
  let chatId: string;
  beforeAll(async () => {
    ctx = await createTestContext();
    f = await freshSchool(ctx);
    chatId = await classChat(ctx, f);
  });
  afterAll(() => ctx.close());

  const say = async (text: string) => {
    const res = await as(ctx, f.cookies.teacher).post(`/chats/${chatId}/messages`, { clientId: randomUUID(), text });
    expect(res.status).toBe(201);
    return res.body.data.id as string;
  };
  const get = async (url: string) => {
    const res = await as(ctx, f.cookies.student).get(url);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as Body;
  };

  it('120 matching messages are all reachable page by page, in rank order, with no repeat and no gap, even when a new one arrives between pages', async () => {
    // The word 1–4 times: ts_rank orders by that, ties newest first.
    const sent: { id: string; times: number; order: number }[] = [];
    for (let i = 0; i < 120; i++) {
      const times = 1 + (i % 4);
      sent.push({ id: await say(`Запись ${i}: ${Array(times).fill('контрольная').join(' и ')}`), times, order: i });
    }
    const expected = [...sent].sort((a, b) => b.times - a.times || b.order - a.order).map((m) => m.id);

    const first = await get(`/search?q=${encodeURIComponent('контрольная')}`);
    expect(first.data.messages.map((m) => m.id)).toEqual(expected.slice(0, 5));
    expect(first.more.messages).toBe(true);
    expect(first.next.messages).toEqual(expect.any(String));
    expect(first.next.documents).toBeNull();

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/search?q=${encodeURIComponent('контрольные')}&type=messages&limit=50${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await get(url);
      seen.push(...page.data.messages.map((m) => m.id));
      expect(page.more.messages).toBe(page.next.messages !== null);
      cursor = page.next.messages;
      pages += 1;
      // A new message between pages, ranked first: it is not in the later pages, and nothing repeats or is skipped.
      if (pages === 1) await say('контрольная контрольная контрольная контрольная контрольная');
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);
  }, 60_000); // 121 messages sent through the API

  it('answers 400 invalid_input to a cursor without a type, and to one that is not a cursor', async () => {
    const ok = encodeCursor({ rank: '0.0607927', at: '2026-12-07 02:24:53.123456+00', id: randomUUID() });
    const student = as(ctx, f.cookies.student);
    expect((await student.get(`/search?q=урок&type=messages&cursor=${ok}`)).status).toBe(200);
    const bad = [
      `/search?q=урок&cursor=${ok}`,
      '/search?q=урок&type=messages&cursor=abc',
      `/search?q=урок&type=messages&cursor=${Buffer.from('["1; drop table messages","x","y"]').toString('base64url')}`,
      `/search?q=урок&type=messages&cursor=${'a'.repeat(400)}`,
    ];
    for (const url of bad) {
      const res = await student.get(url);
      expect(res.status, url).toBe(400);
      expect(res.body.error.code, url).toBe('invalid_input');
    }
  });
});
