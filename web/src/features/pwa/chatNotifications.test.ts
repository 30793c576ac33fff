import type { Message } from '@parta/contracts';
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { chatIsMuted, notificationFor } from './chatNotifications';
import { countLabel, titleWithCount } from './titleCount';

const t = ((key: string) => ({ 'chats.poll': 'Опрос', 'chats.file': 'Файл' })[key] ?? key) as unknown as TFunction;
const teacher = { id: 'u-teacher', firstName: 'Ирина', lastName: 'Кузнецова', middleName: 'Александровна' };

function message(over: Partial<Message> = {}): Message {
  return {
    id: 'm1', chatId: 'c1', seq: 3, clientId: null, author: teacher, text: 'Завтра контрольная', replyTo: null, attachments: [],
    poll: null, createdAt: '2026-12-07T10:00:00.000Z', editedAt: null, deleted: false, ...over,
  };
}

describe('a new message in a hidden tab', () => {
  it('in a personal chat: the author is the title, the text the body; the chat is the tag and the address', () => {
    expect(notificationFor(message(), { kind: 'personal', name: 'Ирина Кузнецова' }, 'u-student', t)).toEqual({
      title: 'Ирина Кузнецова', body: 'Завтра контрольная', tag: 'chat:c1', url: '/chats/c1',
    });
  });

  it('in a group: the chat is the title and the body says who wrote', () => {
    expect(notificationFor(message(), { kind: 'class', name: '7А — Математика' }, 'u-student', t)).toMatchObject({
      title: '7А — Математика', body: 'Ирина Кузнецова: Завтра контрольная',
    });
  });

  it('a file or a poll without text says what it is; a long text is cut', () => {
    const file = { id: 'f', name: 'a.pdf', size: 1, mimeType: 'application/pdf' } as unknown as Message['attachments'][number];
    expect(notificationFor(message({ text: '', attachments: [file] }), undefined, 'u-student', t)?.body).toBe('Файл');
    expect(notificationFor(message({ text: '', poll: {} as Message['poll'] }), undefined, 'u-student', t)?.body).toBe('Опрос');
    expect(notificationFor(message({ text: 'а'.repeat(500) }), undefined, 'u-student', t)?.body).toHaveLength(180);
  });

  it('none for my own message, a deleted one, or a muted chat', () => {
    expect(notificationFor(message(), undefined, 'u-teacher', t)).toBeNull();
    expect(notificationFor(message({ deleted: true }), undefined, 'u-student', t)).toBeNull();
    const muted = { kind: 'group' as const, name: 'Кружок', muted: true };
    expect(chatIsMuted(muted)).toBe(true);
    expect(notificationFor(message(), muted, 'u-student', t)).toBeNull();
    expect(chatIsMuted({ kind: 'group', name: 'Кружок' })).toBe(false);
  });
});

describe('the count in the title', () => {
  it('goes in front of the page title, replaces an older count, and goes at zero', () => {
    expect(titleWithCount('Сообщения — Parta', 3)).toBe('(3) Сообщения — Parta');
    expect(titleWithCount('(3) Сообщения — Parta', 4)).toBe('(4) Сообщения — Parta');
    expect(titleWithCount('(99+) Parta', 0)).toBe('Parta');
    expect(titleWithCount('Parta', 150)).toBe('(99+) Parta');
    expect(countLabel(99)).toBe('99');
  });
});
