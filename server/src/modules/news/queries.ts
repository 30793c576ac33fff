import type { Attachment, NewsComment, NewsFeed, NewsPost, NewsUnread } from '@parta/contracts';
import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { files } from '../../db/chatSchema.js';
import type { DbOrTx } from '../../db/client.js';
import { newsComments, newsPostFiles, newsPosts, newsReads } from '../../db/contentSchema.js';
import { inTurn } from '../../db/inTurn.js';
import { memberships, users } from '../../db/schema.js';
import type { Actor } from '../../policy/actor.js';
import { attachmentColumns, toAttachment } from '../files/queries.js';
import { pollViews } from '../polls/pollViews.js';
import { personColumns } from '../schools/people.js';
import { canDeleteItem, canEditComment, canEditPost, canNews } from './policy.js';

/** The columns of a post the app reads (never the generated search column). */
export const postColumns = {
  id: newsPosts.id,
  schoolId: newsPosts.schoolId,
  feed: newsPosts.feed,
  authorId: newsPosts.authorId,
  text: newsPosts.text,
  pollId: newsPosts.pollId,
  editedAt: newsPosts.editedAt,
  deletedAt: newsPosts.deletedAt,
  createdAt: newsPosts.createdAt,
};
export type PostRow = {
  id: string; schoolId: string; feed: NewsFeed; authorId: string | null; text: string; pollId: string | null;
  editedAt: Date | null; deletedAt: Date | null; createdAt: Date;
};

/**
 * A person's read mark of a feed as SQL: their last visit, or — before the first visit — the
 * moment they joined the school, so a newcomer is not greeted by a year of «new» posts.
 */
export function readMark(userId: string, schoolId: SQL | string, feed: SQL | string): SQL {
  return sql`coalesce(
    (select ${newsReads.lastReadAt} from ${newsReads}
      where ${newsReads.userId} = ${userId} and ${newsReads.schoolId} = ${schoolId} and ${newsReads.feed} = ${feed}),
    (select min(${memberships.createdAt}) from ${memberships}
      where ${memberships.userId} = ${userId} and ${memberships.schoolId} = ${schoolId})
  )`;
}

/** Posts newer than the person's mark, not theirs and not deleted. */
function isNewSql(userId: string): SQL<boolean> {
  return sql<boolean>`(${newsPosts.authorId} is distinct from ${userId}
    and ${newsPosts.createdAt} > ${readMark(userId, sql`${newsPosts.schoolId}`, sql`${newsPosts.feed}`)})`;
}

export async function findPost(db: DbOrTx, postId: string): Promise<PostRow | null> {
  const [row] = await db.select(postColumns).from(newsPosts).where(eq(newsPosts.id, postId));
  return row ?? null;
}

/** Files of many posts in one query, in their order. */
async function attachmentsOf(db: DbOrTx, postIds: string[]): Promise<Map<string, Attachment[]>> {
  const out = new Map<string, Attachment[]>();
  if (postIds.length === 0) return out;
  const rows = await db
    .select({ postId: newsPostFiles.postId, ...attachmentColumns })
    .from(newsPostFiles)
    .innerJoin(files, eq(files.id, newsPostFiles.fileId))
    .where(inArray(newsPostFiles.postId, postIds))
    .orderBy(asc(newsPostFiles.position));
  for (const r of rows) {
    const list = out.get(r.postId) ?? [];
    list.push(toAttachment(r));
    out.set(r.postId, list);
  }
  return out;
}

/**
 * Posts matching `where` as the actor sees them — author, files, poll counts, comment count, the
 * «Новое» mark and what the actor may do — newest first; three queries for any page.
 */
export async function loadPosts(db: DbOrTx, actor: Actor, where: SQL | undefined, opts: { limit?: number; now: Date }): Promise<NewsPost[]> {
  let query = db
    .select({
      p: postColumns,
      author: personColumns,
      commentCount: sql<number>`(select count(*)::int from ${newsComments}
        where ${newsComments.postId} = ${newsPosts.id} and ${newsComments.deletedAt} is null)`,
      isNew: isNewSql(actor.userId),
    })
    .from(newsPosts)
    .leftJoin(users, eq(users.id, newsPosts.authorId))
    .where(where)
    .orderBy(desc(newsPosts.createdAt), desc(newsPosts.id))
    .$dynamic();
  if (opts.limit) query = query.limit(opts.limit);
  const rows = await query;
  const live = rows.filter((r) => r.p.deletedAt === null);
  const [attachments, polls] = await inTurn([
    () => attachmentsOf(db, live.map((r) => r.p.id)),
    () => pollViews(db, live.flatMap((r) => (r.p.pollId ? [r.p.pollId] : [])), opts.now),
  ] as const);
  return rows.map((r) => {
    const deleted = r.p.deletedAt !== null;
    const ref = { schoolId: r.p.schoolId, feed: r.p.feed, authorId: r.p.authorId };
    return {
      id: r.p.id,
      schoolId: r.p.schoolId,
      feed: r.p.feed,
      author: r.author?.id ? { ...r.author, id: r.author.id } : null,
      text: deleted ? '' : r.p.text,
      attachments: deleted ? [] : (attachments.get(r.p.id) ?? []),
      poll: deleted || !r.p.pollId ? null : (polls.get(r.p.pollId) ?? null),
      createdAt: r.p.createdAt.toISOString(),
      editedAt: deleted || !r.p.editedAt ? null : r.p.editedAt.toISOString(),
      deleted,
      commentCount: deleted ? 0 : r.commentCount,
      isNew: !deleted && r.isNew === true,
      can: {
        delete: !deleted && canDeleteItem(actor, ref),
        edit: !deleted && canEditPost(actor, ref),
        comment: !deleted && canNews(actor, 'comment', ref),
      },
    } as NewsPost;
  });
}

/** One page of a feed, newest first: keyset on (created_at, id) below the post `before`. */
export async function feedPage(
  db: DbOrTx,
  actor: Actor,
  q: { schoolId: string; feed: NewsFeed; before?: string | undefined; limit: number; now: Date },
): Promise<{ data: NewsPost[]; hasMore: boolean }> {
  const inFeed = and(eq(newsPosts.schoolId, q.schoolId), eq(newsPosts.feed, q.feed), isNull(newsPosts.deletedAt));
  // A `before` outside this feed matches no row, and the row comparison with NULL selects nothing.
  const below = q.before
    ? sql`(${newsPosts.createdAt}, ${newsPosts.id}) < (
        select b.created_at, b.id from ${newsPosts} b where b.id = ${q.before} and b.school_id = ${q.schoolId} and b.feed = ${q.feed}
      )`
    : undefined;
  const rows = await loadPosts(db, actor, and(inFeed, below), { limit: q.limit + 1, now: q.now });
  return { data: rows.slice(0, q.limit), hasMore: rows.length > q.limit };
}

export async function loadPost(db: DbOrTx, actor: Actor, postId: string, now: Date): Promise<NewsPost | null> {
  const [post] = await loadPosts(db, actor, eq(newsPosts.id, postId), { now });
  return post ?? null;
}

/** Unread posts per feed of one school for one person: one query. */
export async function unreadCounts(db: DbOrTx, userId: string, schoolId: string): Promise<NewsUnread> {
  const rows = await db
    .select({ feed: newsPosts.feed, n: sql<number>`count(*)::int` })
    .from(newsPosts)
    .where(and(eq(newsPosts.schoolId, schoolId), isNull(newsPosts.deletedAt), isNewSql(userId)))
    .groupBy(newsPosts.feed);
  const out: NewsUnread = { channel: 0, community: 0 };
  for (const r of rows) out[r.feed] = r.n;
  return out;
}

export const commentColumns = {
  id: newsComments.id,
  postId: newsComments.postId,
  authorId: newsComments.authorId,
  text: newsComments.text,
  editedAt: newsComments.editedAt,
  deletedAt: newsComments.deletedAt,
  createdAt: newsComments.createdAt,
};

/** Comments matching `where` as the actor sees them, oldest first (or newest first with `newestFirst`). */
export async function loadComments(
  db: DbOrTx,
  actor: Actor,
  post: { schoolId: string; feed: NewsFeed },
  where: SQL | undefined,
  opts: { limit?: number; newestFirst?: boolean } = {},
): Promise<NewsComment[]> {
  const order = opts.newestFirst ? [desc(newsComments.createdAt), desc(newsComments.id)] : [asc(newsComments.createdAt), asc(newsComments.id)];
  const rows = await db
    .select({ c: commentColumns, author: personColumns })
    .from(newsComments)
    .leftJoin(users, eq(users.id, newsComments.authorId))
    .where(where)
    .orderBy(...order)
    .limit(opts.limit ?? 500);
  return rows.map((r) => {
    const deleted = r.c.deletedAt !== null;
    const ref = { ...post, authorId: r.c.authorId };
    return {
      id: r.c.id,
      postId: r.c.postId,
      author: r.author?.id ? { ...r.author, id: r.author.id } : null,
      text: deleted ? '' : r.c.text,
      createdAt: r.c.createdAt.toISOString(),
      editedAt: deleted || !r.c.editedAt ? null : r.c.editedAt.toISOString(),
      deleted,
      can: { delete: !deleted && canDeleteItem(actor, ref), edit: !deleted && canEditComment(actor, ref) },
    } as NewsComment;
  });
}

/**
 * One page of a post's comments, oldest first within the page. Keyset on (created_at, id): the
 * cursor is a comment of this post (one of another post selects nothing), so pages meet exactly —
 * no comment twice, none skipped — however many comments arrive while someone reads.
 */
export async function commentPage(
  db: DbOrTx,
  actor: Actor,
  post: { id: string; schoolId: string; feed: NewsFeed },
  q: { before?: string | undefined; after?: string | undefined; limit: number },
): Promise<{ data: NewsComment[]; hasMore: boolean }> {
  const cursor = (id: string) => sql`(select c.created_at, c.id from ${newsComments} c where c.id = ${id} and c.post_id = ${post.id})`;
  const key = sql`(${newsComments.createdAt}, ${newsComments.id})`;
  const onPost = eq(newsComments.postId, post.id);
  // Newer ones come oldest first from just after the cursor; older ones (and the first page) newest first, then turned.
  const rows = q.after
    ? await loadComments(db, actor, post, and(onPost, sql`${key} > ${cursor(q.after)}`), { limit: q.limit + 1 })
    : (
        await loadComments(db, actor, post, and(onPost, q.before ? sql`${key} < ${cursor(q.before)}` : undefined), {
          limit: q.limit + 1,
          newestFirst: true,
        })
      ).reverse();
  const hasMore = rows.length > q.limit;
  if (!hasMore) return { data: rows, hasMore };
  // The extra row is the one beyond the page: the oldest when going back, the newest when going forward.
  return { data: q.after ? rows.slice(0, q.limit) : rows.slice(1), hasMore };
}
