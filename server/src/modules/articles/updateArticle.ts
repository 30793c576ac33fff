import type { ArticleDetails, updateArticleRequest } from '@parta/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { articles } from '../../db/contentSchema.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { prepareContent } from './content.js';
import { publishArticleEvent } from './events.js';
import { authorizeEditArticle } from './policy.js';
import { attachmentIdsOf, findArticle, presentArticle, writeArticleFiles } from './queries.js';

/**
 * ART-1..4: «Сохранить» on an existing article — its author or the administration changes the
 * title, text, cover or attachments (fields not sent stay). A published article stays published
 * and its readers are told to refetch.
 */
export async function updateArticle(
  deps: Pick<AppDeps, 'db' | 'clock' | 'events'>,
  actor: Actor | null,
  articleId: string,
  input: z.infer<typeof updateArticleRequest>,
): Promise<ArticleDetails> {
  requireActor(actor);
  const row = await findArticle(deps.db, articleId);
  if (!row) throw notFound();
  authorizeEditArticle(actor, row);
  const attachmentIds = input.fileIds ?? (await attachmentIdsOf(deps.db, articleId, row.bodyHtml));
  const content = await prepareContent(deps.db, actor.userId, articleId, {
    title: input.title ?? row.title,
    bodyHtml: input.bodyHtml ?? row.bodyHtml,
    coverFileId: input.coverFileId !== undefined ? input.coverFileId : row.coverFileId,
    attachmentIds,
  });
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx
      .update(articles)
      .set({
        title: content.title,
        bodyHtml: content.bodyHtml,
        bodyText: content.bodyText,
        coverFileId: content.coverFileId,
        updatedAt: now,
      })
      .where(eq(articles.id, articleId));
    await writeArticleFiles(tx, articleId, content.attachmentIds, content.imageIds);
  });
  if (row.status === 'published') await publishArticleEvent(deps.events, row.schoolId, { type: 'article.updated', articleId });
  const article = await presentArticle(deps.db, actor, articleId, now);
  if (!article) throw notFound();
  return article;
}
