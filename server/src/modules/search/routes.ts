import { searchQuery, searchResponse } from '@parta/contracts';
import type { AppDeps } from '../../deps.js';
import type { ApiInstance } from '../../http/types.js';
import { searchContent } from './searchContent.js';

/** SRCH-1: the header's search box — messages, documents and videos, articles, news. */
export async function registerSearchRoutes(api: ApiInstance, deps: AppDeps): Promise<void> {
  api.get('/search', { schema: { tags: ['search'], querystring: searchQuery, response: { 200: searchResponse } } }, async (req) =>
    searchContent(deps.db, req.actor, req.query),
  );
}
