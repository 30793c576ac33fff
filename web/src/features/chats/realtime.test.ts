import { type Message, socketCloseCodes } from '@parta/contracts';
import { describe, expect, it, vi } from 'vitest';
import { RealtimeClient, backoffDelay } from './realtime';

function client() {
  const handlers = {
    onEvent: vi.fn(), onResync: vi.fn(), onTyping: vi.fn(), onUser: vi.fn(), onResumed: vi.fn(), onStatus: vi.fn(),
  };
  return { rt: new RealtimeClient(handlers, 'ws://test/api/socket'), handlers };
}
/** WebSocket replaced by a stand-in that never connects: the sockets the client made, to close as the network would. */
function stubSockets(): { onclose: ((e: { code: number }) => void) | null }[] {
  const sockets: { onclose: ((e: { code: number }) => void) | null }[] = [];
  vi.stubGlobal(
    'WebSocket',
    class {
      static OPEN = 1;
      onclose: ((e: { code: number }) => void) | null = null;
      onmessage = null;
      send() {}
      constructor() {
        sockets.push(this);
      }
      close() {}
    },
  );
  return sockets;
}
const event = (seq: number) => ({ type: 'message.deleted' as const, messageId: `m${seq}` });

describe('RealtimeClient', () => {
  it('applies each chat event once, in seq order, dropping duplicates', () => {
    const { rt, handlers } = client();
    rt.handle({ t: 'event', chatId: 'a', seq: 1, event: event(1) });
    rt.handle({ t: 'event', chatId: 'a', seq: 2, event: event(2) });
    rt.handle({ t: 'event', chatId: 'a', seq: 2, event: event(2) });
    rt.handle({ t: 'event', chatId: 'a', seq: 1, event: event(1) });
    rt.handle({ t: 'event', chatId: 'b', seq: 1, event: event(1) });
    expect(handlers.onEvent.mock.calls.map((c) => [c[0], c[1]])).toEqual([['a', 1], ['a', 2], ['b', 1]]);
    expect(rt.seqOf('a')).toBe(2);
  });

  it('forgets a chat position on resync and asks for a refetch', () => {
    const { rt, handlers } = client();
    rt.handle({ t: 'event', chatId: 'a', seq: 5, event: event(5) });
    rt.handle({ t: 'resync', chatId: 'a' });
    expect(handlers.onResync).toHaveBeenCalledWith('a');
    expect(rt.seqOf('a')).toBeUndefined();
  });

  it('resumes a chat from the position its history was read at, never moving backwards', () => {
    const { rt, handlers } = client();
    rt.seenUpTo('a', 7);
    expect(rt.seqOf('a')).toBe(7);
    // Events the history already reflects are not applied twice; newer ones are.
    rt.handle({ t: 'event', chatId: 'a', seq: 7, event: event(7) });
    rt.handle({ t: 'event', chatId: 'a', seq: 8, event: event(8) });
    expect(handlers.onEvent.mock.calls.map((c) => c[1])).toEqual([8]);
    rt.seenUpTo('a', 5);
    expect(rt.seqOf('a')).toBe(8);
  });

  it('refuses to send while offline, so the UI keeps the text', async () => {
    const { rt } = client();
    await expect(rt.send({ chatId: 'a', clientId: 'x', text: 'привет' } )).rejects.toMatchObject({ code: 'offline' });
  });

  it('resolves a send on its ack', async () => {
    const { rt } = client();
    const sent: string[] = [];
    // A socket stand-in that is open and records frames.
    Object.assign(rt, { ready: true, socket: { readyState: 1, send: (s: string) => sent.push(s) } });
    vi.stubGlobal('WebSocket', { OPEN: 1 });
    const p = rt.send({ chatId: 'a', clientId: 'k1', text: 'привет' });
    expect(JSON.parse(sent[0] ?? '{}')).toMatchObject({ t: 'send', ref: 'k1', chatId: 'a', text: 'привет' });
    rt.handle({ t: 'ack', ref: 'k1', message: { id: 'm1' } as Message });
    await expect(p).resolves.toMatchObject({ id: 'm1' });
    vi.unstubAllGlobals();
  });

  it('backs off up to 15 s', () => {
    expect(backoffDelay(0)).toBeLessThanOrEqual(500);
    expect(backoffDelay(20)).toBeLessThanOrEqual(15_000);
    expect(backoffDelay(20)).toBeGreaterThanOrEqual(7_500);
  });

  it('waits its longest backoff after a refusal as one socket too many, not half a second', () => {
    vi.useFakeTimers();
    const sockets = stubSockets();
    try {
      const { rt } = client();
      rt.start();
      expect(sockets).toHaveLength(1);
      // A network drop: back within half a second.
      sockets[0]?.onclose?.({ code: 1006 });
      vi.advanceTimersByTime(500);
      expect(sockets).toHaveLength(2);
      // Refused as one too many: nothing for 7.5 s, then one try by 15 s.
      sockets[1]?.onclose?.({ code: socketCloseCodes.tooMany });
      vi.advanceTimersByTime(7_400);
      expect(sockets).toHaveLength(2);
      vi.advanceTimersByTime(7_600);
      expect(sockets).toHaveLength(3);
      rt.stop();
    } finally {
      vi.unstubAllGlobals();
      vi.useRealTimers();
    }
  });

  it('comes back at once when the phone has a network again, not after its backoff', () => {
    vi.useFakeTimers();
    const sockets = stubSockets();
    try {
      const { rt } = client();
      rt.start();
      // A long time offline: each try fails, the wait grows to its longest.
      for (let i = 0; i < 12; i++) {
        sockets.at(-1)?.onclose?.({ code: 1006 });
        vi.advanceTimersByTime(15_000);
      }
      const tries = sockets.length;
      sockets.at(-1)?.onclose?.({ code: 1006 });
      vi.advanceTimersByTime(100);
      expect(sockets).toHaveLength(tries);
      window.dispatchEvent(new Event('online'));
      expect(sockets).toHaveLength(tries + 1);
      // Once: the waiting retry was dropped, and a second «online» while connecting starts nothing more.
      window.dispatchEvent(new Event('online'));
      vi.advanceTimersByTime(15_000);
      expect(sockets).toHaveLength(tries + 1);
      rt.stop();
      // A stopped client (signed out) ignores the network.
      window.dispatchEvent(new Event('online'));
      expect(sockets).toHaveLength(tries + 1);
    } finally {
      vi.unstubAllGlobals();
      vi.useRealTimers();
    }
  });

  it('a node restarting moves the socket at once and shows nothing, unless no node answers for 10 s', () => {
    vi.useFakeTimers();
    const sockets = stubSockets();
    try {
      const { rt, handlers } = client();
      rt.start();
      sockets[0]?.onclose?.({ code: socketCloseCodes.restarting });
      vi.advanceTimersByTime(1_000);
      expect(sockets).toHaveLength(2);
      rt.handle({ t: 'ready', userId: 'u' });
      vi.advanceTimersByTime(20_000);
      expect(handlers.onStatus.mock.calls.map((c) => c[0])).toEqual([true]);
      // Restarting again, and this time the other node does not answer either: «нет связи» after the grace.
      sockets[1]?.onclose?.({ code: socketCloseCodes.restarting });
      vi.advanceTimersByTime(1_000);
      sockets[2]?.onclose?.({ code: 1006 });
      vi.advanceTimersByTime(8_000);
      expect(handlers.onStatus.mock.calls.map((c) => c[0])).toEqual([true]);
      vi.advanceTimersByTime(2_000);
      expect(handlers.onStatus.mock.calls.map((c) => c[0])).toEqual([true, false]);
      rt.stop();
    } finally {
      vi.unstubAllGlobals();
      vi.useRealTimers();
    }
  });
});
