import type { ArticleHit, DocumentHit, MessageHit, NewsHit } from '@parta/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { personalName, toIso } from '../chats/queries.js';
import { headline, toHighlighted } from './highlight.js';

/*
 * SRCH-1 queries, one per kind. Each has the same shape, chosen with EXPLAIN ANALYZE on 100,000
 * messages and 10,000 documents and articles (bench/search):
 *   1. candidates: the rows I may see that match, found through the GIN index on `search` and the
 *      membership filter (for messages `chat_id = any(array(my chat ids))`, so PostgreSQL ANDs the
 *      GIN bitmap with the (chat_id, seq) index instead of joining), capped at CANDIDATES;
 *   2. ranked with ts_rank, best first, ties newest first, `limit` of them;
 *   3. only those few get their names joined and their ts_headline (the costly part) computed.
 * Who may see what is decided here in SQL, from the actor's own memberships: never a row of a chat
 * I am not in, of a school I do not belong to, a deleted message or post, or someone else's draft
 * (drafts: their author and the school's administration, as in files/grants.ts).
 */

/** Per kind, at most this many matches are ranked: the cost of a very common word stays bounded. */
export const CANDIDATES = 5000;

export interface SearchScope {
  userId: string;
  /** Schools I belong to (any role). */
  schoolIds: string[];
  /** Schools I run (admin, leader): their drafts are mine to see. */
  runIds: string[];
}

async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

const uuids = (ids: string[]) => sql`array[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::uuid[]`;

/** The tsquery text of what was typed, or null when nothing in it can be searched (stop words only, only `-word`). */
export async function parseQuery(db: Db, q: string): Promise<string | null> {
  const [row] = await rows<{ tsq: string; tree: string }>(
    db,
    sql`select t.q::text as tsq, querytree(t.q) as tree from websearch_to_tsquery('russian', ${q}) as t(q)`,
  );
  if (!row || row.tree === '' || row.tree === 'T') return null;
  return row.tsq;
}

const tsquery = (tsq: string) => sql`${tsq}::tsquery`;

export async function searchMessages(db: Db, scope: SearchScope, tsq: string, limit: number): Promise<MessageHit[]> {
  const q = tsquery(tsq);
  const found = await rows<{
    id: string; chatId: string; chatKind: MessageHit['chatKind']; chatName: string; otherFirst: string | null; otherLast: string | null;
    authorId: string; firstName: string; lastName: string; middleName: string | null; createdAt: Date | string; snippet: string;
  }>(db, sql`
    select m.id, m.chat_id as "chatId", c.kind as "chatKind", c.name as "chatName",
      o.first_name as "otherFirst", o.last_name as "otherLast",
      a.id as "authorId", a.first_name as "firstName", a.last_name as "lastName", a.middle_name as "middleName",
      m.created_at as "createdAt", ${headline(sql`m.text`, q)} as snippet
    from (
      select cand.id, cand.rank, cand.created_at from (
        select m.id, m.created_at, ts_rank(m.search, ${q}) as rank
        from messages m
        where m.chat_id = any(array(select cm.chat_id from chat_members cm where cm.user_id = ${scope.userId}))
          and m.deleted_at is null and m.search @@ ${q}
        limit ${CANDIDATES}
      ) cand
      order by cand.rank desc, cand.created_at desc, cand.id
      limit ${limit}
    ) top
    join messages m on m.id = top.id
    join chats c on c.id = m.chat_id
    join users a on a.id = m.author_id
    left join lateral (
      select u.first_name, u.last_name from chat_members om join users u on u.id = om.user_id
      where om.chat_id = c.id and om.user_id <> ${scope.userId} limit 1
    ) o on c.kind = 'personal'
    order by top.rank desc, top.created_at desc, top.id`);
  return found.map((r) => ({
    id: r.id,
    chatId: r.chatId,
    chatKind: r.chatKind,
    chatName: r.chatKind === 'personal' ? personalName(r.otherFirst, r.otherLast) : r.chatName,
    author: { id: r.authorId, firstName: r.firstName, lastName: r.lastName, middleName: r.middleName },
    createdAt: toIso(r.createdAt),
    snippet: toHighlighted(r.snippet),
  }));
}

export async function searchDocuments(db: Db, scope: SearchScope, tsq: string, limit: number): Promise<DocumentHit[]> {
  if (scope.schoolIds.length === 0) return [];
  const q = tsquery(tsq);
  const found = await rows<{
    id: string; kind: DocumentHit['kind']; schoolId: string; schoolName: string; fileId: string; createdAt: Date | string; title: string;
  }>(db, sql`
    select d.id, d.kind, d.school_id as "schoolId", s.name as "schoolName", d.file_id as "fileId", d.created_at as "createdAt",
      ${headline(sql`d.title`, q, true)} as title
    from (
      select cand.id, cand.rank, cand.created_at from (
        select d.id, d.created_at, ts_rank(d.search, ${q}) as rank
        from documents d
        where d.school_id = any(${uuids(scope.schoolIds)}) and d.search @@ ${q}
        limit ${CANDIDATES}
      ) cand
      order by cand.rank desc, cand.created_at desc, cand.id
      limit ${limit}
    ) top
    join documents d on d.id = top.id
    join schools s on s.id = d.school_id
    order by top.rank desc, top.created_at desc, top.id`);
  return found.map((r) => ({
    id: r.id,
    kind: r.kind,
    schoolId: r.schoolId,
    schoolName: r.schoolName,
    title: toHighlighted(r.title),
    fileId: r.fileId,
    createdAt: toIso(r.createdAt),
  }));
}

export async function searchArticles(db: Db, scope: SearchScope, tsq: string, limit: number): Promise<ArticleHit[]> {
  const q = tsquery(tsq);
  const found = await rows<{
    id: string; schoolId: string; schoolName: string; status: ArticleHit['status']; date: Date | string; title: string; excerpt: string;
  }>(db, sql`
    select a.id, a.school_id as "schoolId", s.name as "schoolName", a.status, top.date,
      ${headline(sql`a.title`, q, true)} as title, ${headline(sql`a.body_text`, q)} as excerpt
    from (
      select cand.id, cand.rank, cand.date from (
        select a.id, coalesce(a.published_at, a.updated_at) as date, ts_rank(a.search, ${q}) as rank
        from articles a
        where a.search @@ ${q}
          and ((a.status = 'published' and a.school_id = any(${uuids(scope.schoolIds)}))
            or a.author_id = ${scope.userId}
            or a.school_id = any(${uuids(scope.runIds)}))
        limit ${CANDIDATES}
      ) cand
      order by cand.rank desc, cand.date desc, cand.id
      limit ${limit}
    ) top
    join articles a on a.id = top.id
    join schools s on s.id = a.school_id
    order by top.rank desc, top.date desc, top.id`);
  return found.map((r) => ({
    id: r.id,
    schoolId: r.schoolId,
    schoolName: r.schoolName,
    status: r.status,
    title: toHighlighted(r.title),
    excerpt: toHighlighted(r.excerpt),
    date: toIso(r.date),
  }));
}

export async function searchNews(db: Db, scope: SearchScope, tsq: string, limit: number): Promise<NewsHit[]> {
  if (scope.schoolIds.length === 0) return [];
  const q = tsquery(tsq);
  const found = await rows<{
    id: string; schoolId: string; schoolName: string; feed: NewsHit['feed']; createdAt: Date | string; snippet: string;
    authorId: string | null; firstName: string | null; lastName: string | null; middleName: string | null;
  }>(db, sql`
    select n.id, n.school_id as "schoolId", s.name as "schoolName", n.feed, n.created_at as "createdAt",
      a.id as "authorId", a.first_name as "firstName", a.last_name as "lastName", a.middle_name as "middleName",
      ${headline(sql`n.text`, q)} as snippet
    from (
      select cand.id, cand.rank, cand.created_at from (
        select n.id, n.created_at, ts_rank(n.search, ${q}) as rank
        from news_posts n
        where n.school_id = any(${uuids(scope.schoolIds)}) and n.deleted_at is null and n.search @@ ${q}
        limit ${CANDIDATES}
      ) cand
      order by cand.rank desc, cand.created_at desc, cand.id
      limit ${limit}
    ) top
    join news_posts n on n.id = top.id
    join schools s on s.id = n.school_id
    left join users a on a.id = n.author_id
    order by top.rank desc, top.created_at desc, top.id`);
  return found.map((r) => ({
    id: r.id,
    schoolId: r.schoolId,
    schoolName: r.schoolName,
    feed: r.feed,
    author: r.authorId ? { id: r.authorId, firstName: r.firstName ?? '', lastName: r.lastName ?? '', middleName: r.middleName } : null,
    createdAt: toIso(r.createdAt),
    snippet: toHighlighted(r.snippet),
  }));
}
