import type { Message } from '@parta/contracts';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../test/render';
import { RealtimeProvider, usePending } from '../chats/RealtimeProvider';
import { Composer } from './Composer';
import { MessageText } from './MessageText';
import { PendingItem } from './PendingItem';

/** A socket that never opens: sends go over HTTP, as when the connection is down. */
class ClosedSocket {
  static OPEN = 1;
  readyState = 0;
  onmessage = null;
  onclose = null;
  send() {}
  close() {}
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function Harness() {
  const pending = usePending('c1');
  return (
    <>
      <ul>
        {pending.map((p) => (
          <PendingItem key={p.clientId} item={p} />
        ))}
      </ul>
      <Composer
        chatId="c1"
        replyTo={null}
        onCancelReply={() => {}}
        editing={null}
        onCancelEdit={() => {}}
        onEditLast={() => false}
        incoming={null}
        onIncomingTaken={() => {}}
        onSent={() => {}}
      />
    </>
  );
}

beforeEach(() => {
  vi.stubGlobal('WebSocket', ClosedSocket);
  // jsdom has no FontFaceSet; Mantine's autosizing textarea listens on it.
  if (!('fonts' in document)) {
    Object.defineProperty(document, 'fonts', { value: { addEventListener() {}, removeEventListener() {} }, configurable: true });
  }
});
afterEach(() => vi.unstubAllGlobals());

describe('sending a message', () => {
  it('a refused message keeps its text, says why in Russian, and is sent again with the same clientId', async () => {
    const stored = { id: 'm1', chatId: 'c1', seq: 1, text: 'Домашнее задание' } as Message;
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(json(403, { error: { code: 'forbidden', message: 'no' } }))
      .mockResolvedValueOnce(json(201, { data: stored }));
    vi.stubGlobal('fetch', fetchMock);
    renderWithApp(
      <RealtimeProvider>
        <Harness />
      </RealtimeProvider>,
    );
    const input = screen.getByRole('textbox', { name: 'Сообщение' });
    fireEvent.change(input, { target: { value: 'Домашнее задание' } });
    fireEvent.keyDown(input, { key: 'Enter' });

    expect(await screen.findByText('Не отправлено: Недостаточно прав')).toBeTruthy();
    expect(screen.getByText('Домашнее задание')).toBeTruthy();
    const first = JSON.parse(fetchMock.mock.calls[0]?.[1].body as string) as { clientId: string; text: string };
    expect(first.text).toBe('Домашнее задание');

    fireEvent.click(screen.getByRole('button', { name: 'Отправить ещё раз' }));
    await waitFor(() => expect(screen.queryByText('Домашнее задание')).toBeNull());
    const second = JSON.parse(fetchMock.mock.calls[1]?.[1].body as string) as { clientId: string };
    expect(second.clientId).toBe(first.clientId);
  });
});

describe('SAFE-1 refusals in a chat', () => {
  it('a flood refusal says how long to wait and a write ban until when; the text stays to be sent again', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(
        new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'x', retryInSeconds: 12, perChat: true } }), {
          status: 429,
          headers: { 'content-type': 'application/json', 'retry-after': '12' },
        }),
      )
      .mockResolvedValueOnce(json(403, { error: { code: 'write_banned', message: 'x', until: '2026-12-08T11:05:00.000Z' } }));
    vi.stubGlobal('fetch', fetchMock);
    renderWithApp(
      <RealtimeProvider>
        <Harness />
      </RealtimeProvider>,
    );
    const input = screen.getByRole('textbox', { name: 'Сообщение' });
    fireEvent.change(input, { target: { value: 'Ещё одно' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(await screen.findByText('Не отправлено: Слишком часто — подождите 12 с')).toBeTruthy();
    expect(screen.getByText('Ещё одно')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Отправить ещё раз' }));
    expect(await screen.findByText(/^Не отправлено: Вам запрещено писать в этом чате до 8 декабря 2026, \d\d:05$/)).toBeTruthy();
    expect(screen.getByText('Ещё одно')).toBeTruthy();
  });
});

describe('MessageText', () => {
  it('shows markup as text and makes only http/https addresses links', () => {
    const text = '<img src=x onerror=alert(1)> javascript:alert(2) https://example.org/x';
    renderWithApp(
      <p data-testid="text">
        <MessageText text={text} />
      </p>,
    );
    const container = screen.getByTestId('text');
    expect(container.textContent).toBe(text);
    expect(container.querySelector('img')).toBeNull();
    const links = [...container.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.org/x']);
    expect(links[0]?.getAttribute('rel')).toContain('noopener');
  });
});
