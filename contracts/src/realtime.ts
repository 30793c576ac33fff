import { z } from 'zod';
import { chatEvent, message } from './chats.js';
import { id } from './common.js';

/**
 * The WebSocket protocol at /api/socket (one socket per tab, authenticated by the session cookie).
 * Frames are JSON objects with a `t` tag.
 */

/** Client → server. */
export const clientFrame = z.discriminatedUnion('t', [
  /** After (re)connecting: the last seq seen per chat; the server sends exactly what was missed. */
  z.object({ t: z.literal('resume'), chats: z.record(z.string(), z.number().int().nonnegative()) }),
  /** Send a message; answered by `ack` (after commit) or `nack` with the same ref. */
  z.object({
    t: z.literal('send'),
    ref: z.string().max(64),
    chatId: id,
    clientId: z.string().min(1).max(64),
    text: z.string().max(4000),
    replyToId: id.nullable().optional(),
    fileIds: z.array(id).max(10).optional(),
  }),
  z.object({ t: z.literal('typing'), chatId: id }),
  z.object({ t: z.literal('read'), chatId: id, seq: z.number().int().nonnegative() }),
  z.object({ t: z.literal('ping') }),
]);
export type ClientFrame = z.infer<typeof clientFrame>;

/** Server → client. */
export const serverFrame = z.discriminatedUnion('t', [
  z.object({ t: z.literal('ready'), userId: id }),
  /** A chat event, in seq order per chat, each exactly once. */
  z.object({ t: z.literal('event'), chatId: id, seq: z.number().int(), event: chatEvent }),
  /** The client is too far behind in this chat: refetch its history instead of replaying. */
  z.object({ t: z.literal('resync'), chatId: id }),
  /** The backlog asked for by `resume` has been sent. */
  z.object({ t: z.literal('resumed') }),
  z.object({ t: z.literal('typing'), chatId: id, userId: id, name: z.string() }),
  /** Something about me changed (added to or removed from a chat, a request decided): refetch lists. */
  z.object({ t: z.literal('user'), event: z.object({ type: z.string() }).passthrough() }),
  z.object({ t: z.literal('ack'), ref: z.string(), message }),
  z.object({ t: z.literal('nack'), ref: z.string(), error: z.object({ code: z.string(), message: z.string() }) }),
  z.object({ t: z.literal('pong') }),
]);
export type ServerFrame = z.infer<typeof serverFrame>;
