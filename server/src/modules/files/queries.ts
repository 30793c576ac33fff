import type { Attachment } from '@parta/contracts';
import { eq, sql } from 'drizzle-orm';
import { files } from '../../db/chatSchema.js';
import type { DbOrTx } from '../../db/client.js';
import type { Actor } from '../../policy/actor.js';
import { canChat } from '../../policy/authorize.js';
import { chatsCarrying, readableBy } from './grants.js';

export type FileRow = typeof files.$inferSelect;

/** The columns an attachment is made of: select these wherever files are shown. */
export const attachmentColumns = {
  id: files.id,
  name: files.name,
  size: files.size,
  mime: files.mime,
  isImage: files.isImage,
  width: files.width,
  height: files.height,
  thumbKey: files.thumbKey,
  thumbLargeKey: files.thumbLargeKey,
};

type AttachmentSource = Pick<FileRow, 'id' | 'name' | 'size' | 'mime' | 'isImage'> &
  Partial<Pick<FileRow, 'width' | 'height' | 'thumbKey' | 'thumbLargeKey'>>;

/** Where a file's thumbnail is served (see GET /api/files/:id/thumb/:size). */
export const thumbnailUrl = (fileId: string, side: 640 | 1280) => `/api/files/${fileId}/thumb/${side}`;

/**
 * The DTO a message (a post, an article) carries for one file: for an image, its size in pixels so the
 * page reserves its place, and its thumbnails, so a chat never loads the original to show it.
 */
export function toAttachment(row: AttachmentSource): Attachment {
  const image = row.isImage;
  return {
    id: row.id,
    name: row.name,
    size: row.size,
    mime: row.mime,
    kind: image ? 'image' : 'file',
    width: image ? (row.width ?? null) : null,
    height: image ? (row.height ?? null) : null,
    thumbnailUrl: image && row.thumbKey ? thumbnailUrl(row.id, 640) : null,
    largeThumbnailUrl: image && row.thumbLargeKey ? thumbnailUrl(row.id, 1280) : null,
  };
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
