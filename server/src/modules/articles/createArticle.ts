import type { ArticleDetails, createArticleRequest } from '@parta/contracts';
import type { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { articles } from '../../db/contentSchema.js';
import type { Actor } from '../../policy/actor.js';
import { prepareContent } from './content.js';
import { authorizeWriteArticles } from './policy.js';
import { presentArticle, writeArticleFiles } from './queries.js';

/**
 * ART-1..3: «+» → the editor → «Сохранить». A new article is a draft, seen by its author and the
 * school's administration until «Опубликовать». Its HTML is sanitized before it is stored.
 */
export async function createArticle(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor | null,
  schoolId: string,
  input: z.infer<typeof createArticleRequest>,
): Promise<ArticleDetails> {
  authorizeWriteArticles(actor, schoolId);
  const content = await prepareContent(deps.db, actor.userId, null, {
    title: input.title,
    bodyHtml: input.bodyHtml,
    coverFileId: input.coverFileId,
    attachmentIds: input.fileIds,
  });
  const now = deps.clock.now();
  const articleId = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(articles)
      .values({
        schoolId,
        authorId: actor.userId,
        title: content.title,
        bodyHtml: content.bodyHtml,
        bodyText: content.bodyText,
        coverFileId: content.coverFileId,
        status: 'draft',
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: articles.id });
    if (!row) throw new Error('article not inserted');
    await writeArticleFiles(tx, row.id, content.attachmentIds, content.imageIds);
    return row.id;
  });
  const article = await presentArticle(deps.db, actor, articleId, now);
  if (!article) throw new Error('article vanished');
  return article;
}
