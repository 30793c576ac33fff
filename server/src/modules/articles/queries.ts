import type { ArticleDetails, ArticleSummary, Attachment, PersonSummary } from '@parta/contracts';
import { articleLimits } from '@parta/contracts';
import { and, asc, desc, eq, inArray, notInArray, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { files } from '../../db/chatSchema.js';
import type { DbOrTx } from '../../db/client.js';
import { inTurn } from '../../db/inTurn.js';
import { articleFiles, articlePolls, articles } from '../../db/contentSchema.js';
import { users } from '../../db/schema.js';
import type { Actor } from '../../policy/actor.js';
import { attachmentColumns, toAttachment } from '../files/queries.js';
import { pollViews } from '../polls/pollViews.js';
import { canEditArticle } from './policy.js';
import { excerptOf, sanitizeArticle } from './sanitize.js';

/** The columns of an article row we read (never the generated `search` column). */
const articleColumns = {
  id: articles.id,
  schoolId: articles.schoolId,
  authorId: articles.authorId,
  title: articles.title,
  bodyHtml: articles.bodyHtml,
  bodyText: articles.bodyText,
  coverFileId: articles.coverFileId,
  status: articles.status,
  publishedAt: articles.publishedAt,
  updatedAt: articles.updatedAt,
  createdAt: articles.createdAt,
};
export interface ArticleRow {
  id: string;
  schoolId: string;
  authorId: string | null;
  title: string;
  bodyHtml: string;
  bodyText: string;
  coverFileId: string | null;
  status: 'draft' | 'published';
  publishedAt: Date | null;
  updatedAt: Date;
  createdAt: Date;
}

export async function findArticle(db: DbOrTx, articleId: string): Promise<ArticleRow | null> {
  const [row] = await db.select(articleColumns).from(articles).where(eq(articles.id, articleId)).limit(1);
  return row ?? null;
}

const author = alias(users, 'article_author');
const cover = alias(files, 'article_cover');

/** Rows with their author and cover, for lists and the article page. */
function withPeople(db: DbOrTx) {
  return db
    .select({
      ...articleColumns,
      author: { id: author.id, firstName: author.firstName, lastName: author.lastName, middleName: author.middleName },
      cover: {
        id: cover.id, name: cover.name, size: cover.size, mime: cover.mime, isImage: cover.isImage,
        width: cover.width, height: cover.height, thumbKey: cover.thumbKey, thumbLargeKey: cover.thumbLargeKey,
      },
    })
    .from(articles)
    .leftJoin(author, eq(author.id, articles.authorId))
    .leftJoin(cover, eq(cover.id, articles.coverFileId));
}
interface RichRow extends ArticleRow {
  author: PersonSummary | null;
  cover: Parameters<typeof toAttachment>[0] | null;
}

function toSummary(actor: Actor, r: RichRow): ArticleSummary {
  const a = r.author;
  const c = r.cover;
  const may = canEditArticle(actor, r);
  return {
    id: r.id,
    schoolId: r.schoolId,
    title: r.title,
    excerpt: excerptOf(r.bodyText, articleLimits.excerptMax),
    cover: c ? toAttachment(c) : null,
    author: a ? { id: a.id, firstName: a.firstName, lastName: a.lastName, middleName: a.middleName } : null,
    status: r.status,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    can: { edit: may, delete: may, publish: may && r.status === 'draft' },
  };
}

export interface ListFilter {
  schoolId: string;
  drafts: boolean;
  /** Only this author's drafts (null: all of the school's, for the administration). */
  draftsOf: string | null;
  q: string | undefined;
  limit: number;
  offset: number;
}

/**
 * ART-5: published articles (or the drafts I may see) of a school, newest first; with words, the
 * best matches first (`parta_search_query`, as SRCH-1: word forms too, «альбомы» finds «альбом»; over
 * the title and the text).
 */
export async function listArticleSummaries(db: DbOrTx, actor: Actor, f: ListFilter): Promise<{ rows: ArticleSummary[]; hasMore: boolean }> {
  const conds: SQL[] = [eq(articles.schoolId, f.schoolId), eq(articles.status, f.drafts ? 'draft' : 'published')];
  if (f.drafts && f.draftsOf) conds.push(eq(articles.authorId, f.draftsOf));
  const query = f.q ? sql`parta_search_query(${f.q}, false)` : null;
  if (query) conds.push(sql`${articles.search} @@ ${query}`);
  const order = [
    ...(query ? [desc(sql`ts_rank(${articles.search}, ${query})`)] : []),
    f.drafts ? desc(articles.updatedAt) : desc(articles.publishedAt),
    desc(articles.id),
  ];
  const rows = await withPeople(db)
    .where(and(...conds))
    .orderBy(...order)
    .limit(f.limit + 1)
    .offset(f.offset);
  return { rows: rows.slice(0, f.limit).map((r) => toSummary(actor, r)), hasMore: rows.length > f.limit };
}

/** The article page: text, attachments (files not shown inside the text) and polls with counts. */
export async function presentArticle(db: DbOrTx, actor: Actor, articleId: string, now: Date): Promise<ArticleDetails | null> {
  const [row] = await withPeople(db).where(eq(articles.id, articleId)).limit(1);
  if (!row) return null;
  const inText = sanitizeArticle(row.bodyHtml).imageFileIds;
  const [attached, pollRows] = await inTurn([
    () =>
      db
        .select(attachmentColumns)
        .from(articleFiles)
        .innerJoin(files, eq(files.id, articleFiles.fileId))
        .where(and(eq(articleFiles.articleId, articleId), ...(inText.length > 0 ? [notInArray(articleFiles.fileId, inText)] : [])))
        .orderBy(asc(articleFiles.position)),
    () => db.select({ pollId: articlePolls.pollId }).from(articlePolls).where(eq(articlePolls.articleId, articleId)).orderBy(asc(articlePolls.position)),
  ] as const);
  const views = await pollViews(db, pollRows.map((p) => p.pollId), now);
  return {
    ...toSummary(actor, row),
    bodyHtml: row.bodyHtml,
    attachments: attached.map((f): Attachment => toAttachment(f)),
    polls: pollRows.flatMap((p) => {
      const v = views.get(p.pollId);
      return v ? [v] : [];
    }),
  };
}

/** The files attached to an article (not those only in its text), in order. */
export async function attachmentIdsOf(db: DbOrTx, articleId: string, bodyHtml: string): Promise<string[]> {
  const inText = new Set(sanitizeArticle(bodyHtml).imageFileIds);
  const rows = await db
    .select({ id: articleFiles.fileId })
    .from(articleFiles)
    .where(eq(articleFiles.articleId, articleId))
    .orderBy(asc(articleFiles.position));
  return rows.map((r) => r.id).filter((id) => !inText.has(id));
}

/**
 * Files the actor may put into an article: their own uploads, or files already in this article (so
 * the administration can edit someone else's article without re-uploading its pictures). Sharing a
 * file in an article shows it to the whole school, so nobody else's file may be pulled in.
 */
export async function usableFiles(
  db: DbOrTx,
  userId: string,
  articleId: string | null,
  ids: string[],
): Promise<Map<string, { isImage: boolean; mime: string }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const inThisArticle = articleId
    ? [
        sql`exists (select 1 from ${articleFiles} where ${articleFiles.articleId} = ${articleId} and ${articleFiles.fileId} = ${files.id})`,
        sql`exists (select 1 from ${articles} where ${articles.id} = ${articleId} and ${articles.coverFileId} = ${files.id})`,
      ]
    : [];
  const rows = await db
    .select({ id: files.id, isImage: files.isImage, mime: files.mime })
    .from(files)
    .where(and(inArray(files.id, unique), or(eq(files.ownerId, userId), ...inThisArticle)));
  return new Map(rows.map((r) => [r.id, { isImage: r.isImage, mime: r.mime }]));
}

/** Replaces the article's files: attachments first (in their order), then pictures of the text. */
export async function writeArticleFiles(tx: DbOrTx, articleId: string, attachmentIds: string[], imageIds: string[]): Promise<void> {
  await tx.delete(articleFiles).where(eq(articleFiles.articleId, articleId));
  const all = [...new Set([...attachmentIds, ...imageIds])];
  if (all.length > 0) await tx.insert(articleFiles).values(all.map((fileId, position) => ({ articleId, fileId, position })));
}
