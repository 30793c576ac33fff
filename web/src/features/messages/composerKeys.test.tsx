import type { Message } from '@parta/contracts';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../test/render';
import { RealtimeProvider } from '../chats/RealtimeProvider';
import { Composer } from './Composer';

class ClosedSocket {
  static OPEN = 1;
  readyState = 0;
  onmessage = null;
  onclose = null;
  send() {}
  close() {}
}

const mine = {
  id: 'm7', chatId: 'c1', seq: 7, clientId: null, author: { id: 'me', firstName: 'Ирина', lastName: 'Кузнецова', middleName: null },
  text: 'Повторите параграф 12', replyTo: null, attachments: [], poll: null, createdAt: '2026-01-01T10:00:00Z', editedAt: null, deleted: false,
} satisfies Message;
const theirs = { ...mine, id: 'm8', seq: 8, author: { id: 'st', firstName: 'Максим', lastName: 'Волков', middleName: null }, text: 'Хорошо' };

/** The chat's side of the composer: what is being replied to or edited, and «my last message». */
function Chat({ onCancelReplySpy }: { onCancelReplySpy?: () => void }) {
  const [replyTo, setReplyTo] = useState<Message | null>(theirs);
  const [editing, setEditing] = useState<Message | null>(null);
  return (
    <RealtimeProvider>
      <p data-testid="state">{editing ? `editing ${editing.id}` : replyTo ? `reply ${replyTo.id}` : 'none'}</p>
      <Composer
        chatId="c1"
        replyTo={replyTo}
        onCancelReply={() => {
          onCancelReplySpy?.();
          setReplyTo(null);
        }}
        editing={editing}
        onCancelEdit={() => setEditing(null)}
        onEditLast={() => {
          setReplyTo(null);
          setEditing(mine);
          return true;
        }}
        incoming={null}
        onIncomingTaken={() => {}}
        onSent={() => {}}
      />
    </RealtimeProvider>
  );
}

beforeEach(() => {
  vi.stubGlobal('WebSocket', ClosedSocket);
  if (!('fonts' in document)) {
    Object.defineProperty(document, 'fonts', { value: { addEventListener() {}, removeEventListener() {} }, configurable: true });
  }
});
afterEach(() => vi.unstubAllGlobals());

describe('the composer’s keys', () => {
  it('Esc cancels the reply; ↑ in the empty input edits my last message; Esc cancels the edit and gives the draft back', async () => {
    renderWithApp(<Chat />);
    const input = screen.getByRole('textbox', { name: 'Сообщение' }) as HTMLTextAreaElement;
    expect(screen.getByTestId('state').textContent).toBe('reply m8');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.getByTestId('state').textContent).toBe('none');

    // ↑ with text typed moves the caret, as in any input: no edit.
    fireEvent.change(input, { target: { value: 'черновик' } });
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(screen.getByTestId('state').textContent).toBe('none');

    fireEvent.change(input, { target: { value: '' } });
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(screen.getByTestId('state').textContent).toBe('editing m7');
    await waitFor(() => expect(input.value).toBe('Повторите параграф 12'));
    expect(screen.getByText('Изменение сообщения')).toBeTruthy();

    fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.getByTestId('state').textContent).toBe('none');
    expect(input.value).toBe('');
  });

  it('Enter saves the edit with PATCH /api/messages/:id', async () => {
    const fetchMock = vi.fn().mockResolvedValue(
      new Response(JSON.stringify({ data: { ...mine, text: 'Повторите параграф 13', editedAt: '2026-01-01T10:05:00Z' } }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
    );
    vi.stubGlobal('fetch', fetchMock);
    renderWithApp(<Chat />);
    const input = screen.getByRole('textbox', { name: 'Сообщение' }) as HTMLTextAreaElement;
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    await waitFor(() => expect(input.value).toBe('Повторите параграф 12'));
    fireEvent.change(input, { target: { value: 'Повторите параграф 13' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('none'));
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/messages/m7');
    expect(init.method).toBe('PATCH');
    expect(JSON.parse(init.body as string)).toEqual({ text: 'Повторите параграф 13' });
    expect(input.value).toBe('');
  });

  it('a pasted picture opens the sending dialog with its name and size; text with a picture of itself pastes as text', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(new Response('{}', { status: 500 })));
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => {} }));
    renderWithApp(<Chat />);
    const input = screen.getByRole('textbox', { name: 'Сообщение' });
    const picture = new File([new Uint8Array(2048)], 'image.png', { type: 'image/png' });
    // Cells copied from a spreadsheet: text and a picture of it; the text is pasted, no dialog opens.
    fireEvent.paste(input, { clipboardData: { files: [picture], getData: (type: string) => (type === 'text/plain' ? '5А\t12' : '') } });
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.paste(input, { clipboardData: { files: [picture], getData: () => '' } });
    const dialog = await screen.findByRole('dialog', { name: 'Отправить файлы' });
    expect(dialog.textContent).toContain('image.png');
    expect(dialog.textContent).toContain('2 КБ');
    expect(screen.getByRole('img', { name: 'Изображение: image.png' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Отмена' })).toBeTruthy();
  });
});
