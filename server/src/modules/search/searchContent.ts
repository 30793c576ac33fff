import type { SearchResponse, SearchType } from '@parta/contracts';
import { searchLimits } from '@parta/contracts';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { parseQuery, type SearchScope, searchArticles, searchDocuments, searchMessages, searchNews } from './queries.js';

export interface SearchInput {
  q: string;
  type?: SearchType | undefined;
  limit?: number | undefined;
}

/**
 * SRCH-1: what I may see that matches `q`, per kind, ranked. The kinds are independent queries;
 * on PostgreSQL they run side by side on the pool's connections.
 */
export async function searchContent(db: Db, actor: Actor | null, input: SearchInput): Promise<SearchResponse> {
  requireActor(actor);
  const limit = input.limit ?? searchLimits.perTypeDefault;
  const result: SearchResponse = {
    data: { messages: [], documents: [], articles: [], news: [] },
    more: { messages: false, documents: false, articles: false, news: false },
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
    wanted('messages') ? searchMessages(db, scope, tsq, limit + 1) : [],
    wanted('documents') ? searchDocuments(db, scope, tsq, limit + 1) : [],
    wanted('articles') ? searchArticles(db, scope, tsq, limit + 1) : [],
    wanted('news') ? searchNews(db, scope, tsq, limit + 1) : [],
  ]);
  result.data = {
    messages: messages.slice(0, limit),
    documents: documents.slice(0, limit),
    articles: articles.slice(0, limit),
    news: news.slice(0, limit),
  };
  result.more = {
    messages: messages.length > limit,
    documents: documents.length > limit,
    articles: articles.length > limit,
    news: news.length > limit,
  };
  return result;
}
