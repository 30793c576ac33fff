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
