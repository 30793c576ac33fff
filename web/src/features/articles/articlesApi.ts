import {
  type ArticleListResponse, type ArticleResponse, articleEvent, type CreateArticleRequest, type CreatePollRequest,
  type UpdateArticleRequest,
} from '@parta/contracts';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useSchoolEvents } from '../chats/RealtimeProvider';

export const articleKeys = {
  all: ['articles'] as const,
  list: (schoolId: string, drafts: boolean, q: string) => ['articles', 'list', schoolId, drafts, q] as const,
  one: (articleId: string) => ['articles', 'one', articleId] as const,
};

export function useArticleList(schoolId: string, drafts: boolean, q: string) {
  const params = new URLSearchParams({ limit: '50' });
  if (drafts) params.set('drafts', 'true');
  if (q) params.set('q', q);
  return useQuery({
    queryKey: articleKeys.list(schoolId, drafts, q),
    queryFn: () => api<ArticleListResponse>('GET', `/schools/${schoolId}/articles?${params}`),
    placeholderData: keepPreviousData,
  });
}

export function useArticle(articleId: string | undefined) {
  return useQuery({
    queryKey: articleKeys.one(articleId ?? ''),
    queryFn: () => api<ArticleResponse>('GET', `/articles/${articleId}`),
    enabled: Boolean(articleId),
  });
}

export const articlesApi = {
  create: (schoolId: string, body: CreateArticleRequest) => api<ArticleResponse>('POST', `/schools/${schoolId}/articles`, body),
  update: (articleId: string, body: UpdateArticleRequest) => api<ArticleResponse>('PATCH', `/articles/${articleId}`, body),
  publish: (articleId: string) => api<ArticleResponse>('POST', `/articles/${articleId}/publish`),
  remove: (articleId: string) => api<{ ok: true }>('DELETE', `/articles/${articleId}`),
  attachPoll: (articleId: string, poll: CreatePollRequest) => api<ArticleResponse>('POST', `/articles/${articleId}/polls`, poll),
};

/** Lists and open articles refetch when an article of the school is published, changed or deleted. */
export function useLiveArticles() {
  const client = useQueryClient();
  useSchoolEvents((_schoolId, event) => {
    const parsed = articleEvent.safeParse(event);
    if (!parsed.success) return;
    void client.invalidateQueries({ queryKey: ['articles', 'list'] });
    void client.invalidateQueries({ queryKey: articleKeys.one(parsed.data.articleId) });
  });
}
