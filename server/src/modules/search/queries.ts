import type { ArticleHit, DocumentHit, MessageHit, NewsHit } from '@parta/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { personalName, toIso } from '../chats/queries.js';
import { headline, toHighlighted } from './highlight.js';

/*
 * SRCH-1 queries, one per kind. Each has the same shape, chosen with EXPLAIN ANALYZE on 100,000
 * messages and 10,000 documents and articles (bench/search, docs/PERFORMANCE.md):
 *   1. matches: the rows I may see that match, found through the GIN index on `search` ANDed
 *      with the membership filter (for messages `chat_id = any(array(my chat ids))`, so PostgreSQL
 *      ANDs the GIN bitmap with the (chat_id, seq) index instead of joining);
 *   2. all of them ranked with ts_rank, best first, ties newest first then by id: a total order, so
 *      a page starts strictly after the cursor's (rank, at, id) and pages neither repeat nor skip;
 *   3. only the page's rows get their names joined and their ts_headline (the costly part) computed.
 * Who may see what is decided here in SQL, from the actor's own memberships: never a row of a chat
 * I am not in, of a school I do not belong to, a deleted message or post, or someone else's draft
 * (drafts: their author and the school's administration, as in files/grants.ts).
 */

export interface SearchScope {
  userId: string;
  /** Schools I belong to (any role). */
  schoolIds: string[];
  /** Schools I run (admin, leader): their drafts are mine to see. */
  runIds: string[];
}

/** Where a page ends: the last row's rank (a float4 as PostgreSQL prints it: exact), time (as text: microseconds) and id. */
export interface PageKey {
  rank: string;
  at: string;
  id: string;
}

/** One page of a kind, and each hit's key (the cursor after it). */
export interface Page<T> {
  hits: T[];
  keys: PageKey[];
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

/** What was typed, as two tsqueries (texts): `match` for the index, `mark` for ts_headline. */
export interface ParsedQuery {
  match: string;
  mark: string;
}

/**
 * The tsqueries of what was typed (parta_search_query, migration 0006: each word as its stem or as
 * written, so «альбомы» finds «альбом»), or null when nothing in it can be searched (stop words
 * only, only `-word`).
 */
export async function parseQuery(db: Db, q: string): Promise<ParsedQuery | null> {
  const [row] = rowsOf<{ match: string; mark: string; tree: string }>(
    await db.execute(sql`select t.m::text as match, t.h::text as mark, querytree(t.m) as tree
      from (select parta_search_query(${q}, false) as m, parta_search_query(${q}, true) as h) t`),
  );
  if (!row || row.tree === '' || row.tree === 'T') return null;
  return { match: row.match, mark: row.mark };
}

const tsquery = (tsq: string) => sql`${tsq}::tsquery`;

/**
 * The page of the matches (columns id, at, search) after `after`, `limit` rows as (id, at, rank,
 * rank_key, at_key): ts_rank over every match, best first, ties newest first, then by id.
 */
function ranked(matches: SQL, q: SQL, limit: number, after: PageKey | null): SQL {
  const afterKey = after
    ? sql`where r.rank < ${after.rank}::real
        or (r.rank = ${after.rank}::real and (r.at < ${after.at}::timestamptz or (r.at = ${after.at}::timestamptz and r.id > ${after.id}::uuid)))`
    : sql``;
  return sql`select r.id, r.at, r.rank, r.rank::text as rank_key, r.at::text as at_key
    from (select cand.id, cand.at, ts_rank(cand.search, ${q}) as rank from (${matches}) cand) r
    ${afterKey}
    order by r.rank desc, r.at desc, r.id
    limit ${limit}`;
}

/** Each row's page key. */
const keysOf = (rows: { id: string; rankKey: string; atKey: string }[]): PageKey[] =>
  rows.map((r) => ({ rank: r.rankKey, at: r.atKey, id: r.id }));

/** The columns of `top` that make the page key. */
const keyColumns = sql`top.rank_key as "rankKey", top.at_key as "atKey"`;

export async function searchMessages(db: Db, scope: SearchScope, tsq: ParsedQuery, limit: number, after: PageKey | null): Promise<Page<MessageHit>> {
  const q = tsquery(tsq.match);
  const mark = tsquery(tsq.mark);
  const found = await searchRows<{
    id: string; chatId: string; chatKind: MessageHit['chatKind']; chatName: string; otherFirst: string | null; otherLast: string | null;
    authorId: string; firstName: string; lastName: string; middleName: string | null; createdAt: Date | string; snippet: string; rankKey: string; atKey: string;
  }>(db, sql`
    select ${keyColumns}, m.id, m.chat_id as "chatId", c.kind as "chatKind", c.name as "chatName",
      o.first_name as "otherFirst", o.last_name as "otherLast",
      a.id as "authorId", a.first_name as "firstName", a.last_name as "lastName", a.middle_name as "middleName",
      m.created_at as "createdAt", ${headline(sql`m.text`, mark)} as snippet
    from (${ranked(sql`
      select m.id, m.created_at as at, m.search from messages m
      where m.chat_id = any(array(select cm.chat_id from chat_members cm where cm.user_id = ${scope.userId}))
        and m.deleted_at is null and m.search @@ ${q}`, q, limit, after)}) top
    join messages m on m.id = top.id
    join chats c on c.id = m.chat_id
    join users a on a.id = m.author_id
    left join lateral (
      select u.first_name, u.last_name from chat_members om join users u on u.id = om.user_id
      where om.chat_id = c.id and om.user_id <> ${scope.userId} limit 1
    ) o on c.kind = 'personal'
    order by top.rank desc, top.at desc, top.id`);
  const hits = found.map((r) => ({
    id: r.id,
    chatId: r.chatId,
    chatKind: r.chatKind,
    chatName: r.chatKind === 'personal' ? personalName(r.otherFirst, r.otherLast) : r.chatName,
    author: { id: r.authorId, firstName: r.firstName, lastName: r.lastName, middleName: r.middleName },
    createdAt: toIso(r.createdAt),
    snippet: toHighlighted(r.snippet),
  }));
  return { hits, keys: keysOf(found) };
}

export async function searchDocuments(db: Db, scope: SearchScope, tsq: ParsedQuery, limit: number, after: PageKey | null): Promise<Page<DocumentHit>> {
  if (scope.schoolIds.length === 0) return { hits: [], keys: [] };
  const q = tsquery(tsq.match);
  const mark = tsquery(tsq.mark);
  const found = await searchRows<{
    id: string; kind: DocumentHit['kind']; schoolId: string; schoolName: string; fileId: string; createdAt: Date | string; title: string; rankKey: string; atKey: string;
  }>(db, sql`
    select ${keyColumns}, d.id, d.kind, d.school_id as "schoolId", s.name as "schoolName", d.file_id as "fileId", d.created_at as "createdAt",
      ${headline(sql`d.title`, mark, true)} as title
    from (${ranked(sql`
      select d.id, d.created_at as at, d.search from documents d
      where d.school_id = any(${uuids(scope.schoolIds)}) and d.search @@ ${q}`, q, limit, after)}) top
    join documents d on d.id = top.id
    join schools s on s.id = d.school_id
    order by top.rank desc, top.at desc, top.id`);
  const hits = found.map((r) => ({
    id: r.id,
    kind: r.kind,
    schoolId: r.schoolId,
    schoolName: r.schoolName,
    title: toHighlighted(r.title),
    fileId: r.fileId,
    createdAt: toIso(r.createdAt),
  }));
  return { hits, keys: keysOf(found) };
}

export async function searchArticles(db: Db, scope: SearchScope, tsq: ParsedQuery, limit: number, after: PageKey | null): Promise<Page<ArticleHit>> {
  const q = tsquery(tsq.match);
  const mark = tsquery(tsq.mark);
  const found = await searchRows<{
    id: string; schoolId: string; schoolName: string; status: ArticleHit['status']; date: Date | string; title: string; excerpt: string; rankKey: string; atKey: string;
  }>(db, sql`
    select ${keyColumns}, a.id, a.school_id as "schoolId", s.name as "schoolName", a.status, top.at as date,
      ${headline(sql`a.title`, mark, true)} as title, ${headline(sql`a.body_text`, mark)} as excerpt
    from (${ranked(sql`
      select a.id, coalesce(a.published_at, a.updated_at) as at, a.search from articles a
      where a.search @@ ${q}
        and ((a.status = 'published' and a.school_id = any(${uuids(scope.schoolIds)}))
          or a.author_id = ${scope.userId}
          or a.school_id = any(${uuids(scope.runIds)}))`, q, limit, after)}) top
    join articles a on a.id = top.id
    join schools s on s.id = a.school_id
    order by top.rank desc, top.at desc, top.id`);
  const hits = found.map((r) => ({
    id: r.id,
    schoolId: r.schoolId,
    schoolName: r.schoolName,
    status: r.status,
    title: toHighlighted(r.title),
    excerpt: toHighlighted(r.excerpt),
    date: toIso(r.date),
  }));
  return { hits, keys: keysOf(found) };
}

export async function searchNews(db: Db, scope: SearchScope, tsq: ParsedQuery, limit: number, after: PageKey | null): Promise<Page<NewsHit>> {
  if (scope.schoolIds.length === 0) return { hits: [], keys: [] };
  const q = tsquery(tsq.match);
  const mark = tsquery(tsq.mark);
  const found = await searchRows<{
    id: string; schoolId: string; schoolName: string; feed: NewsHit['feed']; createdAt: Date | string; snippet: string;
    authorId: string | null; firstName: string | null; lastName: string | null; middleName: string | null; rankKey: string; atKey: string;
  }>(db, sql`
    select ${keyColumns}, n.id, n.school_id as "schoolId", s.name as "schoolName", n.feed, n.created_at as "createdAt",
      a.id as "authorId", a.first_name as "firstName", a.last_name as "lastName", a.middle_name as "middleName",
      ${headline(sql`n.text`, mark)} as snippet
    from (${ranked(sql`
      select n.id, n.created_at as at, n.search from news_posts n
      where n.school_id = any(${uuids(scope.schoolIds)}) and n.deleted_at is null and n.search @@ ${q}`, q, limit, after)}) top
    join news_posts n on n.id = top.id
    join schools s on s.id = n.school_id
    left join users a on a.id = n.author_id
    order by top.rank desc, top.at desc, top.id`);
  const hits = found.map((r) => ({
    id: r.id,
    schoolId: r.schoolId,
    schoolName: r.schoolName,
    feed: r.feed,
    author: r.authorId ? { id: r.authorId, firstName: r.firstName ?? '', lastName: r.lastName ?? '', middleName: r.middleName } : null,
    createdAt: toIso(r.createdAt),
    snippet: toHighlighted(r.snippet),
  }));
  return { hits, keys: keysOf(found) };
}
