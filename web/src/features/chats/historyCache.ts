import type { ChatEvent, Message, PollView } from '@parta/contracts';
import type { History } from './chatTypes';

function mapMessages(h: History, fn: (m: Message) => Message): History {
  return { ...h, pages: h.pages.map((p) => ({ ...p, data: p.data.map(fn) })) };
}

/** Adds a message to the newest page unless it is already there (an ack and its event both arrive). */
export function addMessage(h: History | undefined, m: Message): History | undefined {
  if (!h || h.pages.length === 0) return h;
  if (h.pages.some((p) => p.data.some((x) => x.id === m.id))) return h;
  const [first, ...rest] = h.pages;
  if (!first) return h;
  const data = [...first.data, m].sort((a, b) => a.seq - b.seq);
  return { ...h, pages: [{ ...first, data }, ...rest] };
}

export function setPoll(h: History | undefined, messageId: string, poll: PollView): History | undefined {
  return h && mapMessages(h, (m) => (m.id === messageId ? { ...m, poll } : m));
}

/** Applies one chat event to a chat's loaded history; member and rename events change nothing here. */
export function applyEvent(h: History | undefined, event: ChatEvent): History | undefined {
  if (!h) return h;
  switch (event.type) {
    case 'message.created':
      return addMessage(h, event.message);
    case 'message.edited':
      return mapMessages(h, (m) => (m.id === event.messageId ? { ...m, text: event.text, editedAt: event.editedAt } : m));
    case 'message.deleted':
      return mapMessages(h, (m) =>
        m.id === event.messageId
          ? { ...m, text: '', deleted: true, attachments: [], poll: null, replyTo: null, ...(event.hidden ? { hidden: true } : {}) }
          : m,
      );
    case 'poll.updated':
    case 'poll.closed':
      return setPoll(h, event.messageId, event.poll);
    default:
      return h;
  }
}

/** All loaded messages, oldest first. */
export function flatten(h: History | undefined): Message[] {
  if (!h) return [];
  return [...h.pages].reverse().flatMap((p) => p.data);
}
