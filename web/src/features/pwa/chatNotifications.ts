// A new message in a hidden tab becomes a system notification — the same one a push would show (same tag, same
// address), so when both come, the newer replaces the older and the person sees one.
import type { ChatSummary, Message } from '@parta/contracts';
import type { TFunction } from 'i18next';
import { fullName } from '../common/personName';

export interface ChatNotification {
  title: string;
  body: string;
  /** `chat:<chatId>`: one notification per chat, the newest. */
  tag: string;
  /** Where a click leads. */
  url: string;
}

/** What of the chat the notification needs (the chat list's entry, or the chat's details). */
export type KnownChat = Pick<ChatSummary, 'name' | 'kind'>;

/** The tag a chat's notifications share, in the page and in a push. */
export function chatTag(chatId: string): string {
  return `chat:${chatId}`;
}

/**
 * «Без звука»: a chat the person muted sends nothing. The chat's entry carries the flag once the push module adds
 * it to the contract (`muted`); until then no chat is muted.
 */
export function chatIsMuted(chat: object | undefined): boolean {
  return chat !== undefined && 'muted' in chat && chat.muted === true;
}

const MAX_BODY = 180;

/**
 * The notification for a message, or null when there must be none: my own message (sent from another device), a
 * deleted one, or one in a muted chat.
 */
export function notificationFor(message: Message, chat: (KnownChat & object) | undefined, meId: string, t: TFunction): ChatNotification | null {
  if (message.author.id === meId || message.deleted || chatIsMuted(chat)) return null;
  const author = fullName(message.author);
  const text = message.text.trim() || (message.poll ? t('chats.poll') : message.attachments.length > 0 ? t('chats.file') : '');
  const short = text.length > MAX_BODY ? `${text.slice(0, MAX_BODY - 1)}…` : text;
  // A personal chat is named after the other person: their name is the title, the text the body. In a group, the
  // chat's name is the title and the body says who wrote.
  const personal = chat === undefined || chat.kind === 'personal';
  return {
    title: personal ? author : chat.name,
    body: personal ? short : `${author}: ${short}`,
    tag: chatTag(message.chatId),
    url: `/chats/${message.chatId}`,
  };
}
