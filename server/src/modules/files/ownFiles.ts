import type { Attachment } from '@parta/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import { files } from '../../db/chatSchema.js';
import type { DbOrTx } from '../../db/client.js';
import { attachmentColumns, toAttachment } from './queries.js';

/**
 * The subset of fileIds owned by userId, with their attachment DTOs, in one query, in the order
 * asked. A message may carry only its author's uploads: attaching someone else's file id would
 * otherwise hand its bytes to every member of the chat.
 */
export async function ownFiles(db: DbOrTx, userId: string, fileIds: string[]): Promise<Attachment[]> {
  const unique = [...new Set(fileIds)];
  if (unique.length === 0) return [];
  const rows = await db
    .select(attachmentColumns)
    .from(files)
    .where(and(eq(files.ownerId, userId), inArray(files.id, unique)));
  const byId = new Map(rows.map((r) => [r.id, toAttachment(r)]));
  return unique.flatMap((id) => byId.get(id) ?? []);
}
