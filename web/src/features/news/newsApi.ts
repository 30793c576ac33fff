import type { NewsComment, NewsFeed, NewsListResponse, NewsPost, NewsUnread } from '@parta/contracts';
import { type InfiniteData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../../api/client';
import { useSchoolEvents } from '../chats/RealtimeProvider';

export const newsKeys = {
  all: ['news'] as const,
  feed: (schoolId: string, feed: NewsFeed) => ['news', 'feed', schoolId, feed] as const,
  unread: (schoolId: string) => ['news', 'unread', schoolId] as const,
  post: (postId: string) => ['news', 'post', postId] as const,
  comments: (postId: string) => ['news', 'comments', postId] as const,
};

export type FeedPages = InfiniteData<NewsListResponse, string | null>;
export const PAGE = 20;

/** A feed, newest first, page by page (keyset: each next page starts below the last post shown). */
export function useNewsFeed(schoolId: string, feed: NewsFeed, enabled = true) {
  return useInfiniteQuery({
    queryKey: newsKeys.feed(schoolId, feed),
    queryFn: ({ pageParam }) =>
      api<NewsListResponse>('GET', `/schools/${schoolId}/news${query({ feed, before: pageParam, limit: String(PAGE) })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.hasMore ? (last.data.at(-1)?.id ?? null) : null),
    // «Новое» marks are computed when a page is fetched; refetching on focus would move them under the reader.
    refetchOnWindowFocus: false,
    enabled,
  });
}

export function useNewsUnread(schoolId: string | undefined) {
  return useQuery({
    queryKey: newsKeys.unread(schoolId ?? ''),
    queryFn: () => api<{ data: NewsUnread }>('GET', `/schools/${schoolId}/news/unread`),
    enabled: !!schoolId,
    staleTime: 30_000,
  });
}

export function usePost(postId: string) {
  return useQuery({ queryKey: newsKeys.post(postId), queryFn: () => api<{ data: NewsPost }>('GET', `/news/${postId}`) });
}

export function useComments(postId: string, enabled: boolean) {
  return useQuery({
    queryKey: newsKeys.comments(postId),
    queryFn: () => api<{ data: NewsComment[]; can: { comment: boolean } }>('GET', `/news/${postId}/comments`),
    enabled,
  });
}

export const markRead = (schoolId: string, feed: NewsFeed, postId?: string) =>
  api<{ data: NewsUnread }>('POST', `/schools/${schoolId}/news/read`, { feed, postId });

/**
 * Keeps the news caches of the person's schools live: a `news.*` event of a school refetches its
 * unread counts, and the feed or post it names, wherever they are shown. Mounted once per screen
 * that shows news (the school menu's badges, the feeds, a post's page, «Главная»).
 */
export function useLiveNews(schoolId?: string): void {
  const client = useQueryClient();
  useSchoolEvents((sid, event) => {
    if (!event.type.startsWith('news.') || (schoolId && sid !== schoolId)) return;
    void client.invalidateQueries({ queryKey: newsKeys.unread(sid) });
    const feed = event.feed === 'channel' || event.feed === 'community' ? event.feed : null;
    if (feed) void client.invalidateQueries({ queryKey: newsKeys.feed(sid, feed) });
    if (typeof event.postId === 'string') {
      void client.invalidateQueries({ queryKey: newsKeys.post(event.postId) });
      void client.invalidateQueries({ queryKey: newsKeys.comments(event.postId) });
    }
  });
}
