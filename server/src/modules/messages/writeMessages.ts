import { inTurn } from '../../db/inTurn.js';
import { randomUUID } from 'node:crypto';
import type { Attachment, Message, PersonSummary, PollView } from '@parta/contracts';
import { eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { files, messageAttachments, messages } from '../../db/chatSchema.js';
import { users } from '../../db/schema.js';
import { insertChatEvents, reserveMessageSeqs, type StoredChatEvent } from '../chats/chatEvents.js';
import { personColumns } from '../schools/people.js';
import { fullName, pollsOf, presentMessage, type ReplyPreview, toAttachment } from './messageViews.js';

export interface MessageDraft {
  chatId: string;
  authorId: string;
  clientId: string | null;
  text: string;
  replyToId: string | null;
  fileIds: string[];
  pollId: string | null;
}

/** What a new message shows besides its own row; loaded for a whole batch at once. */
export interface DraftLookups {
  authors: Map<string, PersonSummary>;
  /** Replied-to messages by id, with their chat (a reply must stay in its chat). */
  replies: Map<string, ReplyPreview & { chatId: string }>;
  files: Map<string, Attachment & { ownerId: string }>;
  polls: Map<string, PollView>;
}

/** Loads authors, replied-to messages, files and polls named by the drafts: at most four queries. */
export async function loadDraftLookups(tx: DbOrTx, drafts: MessageDraft[], known: Partial<DraftLookups> = {}): Promise<DraftLookups> {
  const authorIds = [...new Set(drafts.map((d) => d.authorId))].filter((id) => !known.authors?.has(id));
  const replyIds = [...new Set(drafts.flatMap((d) => (d.replyToId ? [d.replyToId] : [])))];
  const fileIds = [...new Set(drafts.flatMap((d) => d.fileIds))];
  const pollIds = [...new Set(drafts.flatMap((d) => (d.pollId ? [d.pollId] : [])))];
  const replyAuthor = alias(users, 'reply_author');
  const [authorRows, replyRows, fileRows, polls] = await inTurn([
    () => (authorIds.length ? tx.select(personColumns).from(users).where(inArray(users.id, authorIds)) : []),
    () =>
      replyIds.length
      ? tx
          .select({
            id: messages.id,
            chatId: messages.chatId,
            text: messages.text,
            deletedAt: messages.deletedAt,
            first: replyAuthor.firstName,
            last: replyAuthor.lastName,
          })
          .from(messages)
          .innerJoin(replyAuthor, eq(replyAuthor.id, messages.authorId))
          .where(inArray(messages.id, replyIds))
      : [],
    () => (fileIds.length ? tx.select().from(files).where(inArray(files.id, fileIds)) : []),
    () => pollsOf(tx, pollIds),
  ] as const);
  const authors = new Map(known.authors ?? []);
  for (const a of authorRows) authors.set(a.id, a);
  return {
    authors,
    replies: new Map(
      replyRows.map((r) => [r.id, { id: r.id, chatId: r.chatId, authorName: fullName(r.first, r.last), text: r.deletedAt ? '' : r.text }]),
    ),
    files: new Map(fileRows.map((f) => [f.id, { ...toAttachment(f), ownerId: f.ownerId }])),
    polls,
  };
}

/** Inside a transaction: reserve seqs, insert messages + attachments + `message.created` events. */
export async function writeMessages(tx: DbOrTx, drafts: MessageDraft[]): Promise<{ messages: Message[]; events: StoredChatEvent[] }> {
  return writeMessagesWith(tx, drafts, await loadDraftLookups(tx, drafts));
}

/**
 * The write itself, given lookups the caller already holds (the group-commit writer loads them while
 * authorizing). One UPDATE per chat (in chat id order, so two writers never deadlock), one INSERT of all
 * messages, one of all attachments, one of all events. Drafts must already be valid.
 */
export async function writeMessagesWith(
  tx: DbOrTx,
  drafts: MessageDraft[],
  lookups: DraftLookups,
  at: Date = new Date(),
): Promise<{ messages: Message[]; events: StoredChatEvent[] }> {
  if (drafts.length === 0) return { messages: [], events: [] };
  const byChat = new Map<string, number[]>();
  for (const [i, d] of drafts.entries()) {
    const list = byChat.get(d.chatId);
    if (list) list.push(i);
    else byChat.set(d.chatId, [i]);
  }
  const seqs = new Array<number>(drafts.length);
  for (const chatId of [...byChat.keys()].sort()) {
    const indexes = byChat.get(chatId) ?? [];
    const first = await reserveMessageSeqs(tx, chatId, indexes.length, at);
    indexes.forEach((draftIndex, k) => {
      seqs[draftIndex] = first + k;
    });
  }
  const rows = drafts.map((d, i) => ({
    id: randomUUID(),
    chatId: d.chatId,
    seq: seqs[i] ?? 0,
    authorId: d.authorId,
    clientId: d.clientId,
    text: d.text,
    replyToId: d.replyToId,
    pollId: d.pollId,
    editedAt: null,
    deletedAt: null,
    deletedBy: null,
    hiddenAt: null,
    createdAt: at,
  }));
  await tx.insert(messages).values(rows);
  const attachmentRows = drafts.flatMap((d, i) => d.fileIds.map((fileId, position) => ({ messageId: rows[i]!.id, fileId, position })));
  if (attachmentRows.length > 0) await tx.insert(messageAttachments).values(attachmentRows);

  const out = rows.map((row, i) => {
    const d = drafts[i]!;
    const author = lookups.authors.get(d.authorId) ?? { id: d.authorId, firstName: '', lastName: '', middleName: null };
    const reply = d.replyToId ? lookups.replies.get(d.replyToId) : undefined;
    return presentMessage(
      row,
      author,
      reply ? { id: reply.id, authorName: reply.authorName, text: reply.text } : null,
      d.fileIds.flatMap((id) => {
        const f = lookups.files.get(id);
        if (!f) return [];
        const { ownerId: _owner, ...attachment } = f;
        return [attachment];
      }),
      d.pollId ? (lookups.polls.get(d.pollId) ?? null) : null,
    );
  });
  const events: StoredChatEvent[] = out
    .map((message) => ({ chatId: message.chatId, seq: message.seq, event: { type: 'message.created' as const, message } }))
    .sort((a, b) => (a.chatId === b.chatId ? a.seq - b.seq : a.chatId < b.chatId ? -1 : 1));
  await insertChatEvents(tx, events);
  return { messages: out, events };
}
