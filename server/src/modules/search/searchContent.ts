import type { SearchResponse, SearchType } from '@parta/contracts';
import { searchLimits } from '@parta/contracts';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import {
  type Page, type PageKey, parseQuery, type SearchScope, searchArticles, searchDocuments, searchMessages, searchNews,
} from './queries.js';

export interface SearchInput {
  q: string;
  type?: SearchType | undefined;
  limit?: number | undefined;
  /** The `next` of an earlier answer for `type`: the page after it. */
  cursor?: string | undefined;
}

const none = <T>(): Page<T> => ({ hits: [], keys: [] });

/**
 * SRCH-1: what I may see that matches `q`, per kind, ranked over all the matches, a page at a time.
 * The kinds are independent queries; on PostgreSQL they run side by side on the pool's connections.
 */
export async function searchContent(db: Db, actor: Actor | null, input: SearchInput): Promise<SearchResponse> {
  requireActor(actor);
  const limit = input.limit ?? searchLimits.perTypeDefault;
  const after: PageKey | null = input.cursor ? decodeCursor(input.cursor) : null;
  const result: SearchResponse = {
    data: { messages: [], documents: [], articles: [], news: [] },
    more: { messages: false, documents: false, articles: false, news: false },
    next: { messages: null, documents: null, articles: null, news: null },
  };
  const tsq = await parseQuery(db, input.q);
  if (!tsq) return result;
  const scope: SearchScope = {
    userId: actor.userId,
    schoolIds: [...new Set(actor.memberships.map((m) => m.schoolId))],
    runIds: [...new Set(actor.memberships.filter((m) => m.role === 'admin' || m.role === 'leader').map((m) => m.schoolId))],
  };
  const wanted = (type: SearchType) => !input.type || input.type === type;
  // One more than asked tells whether there is more.
  const [messages, documents, articles, news] = await Promise.all([
    wanted('messages') ? searchMessages(db, scope, tsq, limit + 1, after) : none<SearchResponse['data']['messages'][number]>(),
    wanted('documents') ? searchDocuments(db, scope, tsq, limit + 1, after) : none<SearchResponse['data']['documents'][number]>(),
    wanted('articles') ? searchArticles(db, scope, tsq, limit + 1, after) : none<SearchResponse['data']['articles'][number]>(),
    wanted('news') ? searchNews(db, scope, tsq, limit + 1, after) : none<SearchResponse['data']['news'][number]>(),
  ]);
  const pageOf = <T>(page: Page<T>) => {
    const more = page.hits.length > limit;
    const lastKey = page.keys[limit - 1];
    return { hits: page.hits.slice(0, limit), more, next: more && lastKey ? encodeCursor(lastKey) : null };
  };
  const m = pageOf(messages);
  const d = pageOf(documents);
  const a = pageOf(articles);
  const n = pageOf(news);
  result.data = { messages: m.hits, documents: d.hits, articles: a.hits, news: n.hits };
  result.more = { messages: m.more, documents: d.more, articles: a.more, news: n.more };
  result.next = { messages: m.next, documents: d.next, articles: a.next, news: n.next };
  return result;
}
