import { z } from 'zod';
import { chatKind, chatMemberRole, chatSummary, message } from './chats.js';
import { id, personSummary } from './common.js';

/** A chat's name as people type it: «7А — Математика». */
export const chatName = z.string().trim().min(1).max(100);

/**
 * CHT-1 / CLS-4 «Создать чат». One endpoint, four kinds:
 * - class: from a class page, by a teacher of that class or an administrator; ticked students of the class or
 *   «Выбрать всех участников» (`allStudents`), optionally other teachers of the class; the creator is the owner.
 * - public: a school chat listed under «Публичные чаты», by an administrator; members of the school join themselves.
 * - personal: a 1:1 chat with someone who shares a school with me; one per pair (the existing one is returned).
 * - group: extra lessons, teachers of a class, a trip; a teacher or administrator picks members of the school.
 */
export const createChatRequest = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('class'),
    classId: id,
    name: chatName,
    /** Students of the class to add; ignored when allStudents is true. */
    studentIds: z.array(id).max(200).default([]),
    /** «Выбрать всех участников»: every student of the class. */
    allStudents: z.boolean().default(false),
    /** Other teachers of the class to add. */
    teacherIds: z.array(id).max(50).default([]),
  }),
  z.object({ kind: z.literal('public'), schoolId: id, name: chatName }),
  z.object({ kind: z.literal('personal'), userId: id }),
  z.object({ kind: z.literal('group'), schoolId: id, name: chatName, memberIds: z.array(id).max(500).default([]) }),
]);
export type CreateChatRequest = z.infer<typeof createChatRequest>;

export const chatMember = personSummary.extend({ role: chatMemberRole });
export type ChatMember = z.infer<typeof chatMember>;

/** What I may do in this chat: the UI shows controls by these, never by roles. */
export const chatAbilities = z.object({
  /** Write messages (members only). */
  post: z.boolean(),
  /** Add and remove members, rename the chat. */
  manageMembers: z.boolean(),
  /** Make and unmake moderators: the owner and the school's administrators. */
  appoint: z.boolean(),
  /** Tick «Добавлять новых учеников класса» (class chats, those who run them). */
  followClass: z.boolean(),
  /** Delete others' messages. */
  moderate: z.boolean(),
  leave: z.boolean(),
  /** A public chat of my school I am not in yet. */
  join: z.boolean(),
  /** Start a call from the chat (CHT-4, the camera icon): the very rule by which POST /lessons allows or refuses. */
  call: z.boolean(),
  /** «Без звука» / «Включить звук»: members only. */
  mute: z.boolean(),
});
export type ChatAbilities = z.infer<typeof chatAbilities>;

export const chatDetails = z.object({
  id,
  kind: chatKind,
  /** For a personal chat: the other person's name. */
  name: z.string(),
  schoolId: id.nullable(),
  classId: id.nullable(),
  /** «7А» for a class chat. */
  className: z.string().nullable(),
  lastSeq: z.number().int(),
  /** null when I am not a member (an administrator looking, a public chat before joining). */
  myRole: chatMemberRole.nullable(),
  lastReadSeq: z.number().int(),
  members: z.array(chatMember),
  /** A class chat that takes every new student of its class («Добавлять новых учеников класса»). */
  followsClass: z.boolean(),
  /** «Без звука»: I get no pushes for this chat's messages (false when I am not a member). */
  muted: z.boolean(),
});
export type ChatDetails = z.infer<typeof chatDetails>;

export const chatDetailsResponse = z.object({ data: chatDetails, can: chatAbilities });

/** POST /chats answers 201 with a new chat, 200 with the existing personal chat of the pair. */
export const createChatResponse = chatDetailsResponse.extend({ created: z.boolean() });

/** GET /chats: the list under «Сообщения» and on «Главная» (DASH-3). */
export const chatListQuery = z.object({
  /** Search by the chat's name (for a personal chat, the other person's name). */
  q: z.string().trim().max(100).optional(),
  kind: chatKind.optional(),
  schoolId: id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
/**
 * GET /classes/:classId/chats — «Чаты класса» on a class page: the class chats I am in, and for the school's
 * administration every class chat of the class (to review; one not joined has no unread count or preview).
 */
export const classChatsResponse = z.object({ data: z.array(chatSummary) });

export const chatListResponse = z.object({
  /** Newest last message first; chats without messages by creation time. */
  data: z.array(chatSummary),
  /** Unread messages over all my chats (not only the filtered ones): the left menu's badge. */
  totalUnread: z.number().int(),
});
export const unreadResponse = z.object({ data: z.object({ totalUnread: z.number().int(), chatsWithUnread: z.number().int() }) });

/** Mark read up to a seq; the mark never moves backwards and never past the chat's last seq. */
export const markReadRequest = z.object({ seq: z.number().int().nonnegative() });
export const markReadResponse = z.object({ data: z.object({ lastReadSeq: z.number().int(), unread: z.number().int() }) });

/** CHT-5 «Публичные чаты» of a school. */
export const publicChat = z.object({
  id,
  name: z.string(),
  memberCount: z.number().int(),
  /** Whether I am a member. */
  joined: z.boolean(),
});
export const publicChatsResponse = z.object({ data: z.array(publicChat), can: z.object({ create: z.boolean() }) });

/**
 * PATCH /chats/:id, by those who run the chat: rename it, and for a class chat tick or untick
 * «Добавлять новых учеников класса» (ticking brings in the class's current students too).
 */
export const updateChatRequest = z
  .object({ name: chatName.optional(), followsClass: z.boolean().optional() })
  .refine((b) => b.name !== undefined || b.followsClass !== undefined, { message: 'empty' });

/** PUT /chats/:id/members/:userId: make a member a moderator or back (the owner or an administrator). */
export const setChatMemberRoleRequest = z.object({ role: z.enum(['moderator', 'member']) });

export const addChatMembersRequest = z.object({ userIds: z.array(id).min(1).max(500) });

/** Text up to 4000 characters, trimmed; may be empty only when files are attached. */
export const messageText = z.string().max(4000);
export const MAX_MESSAGE_LENGTH = 4000;

export const sendMessageRequest = z.object({
  /** The sender's idempotency key: a resend with the same key returns the stored message. */
  clientId: z.string().min(1).max(64),
  text: messageText.default(''),
  replyToId: id.nullable().optional(),
  fileIds: z.array(id).max(10).optional(),
});
export const messageResponse = z.object({ data: message });

/** GET /chats/:id/messages: the newest page first, then older pages by beforeSeq. */
export const messageHistoryQuery = z.object({
  /** Only messages with a smaller seq: pass the first seq of the page already shown. */
  beforeSeq: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const messageHistoryResponse = z.object({
  /** In seq order, oldest first, ready to render. */
  data: z.array(message),
  /** Whether older messages remain: ask again with beforeSeq = data[0].seq. */
  hasMore: z.boolean(),
  /**
   * The chat's last event seq, read before the page: every event up to it is reflected in the page.
   * A socket client that has seen nothing newer resumes from it after a reconnect.
   */
  lastSeq: z.number().int(),
});

export const editMessageRequest = z.object({ text: messageText });
