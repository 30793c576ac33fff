import { inTurn } from '../../db/inTurn.js';
import type { Attachment, Message, PersonSummary, PollView } from '@parta/contracts';
import { and, asc, desc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { files, messageAttachments, messages } from '../../db/chatSchema.js';
import { users } from '../../db/schema.js';
import { pollViews } from '../polls/pollViews.js';
import { personColumns } from '../schools/people.js';
import { toAttachment } from '../files/queries.js';

/** A stored message as the app reads it (the search column is PostgreSQL's, never read back). */
export type MessageRow = Omit<typeof messages.$inferSelect, 'search'>;
export interface ReplyPreview { id: string; authorName: string; text: string }

export { toAttachment };

const fullName = (first: string | null, last: string | null) => `${first ?? ''} ${last ?? ''}`.trim();

/** The one place a message row becomes what readers see: a deleted message keeps its place but loses its content. */
export function presentMessage(
  row: MessageRow,
  author: PersonSummary,
  replyTo: ReplyPreview | null,
  attachments: Attachment[],
  poll: PollView | null,
): Message {
  const deleted = row.deletedAt !== null;
  return {
    id: row.id,
    chatId: row.chatId,
    seq: row.seq,
    clientId: row.clientId,
    author,
    text: deleted ? '' : row.text,
    replyTo: deleted ? null : replyTo,
    attachments: deleted ? [] : attachments,
    poll: deleted ? null : poll,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt ? row.editedAt.toISOString() : null,
    deleted,
    // Only when true: a message as it always was stays the same shape.
    ...(row.hiddenAt ? { hidden: true } : {}),
  };
}

/** Attachments of many messages in one query, in their order. */
export async function attachmentsOf(db: DbOrTx, messageIds: string[]): Promise<Map<string, Attachment[]>> {
  const out = new Map<string, Attachment[]>();
  if (messageIds.length === 0) return out;
  const rows = await db
    .select({ messageId: messageAttachments.messageId, file: files })
    .from(messageAttachments)
    .innerJoin(files, eq(files.id, messageAttachments.fileId))
    .where(inArray(messageAttachments.messageId, messageIds))
    .orderBy(asc(messageAttachments.position));
  for (const r of rows) {
    const list = out.get(r.messageId) ?? [];
    list.push(toAttachment(r.file));
    out.set(r.messageId, list);
  }
  return out;
}

/** Poll results of poll messages (counts only, never voters): the polls module's view. */
export async function pollsOf(db: DbOrTx, pollIds: string[]): Promise<Map<string, PollView>> {
  return pollViews(db, pollIds);
}

/** Messages matching `where` with author, reply preview, attachments and polls: three queries for any page. */
export async function loadMessages(db: DbOrTx, where: SQL | undefined, opts: { limit?: number; newestFirst?: boolean } = {}): Promise<Message[]> {
  const reply = alias(messages, 'reply');
  const replyAuthor = alias(users, 'reply_author');
  let query = db
    .select({
      m: messages,
      author: personColumns,
      replyId: reply.id,
      replyText: reply.text,
      replyDeletedAt: reply.deletedAt,
      replyFirst: replyAuthor.firstName,
      replyLast: replyAuthor.lastName,
    })
    .from(messages)
    .innerJoin(users, eq(users.id, messages.authorId))
    .leftJoin(reply, eq(reply.id, messages.replyToId))
    .leftJoin(replyAuthor, eq(replyAuthor.id, reply.authorId))
    .where(where)
    .orderBy(opts.newestFirst ? desc(messages.seq) : asc(messages.seq))
    .$dynamic();
  if (opts.limit) query = query.limit(opts.limit);
  const rows = await query;
  const ids = rows.map((r) => r.m.id);
  const pollIds = rows.flatMap((r) => (r.m.pollId ? [r.m.pollId] : []));
  const [attachments, polls] = await inTurn([() => attachmentsOf(db, ids), () => pollsOf(db, pollIds)] as const);
  return rows.map((r) =>
    presentMessage(
      r.m,
      r.author,
      r.replyId
        ? { id: r.replyId, authorName: fullName(r.replyFirst, r.replyLast), text: r.replyDeletedAt ? '' : (r.replyText ?? '') }
        : null,
      attachments.get(r.m.id) ?? [],
      r.m.pollId ? (polls.get(r.m.pollId) ?? null) : null,
    ),
  );
}

/** One page of a chat's history: `limit` messages before `beforeSeq` (newest page when absent), oldest first. */
export async function historyPage(db: DbOrTx, chatId: string, beforeSeq: number | undefined, limit: number) {
  const rows = await loadMessages(db, and(eq(messages.chatId, chatId), beforeSeq ? lt(messages.seq, beforeSeq) : undefined), {
    limit: limit + 1,
    newestFirst: true,
  });
  const hasMore = rows.length > limit;
  return { data: rows.slice(0, limit).reverse(), hasMore };
}

export async function loadMessage(db: DbOrTx, messageId: string): Promise<Message | null> {
  const [m] = await loadMessages(db, eq(messages.id, messageId));
  return m ?? null;
}

export { fullName };
