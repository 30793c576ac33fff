import { and, eq, exists, not, or, sql } from 'drizzle-orm';
import { files, messageAttachments } from '../../db/chatSchema.js';
import { articleFiles, articles, documents, newsPostFiles, profilePhotos } from '../../db/contentSchema.js';
import type { DbOrTx } from '../../db/client.js';
import { storedKeyColumns, storedKeys } from '../files/imageColumns.js';

/**
 * The picture an uploader chose as a video's poster was uploaded only to be read: the poster is a
 * re-encoded copy of its pixels. Left behind, it showed in «Мои документы» under its upload name
 * («poster.jpg», a frame the browser took) as if it were a document. Removed here — unless it is
 * used anywhere else (a chat, a document, an article, a news post, a photo), where it stays.
 * Returns the storage keys (the picture and its thumbnails) to delete after commit; none when it stays.
 */
export async function discardPosterSource(tx: DbOrTx, fileId: string): Promise<string[]> {
  const one = sql`1`;
  const used = or(
    exists(tx.select({ one }).from(messageAttachments).where(eq(messageAttachments.fileId, files.id))),
    exists(tx.select({ one }).from(documents).where(or(eq(documents.fileId, files.id), eq(documents.posterFileId, files.id)))),
    exists(tx.select({ one }).from(articles).where(eq(articles.coverFileId, files.id))),
    exists(tx.select({ one }).from(articleFiles).where(eq(articleFiles.fileId, files.id))),
    exists(tx.select({ one }).from(newsPostFiles).where(eq(newsPostFiles.fileId, files.id))),
    exists(tx.select({ one }).from(profilePhotos).where(eq(profilePhotos.fileId, files.id))),
  );
  const gone = await tx
    .delete(files)
    .where(and(eq(files.id, fileId), not(used ?? sql`false`)))
    .returning(storedKeyColumns);
  return storedKeys(gone);
}
