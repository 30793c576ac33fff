import { describe, expect, it } from 'vitest';
import type { StoredChatEvent } from '../modules/chats/chatEvents.js';
import { ChatSequencer } from './sequencer.js';
import { sleep } from './testing/socketClient.js';

const CHAT = '00000000-0000-4000-8000-000000000001';
const ev = (seq: number): StoredChatEvent => ({ chatId: CHAT, seq, event: { type: 'chat.updated', name: `v${seq}` } });

function setup(log: StoredChatEvent[] = []) {
  const delivered: number[] = [];
  const fetched: [number, number][] = [];
  const seq = new ChatSequencer({
    deliver: (e) => delivered.push(e.seq),
    fetch: async (_chatId, from, to) => {
      fetched.push([from, to]);
      return log.filter((e) => e.seq >= from && e.seq < to);
    },
    gapWaitMs: 30,
    onError: (err) => {
      throw err;
    },
  });
  return { seq, delivered, fetched };
}

describe('ChatSequencer (live order on one node)', () => {
  it('puts events that cross on the bus back in seq order, each once', () => {
    const { seq, delivered, fetched } = setup();
    seq.start(CHAT, 4);
    for (const s of [5, 7, 6, 6, 5, 9, 8, 10]) seq.push(ev(s));
    expect(delivered).toEqual([5, 6, 7, 8, 9, 10]);
    expect(fetched).toEqual([]);
    seq.close();
  });

  it('fills a gap the bus never closes from the event log', async () => {
    const log = [ev(1), ev(2), ev(3), ev(4)];
    const { seq, delivered, fetched } = setup(log);
    seq.start(CHAT, 0);
    seq.push(ev(1));
    seq.push(ev(4)); // 2 and 3 were committed but their publish was lost
    expect(delivered).toEqual([1]);
    await sleep(80);
    expect(fetched).toEqual([[2, 4]]);
    expect(delivered).toEqual([1, 2, 3, 4]);
    seq.push(ev(3));
    expect(delivered).toEqual([1, 2, 3, 4]);
    seq.close();
  });

  it('holds events until the chat position is known, then drops what the log position already covers', () => {
    const { seq, delivered } = setup();
    seq.push(ev(11));
    seq.push(ev(12));
    expect(delivered).toEqual([]);
    seq.start(CHAT, 11);
    expect(delivered).toEqual([12]);
    seq.close();
  });
});
