import type { Attachment } from '@parta/contracts';
import { and, eq } from 'drizzle-orm';
import { files } from '../../db/chatSchema.js';
import type { DbOrTx } from '../../db/client.js';
import { readableBy } from './grants.js';

export type FileRow = typeof files.$inferSelect;

/** The DTO a message carries for one file. */
export function toAttachment(row: Pick<FileRow, 'id' | 'name' | 'size' | 'mime' | 'isImage'>): Attachment {
  return { id: row.id, name: row.name, size: row.size, mime: row.mime, kind: row.isImage ? 'image' : 'file' };
}

/**
 * The file if this person may read it (see grants.ts: its owner, a member of a chat, school,
 * article or news feed where it is shared). One query; null for "no such file" and "not yours" alike.
 */
export async function readableFile(db: DbOrTx, userId: string, fileId: string): Promise<FileRow | null> {
  const [row] = await db.select().from(files).where(and(eq(files.id, fileId), readableBy(userId))).limit(1);
  return row ?? null;
}
