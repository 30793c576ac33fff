import type { Message } from '@parta/contracts';
import { describe, expect, it } from 'vitest';
import type { History } from './chatTypes';
import { applyEvent, flatten } from './historyCache';

const msg = (seq: number, text = `m${seq}`): Message => ({
  id: `id${seq}`, chatId: 'c', seq, clientId: null, author: { id: 'u', firstName: 'А', lastName: 'Б', middleName: null },
  text, replyTo: null, attachments: [], poll: null, createdAt: '2026-01-01T00:00:00.000Z', editedAt: null, deleted: false,
});
const history = (...pages: Message[][]): History => ({
  pages: pages.map((data) => ({ data, hasMore: false, lastSeq: data.at(-1)?.seq ?? 0 })),
  pageParams: pages.map(() => undefined),
});

describe('history cache', () => {
  it('adds a new message once, even when its ack and its event both arrive', () => {
    let h = history([msg(1)]);
    h = applyEvent(h, { type: 'message.created', message: msg(2) }) as History;
    h = applyEvent(h, { type: 'message.created', message: msg(2) }) as History;
    expect(flatten(h).map((m) => m.seq)).toEqual([1, 2]);
  });

  it('edits and deletes in every loaded page', () => {
    let h = history([msg(3)], [msg(1), msg(2)]);
    h = applyEvent(h, { type: 'message.edited', messageId: 'id1', text: 'новый', editedAt: '2026-01-01T00:01:00.000Z' }) as History;
    h = applyEvent(h, { type: 'message.deleted', messageId: 'id3' }) as History;
    const all = flatten(h);
    expect(all.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(all[0]?.text).toBe('новый');
    expect(all[2]?.deleted).toBe(true);
    expect(all[2]?.text).toBe('');
  });

  it('a poll.closed event closes the poll in the loaded history, as poll.updated moves its counts', () => {
    const poll = {
      id: 'p', question: 'Куда?', color: 'blue', anonymous: false, multiple: false, noRetract: false,
      deadline: '2026-01-01T01:00:00.000Z', closed: false, options: [{ id: 'o1', text: 'Музей', votes: 0 }], totalVoters: 0,
    };
    let h = history([{ ...msg(1), poll }]);
    h = applyEvent(h, { type: 'poll.updated', messageId: 'id1', poll: { ...poll, options: [{ id: 'o1', text: 'Музей', votes: 1 }], totalVoters: 1 } }) as History;
    expect(flatten(h)[0]?.poll).toMatchObject({ closed: false, totalVoters: 1 });
    h = applyEvent(h, { type: 'poll.closed', messageId: 'id1', poll: { ...poll, closed: true, options: [{ id: 'o1', text: 'Музей', votes: 1 }], totalVoters: 1 } }) as History;
    expect(flatten(h)[0]?.poll).toMatchObject({ closed: true, totalVoters: 1 });
  });
});
