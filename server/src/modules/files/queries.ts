import type { Attachment } from '@parta/contracts';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { chatMembers, files, messageAttachments, messages } from '../../db/chatSchema.js';
import type { DbOrTx } from '../../db/client.js';

export type FileRow = typeof files.$inferSelect;

/** The DTO a message carries for one file. */
export function toAttachment(row: Pick<FileRow, 'id' | 'name' | 'size' | 'mime' | 'isImage'>): Attachment {
  return { id: row.id, name: row.name, size: row.size, mime: row.mime, kind: row.isImage ? 'image' : 'file' };
}

/**
 * The file if this person may read it: its owner, or a member of a chat where a message (not deleted)
 * carries it. One query; null for "no such file" and "not yours" alike.
 */
export async function readableFile(db: DbOrTx, userId: string, fileId: string): Promise<FileRow | null> {
  const sharedWithMe = sql<boolean>`exists (
    select 1 from ${messageAttachments}
    join ${messages} on ${messages.id} = ${messageAttachments.messageId} and ${isNull(messages.deletedAt)}
    join ${chatMembers} on ${chatMembers.chatId} = ${messages.chatId} and ${eq(chatMembers.userId, userId)}
    where ${eq(messageAttachments.fileId, files.id)}
  )`;
  const [row] = await db
    .select()
    .from(files)
    .where(and(eq(files.id, fileId), sql`(${eq(files.ownerId, userId)} or ${sharedWithMe})`))
    .limit(1);
  return row ?? null;
}
