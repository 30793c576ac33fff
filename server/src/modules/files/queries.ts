import type { Attachment } from '@parta/contracts';
import { eq, sql } from 'drizzle-orm';
import { files } from '../../db/chatSchema.js';
import type { DbOrTx } from '../../db/client.js';
import type { Actor } from '../../policy/actor.js';
import { canChat } from '../../policy/authorize.js';
import { chatsCarrying, readableBy } from './grants.js';

export type FileRow = typeof files.$inferSelect;

/** The DTO a message carries for one file. */
export function toAttachment(row: Pick<FileRow, 'id' | 'name' | 'size' | 'mime' | 'isImage'>): Attachment {
  return { id: row.id, name: row.name, size: row.size, mime: row.mime, kind: row.isImage ? 'image' : 'file' };
}

/**
 * The file if this person may read it (see grants.ts: its owner, a school, article or news feed where it
 * is shared, or a chat carrying it that the chat policy lets them view). One query; null for "no such file"
 * and "not yours" alike.
 */
export async function readableFile(db: DbOrTx, actor: Actor, fileId: string): Promise<FileRow | null> {
  const [row] = await db
    .select({ file: files, granted: sql<boolean>`${readableBy(actor.userId)}`, chats: chatsCarrying(actor.userId) })
    .from(files)
    .where(eq(files.id, fileId))
    .limit(1);
  if (!row) return null;
  if (row.granted || row.chats.some((chat) => canChat(actor, 'view', chat))) return row.file;
  return null;
}
