import { afterEach, describe, expect, it, vi } from 'vitest';
import { RealtimeClient } from '../chats/realtime';
import { base64urlToBytes } from './browserPush';

function openClient() {
  const handlers = { onEvent: vi.fn(), onResync: vi.fn(), onTyping: vi.fn(), onUser: vi.fn(), onResumed: vi.fn(), onStatus: vi.fn() };
  const rt = new RealtimeClient(handlers, 'ws://test/api/socket');
  const sent: unknown[] = [];
  vi.stubGlobal('WebSocket', { OPEN: 1 });
  Object.assign(rt, { socket: { readyState: 1, send: (s: string) => sent.push(JSON.parse(s)) } });
  return { rt, sent };
}

afterEach(() => vi.unstubAllGlobals());

describe('the chat a tab shows', () => {
  it('is told to the server on each change, once, and again after every reconnect', () => {
    const { rt, sent } = openClient();
    // Not ready yet: remembered, sent with the resume.
    rt.viewing('chat-1');
    expect(sent).toEqual([]);
    rt.handle({ t: 'ready', userId: 'u' });
    expect(sent).toEqual([{ t: 'resume', chats: {} }, { t: 'viewing', chatId: 'chat-1' }]);
    rt.viewing('chat-1');
    rt.viewing(null);
    rt.viewing('chat-2');
    expect(sent.slice(2)).toEqual([{ t: 'viewing', chatId: null }, { t: 'viewing', chatId: 'chat-2' }]);
    // A new socket after a drop: the server forgot, so it is told again.
    rt.handle({ t: 'ready', userId: 'u' });
    expect(sent.at(-1)).toEqual({ t: 'viewing', chatId: 'chat-2' });
  });

  it('is not re-sent after a reconnect when the tab shows no chat', () => {
    const { rt, sent } = openClient();
    rt.handle({ t: 'ready', userId: 'u' });
    rt.viewing('chat-1');
    rt.viewing(null);
    rt.handle({ t: 'ready', userId: 'u' });
    expect(sent.at(-1)).toEqual({ t: 'resume', chats: {} });
  });
});

describe('the application server key', () => {
  it('is decoded from base64url to the 65 bytes the browser wants', () => {
    const bytes = base64urlToBytes('BH2R0fgtEswndebtA1S4UPLCV_VGA-ufeHJLX-yMtsFK3kjUvLToBv6jYhm9HeX7tdIoRhesK-tv7lBvYws0IXE');
    expect(bytes.length).toBe(65);
    expect(bytes[0]).toBe(4);
  });
});
