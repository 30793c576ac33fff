import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { usableFiles } from './queries.js';
import { cleanTitle, sanitizeArticle } from './sanitize.js';

export interface ArticleContent {
  title: string;
  bodyHtml: string;
  bodyText: string;
  coverFileId: string | null;
  /** Attached photos and videos, in order. */
  attachmentIds: string[];
  /** Pictures shown in the text. */
  imageIds: string[];
}

const invalid = (path: string, message: string) => new AppError('invalid_input', { fields: [{ path, message }] });

/**
 * What will be stored: the title as plain text, the body through the allow-list sanitizer, and
 * every file checked — the actor's own upload or already in this article; the cover and pictures
 * in the text are images, attachments are photos or videos. Checked before anything is written.
 */
export async function prepareContent(
  db: DbOrTx,
  userId: string,
  articleId: string | null,
  raw: { title: string; bodyHtml: string; coverFileId: string | null; attachmentIds: string[] },
): Promise<ArticleContent> {
  const title = cleanTitle(raw.title);
  if (!title) throw invalid('title', 'empty');
  const body = sanitizeArticle(raw.bodyHtml);
  const attachmentIds = [...new Set(raw.attachmentIds)];
  const wanted = [...attachmentIds, ...body.imageFileIds, ...(raw.coverFileId ? [raw.coverFileId] : [])];
  const usable = await usableFiles(db, userId, articleId, wanted);
  if (raw.coverFileId) {
    const f = usable.get(raw.coverFileId);
    if (!f) throw invalid('coverFileId', 'file_not_allowed');
    if (!f.isImage) throw new AppError('image_invalid');
  }
  for (const id of attachmentIds) {
    const f = usable.get(id);
    if (!f) throw invalid('fileIds', 'file_not_allowed');
    if (!f.isImage && !f.mime.startsWith('video/')) throw invalid('fileIds', 'not_photo_or_video');
  }
  for (const id of body.imageFileIds) {
    const f = usable.get(id);
    if (!f) throw invalid('bodyHtml', 'file_not_allowed');
    if (!f.isImage) throw new AppError('image_invalid');
  }
  return {
    title,
    bodyHtml: body.html,
    bodyText: body.text,
    coverFileId: raw.coverFileId,
    attachmentIds,
    imageIds: body.imageFileIds,
  };
}
