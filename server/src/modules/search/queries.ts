import type { ArticleHit, DocumentHit, MessageHit, NewsHit } from '@parta/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { personalName, toIso } from '../chats/queries.js';
import { headline, toHighlighted } from './highlight.js';

/*
 * SRCH-1 queries, one per kind. Each has the same shape, chosen with EXPLAIN ANALYZE on 100,000
 * messages and 10,000 documents and articles (bench/search, docs/PERFORMANCE.md):
 *   1. candidates: the rows I may see that match, found through the GIN index on `search` ANDed
 *      with the membership filter (for messages `chat_id = any(array(my chat ids))`, so PostgreSQL
 *      ANDs the GIN bitmap with the (chat_id, seq) index instead of joining), the newest CANDIDATES;
 *   2. ranked with ts_rank, best first, ties newest first, `limit` of them;
 *   3. only those few get their names joined and their ts_headline (the costly part) computed.
 * Who may see what is decided here in SQL, from the actor's own memberships: never a row of a chat
 * I am not in, of a school I do not belong to, a deleted message or post, or someone else's draft
 * (drafts: their author and the school's administration, as in files/grants.ts).
 */

/** Per kind, the newest this many matches are ranked: a very common word costs a bounded amount of ranking. */
export const CANDIDATES = 2000;

export interface SearchScope {
  userId: string;
  /** Schools I belong to (any role). */
  schoolIds: string[];
  /** Schools I run (admin, leader): their drafts are mine to see. */
  runIds: string[];
}

type Row = Record<string, unknown>;
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * Runs a search query with random_page_cost for data in memory. With the default (4) the planner
 * prices `search @@ q` as nearly free and reads every article through a sequential scan for a
 * common word (16 ms on 5,000 articles) instead of ANDing the GIN and school indexes (4 ms).
 */
async function searchRows<T extends Row>(db: Db, query: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local random_page_cost = 1.1`);
    return rowsOf<T>(await tx.execute(query));
  });
}

const uuids = (ids: string[]) => sql`array[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::uuid[]`;

/** The tsquery text of what was typed, or null when nothing in it can be searched (stop words only, only `-word`). */
export async function parseQuery(db: Db, q: string): Promise<string | null> {
  const [row] = rowsOf<{ tsq: string; tree: string }>(
    await db.execute(sql`select t.q::text as tsq, querytree(t.q) as tree from websearch_to_tsquery('russian', ${q}) as t(q)`),
  );
  if (!row || row.tree === '' || row.tree === 'T') return null;
  return row.tsq;
}

const tsquery = (tsq: string) => sql`${tsq}::tsquery`;

/**
 * The best `limit` of the candidates (columns id, at, search; newest first, at most CANDIDATES),
 * as (id, at, rank): ts_rank only for the capped candidates, ties newest first.
 */
function ranked(candidates: SQL, q: SQL, limit: number): SQL {
  return sql`select cand.id, cand.at, ts_rank(cand.search, ${q}) as rank
    from (${candidates} order by at desc limit ${CANDIDATES}) cand
    order by rank desc, cand.at desc, cand.id
    limit ${limit}`;
}

export async function searchMessages(db: Db, scope: SearchScope, tsq: string, limit: number): Promise<MessageHit[]> {
  const q = tsquery(tsq);
  const found = await searchRows<{
    id: string; chatId: string; chatKind: MessageHit['chatKind']; chatName: string; otherFirst: string | null; otherLast: string | null;
    authorId: string; firstName: string; lastName: string; middleName: string | null; createdAt: Date | string; snippet: string;
  }>(db, sql`
    select m.id, m.chat_id as "chatId", c.kind as "chatKind", c.name as "chatName",
      o.first_name as "otherFirst", o.last_name as "otherLast",
      a.id as "authorId", a.first_name as "firstName", a.last_name as "lastName", a.middle_name as "middleName",
      m.created_at as "createdAt", ${headline(sql`m.text`, q)} as snippet
    from (${ranked(sql`
      select m.id, m.created_at as at, m.search from messages m
      where m.chat_id = any(array(select cm.chat_id from chat_members cm where cm.user_id = ${scope.userId}))
        and m.deleted_at is null and m.search @@ ${q}`, q, limit)}) top
    join messages m on m.id = top.id
    join chats c on c.id = m.chat_id
    join users a on a.id = m.author_id
    left join lateral (
      select u.first_name, u.last_name from chat_members om join users u on u.id = om.user_id
      where om.chat_id = c.id and om.user_id <> ${scope.userId} limit 1
    ) o on c.kind = 'personal'
    order by top.rank desc, top.at desc, top.id`);
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
  const found = await searchRows<{
    id: string; kind: DocumentHit['kind']; schoolId: string; schoolName: string; fileId: string; createdAt: Date | string; title: string;
  }>(db, sql`
    select d.id, d.kind, d.school_id as "schoolId", s.name as "schoolName", d.file_id as "fileId", d.created_at as "createdAt",
      ${headline(sql`d.title`, q, true)} as title
    from (${ranked(sql`
      select d.id, d.created_at as at, d.search from documents d
      where d.school_id = any(${uuids(scope.schoolIds)}) and d.search @@ ${q}`, q, limit)}) top
    join documents d on d.id = top.id
    join schools s on s.id = d.school_id
    order by top.rank desc, top.at desc, top.id`);
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
  const found = await searchRows<{
    id: string; schoolId: string; schoolName: string; status: ArticleHit['status']; date: Date | string; title: string; excerpt: string;
  }>(db, sql`
    select a.id, a.school_id as "schoolId", s.name as "schoolName", a.status, top.at as date,
      ${headline(sql`a.title`, q, true)} as title, ${headline(sql`a.body_text`, q)} as excerpt
    from (${ranked(sql`
      select a.id, coalesce(a.published_at, a.updated_at) as at, a.search from articles a
      where a.search @@ ${q}
        and ((a.status = 'published' and a.school_id = any(${uuids(scope.schoolIds)}))
          or a.author_id = ${scope.userId}
          or a.school_id = any(${uuids(scope.runIds)}))`, q, limit)}) top
    join articles a on a.id = top.id
    join schools s on s.id = a.school_id
    order by top.rank desc, top.at desc, top.id`);
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
  const found = await searchRows<{
    id: string; schoolId: string; schoolName: string; feed: NewsHit['feed']; createdAt: Date | string; snippet: string;
    authorId: string | null; firstName: string | null; lastName: string | null; middleName: string | null;
  }>(db, sql`
    select n.id, n.school_id as "schoolId", s.name as "schoolName", n.feed, n.created_at as "createdAt",
      a.id as "authorId", a.first_name as "firstName", a.last_name as "lastName", a.middle_name as "middleName",
      ${headline(sql`n.text`, q)} as snippet
    from (${ranked(sql`
      select n.id, n.created_at as at, n.search from news_posts n
      where n.school_id = any(${uuids(scope.schoolIds)}) and n.deleted_at is null and n.search @@ ${q}`, q, limit)}) top
    join news_posts n on n.id = top.id
    join schools s on s.id = n.school_id
    left join users a on a.id = n.author_id
    order by top.rank desc, top.at desc, top.id`);
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
