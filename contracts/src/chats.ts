import { z } from 'zod';
import { id, isoDateTime, personSummary } from './common.js';

/**
 * CHT-1: a class chat (a teacher and chosen students of one class), a public school chat (listed under
 * «Публичные чаты», members may join), a personal 1:1 chat, a group chat (extra lessons, teachers of a class, a trip).
 */
export const chatKind = z.enum(['class', 'public', 'personal', 'group']);
export type ChatKind = z.infer<typeof chatKind>;

/** owner: made the chat and runs it (a teacher may remove messages); moderator: runs it too; member: writes. */
export const chatMemberRole = z.enum(['owner', 'moderator', 'member']);

/** A file attached to a message. Downloads go through /api/files/:id, previews of safe images through /preview. */
export const attachment = z.object({
  id,
  name: z.string(),
  size: z.number().int(),
  mime: z.string(),
  /** 'image' has a preview; everything else downloads. */
  kind: z.enum(['image', 'file']),
  /** An image's upright size in pixels, read by the server at upload: the page reserves its place before it loads. Null when unknown. */
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** A WebP thumbnail, longest side 640 px; null when the server made none (an animated or unreadable image: show /preview). */
  thumbnailUrl: z.string().nullable(),
  /** The same, longest side 1280 px, for dense screens; null when the image is no bigger than the small thumbnail. */
  largeThumbnailUrl: z.string().nullable(),
});
export type Attachment = z.infer<typeof attachment>;

/** POLL-1..3: a poll as a reader sees it. Counts only: an anonymous poll never names voters anywhere. */
export const pollView = z.object({
  id,
  question: z.string(),
  /** Background: a preset name or a #rrggbb colour. */
  color: z.string(),
  anonymous: z.boolean(),
  multiple: z.boolean(),
  /** Once cast, a vote cannot be taken back. */
  noRetract: z.boolean(),
  deadline: isoDateTime.nullable(),
  closed: z.boolean(),
  options: z.array(z.object({ id, text: z.string(), votes: z.number().int() })),
  totalVoters: z.number().int(),
});
export type PollView = z.infer<typeof pollView>;

export const message = z.object({
  id,
  chatId: id,
  /** The chat's sequence number of this message's creation: orders history, counts unread. */
  seq: z.number().int(),
  /** The sender's idempotency key: a resend with the same key returns the same message. */
  clientId: z.string().nullable(),
  author: personSummary,
  /** Plain text; the client renders links safely, never as HTML. Empty when deleted. */
  text: z.string(),
  replyTo: z.object({ id, authorName: z.string(), text: z.string() }).nullable(),
  attachments: z.array(attachment),
  /** Set for a poll message; the poll's current results. */
  poll: pollView.nullable(),
  createdAt: isoDateTime,
  editedAt: isoDateTime.nullable(),
  deleted: z.boolean(),
  /** SAFE-1: removed by the school's administration on a report («Сообщение скрыто администрацией»); `deleted` too. */
  hidden: z.boolean().optional(),
});
export type Message = z.infer<typeof message>;

/** A chat in the list under «Сообщения». */
export const chatSummary = z.object({
  id,
  kind: chatKind,
  /** For a personal chat: the other person's name. */
  name: z.string(),
  schoolId: id.nullable(),
  classId: id.nullable(),
  memberCount: z.number().int(),
  lastSeq: z.number().int(),
  lastMessage: z.object({ authorName: z.string(), text: z.string(), createdAt: isoDateTime }).nullable(),
  /** Messages by others after my read mark. */
  unread: z.number().int(),
  /** My read mark: the last seq I have seen. */
  lastReadSeq: z.number().int(),
  /** «Без звука»: I get no pushes for this chat (a bell-off icon). */
  muted: z.boolean(),
});
export type ChatSummary = z.infer<typeof chatSummary>;

/**
 * The catalogue of chat events. Each is stored in the chat's event log with the chat's next sequence
 * number and delivered to the chat's room after commit. Message events carry their payload; member
 * changes carry ids (clients refetch what they show).
 */
export const chatEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message.created'), message }),
  z.object({ type: z.literal('message.edited'), messageId: id, text: z.string(), editedAt: isoDateTime }),
  /** `hidden`: the administration hid it on a report (SAFE-1), shown as «Сообщение скрыто администрацией». */
  z.object({ type: z.literal('message.deleted'), messageId: id, hidden: z.boolean().optional() }),
  z.object({ type: z.literal('poll.updated'), messageId: id, poll: pollView }),
  /** The poll's deadline passed: `poll` is its final view (`closed: true`). Sent once per poll. */
  z.object({ type: z.literal('poll.closed'), messageId: id, poll: pollView }),
  z.object({ type: z.literal('chat.updated'), name: z.string() }),
  z.object({ type: z.literal('member.added'), userId: id }),
  z.object({ type: z.literal('member.removed'), userId: id }),
  z.object({ type: z.literal('member.role'), userId: id, role: chatMemberRole }),
]);
export type ChatEvent = z.infer<typeof chatEvent>;
