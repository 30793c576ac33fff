import { type NewsComment, type NewsCommentsResponse, type NewsFeed, type NewsListResponse, type NewsPost, type NewsUnread, newsLimits } from '@parta/contracts';
import { type InfiniteData, type QueryClient, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, query } from '../../api/client';
import { useSchoolEvents } from '../chats/RealtimeProvider';
import { appendNewer, type CommentPages, newestShown, replaceComment } from './commentThread';

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

/**
 * A post's comments: the newest page first, «Показать предыдущие комментарии» fetches the page
 * before the oldest shown (keyset, so none is skipped or repeated while others write).
 */
export function useComments(postId: string, enabled: boolean) {
  return useInfiniteQuery<NewsCommentsResponse, Error, CommentPages, readonly unknown[], string | null>({
    queryKey: newsKeys.comments(postId),
    queryFn: ({ pageParam }) =>
      api<NewsCommentsResponse>('GET', `/news/${postId}/comments${query({ before: pageParam, limit: String(newsLimits.commentPage) })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.hasMore ? (last.data[0]?.id ?? null) : null),
    enabled,
  });
}

const newerInFlight = new Map<string, Promise<void>>();

/**
 * Brings in the comments written after the newest one shown, in order, however many. One fetch
 * per post at a time: two events heard together must not both start from the same newest comment.
 */
export function fetchNewerComments(client: QueryClient, postId: string): Promise<void> {
  const key = newsKeys.comments(postId);
  const run = async () => {
    const shown = client.getQueryData<CommentPages>(key);
    if (!shown) return;
    let after = newestShown(shown);
    if (!after) {
      await client.invalidateQueries({ queryKey: key });
      return;
    }
    for (;;) {
      const page: NewsCommentsResponse = await api<NewsCommentsResponse>('GET', `/news/${postId}/comments${query({ after, limit: String(newsLimits.commentPageMax) })}`);
      client.setQueryData<CommentPages>(key, (d) => (d ? appendNewer(d, page.data) : d));
      after = page.data.at(-1)?.id ?? null;
      if (!page.hasMore || !after) return;
    }
  };
  const next = (newerInFlight.get(postId) ?? Promise.resolve())
    .then(run)
    .catch(() => client.invalidateQueries({ queryKey: key }));
  newerInFlight.set(postId, next);
  return next;
}

/** Refetches one comment (edited or deleted) and puts it in its place. */
export async function refreshComment(client: QueryClient, postId: string, commentId: string): Promise<void> {
  const key = newsKeys.comments(postId);
  if (!client.getQueryData(key)) return;
  try {
    const { data } = await api<{ data: NewsComment }>('GET', `/news/comments/${commentId}`);
    client.setQueryData<CommentPages>(key, (d) => (d ? replaceComment(d, data) : d));
  } catch {
    await client.invalidateQueries({ queryKey: key });
  }
}

export function putComment(client: QueryClient, comment: NewsComment): void {
  client.setQueryData<CommentPages>(newsKeys.comments(comment.postId), (d) => (d ? replaceComment(d, comment) : d));
}

/** Puts a changed post wherever it is shown: its page and the feed that holds it. */
export function putPost(client: QueryClient, post: NewsPost): void {
  client.setQueryData<{ data: NewsPost }>(newsKeys.post(post.id), (old) => (old ? { data: post } : old));
  client.setQueryData<FeedPages>(newsKeys.feed(post.schoolId, post.feed), (d) =>
    d ? { ...d, pages: d.pages.map((p) => ({ ...p, data: p.data.map((x) => (x.id === post.id ? { ...post, isNew: x.isNew } : x)) })) } : d,
  );
}

/** Refetches one edited post; gone meanwhile (404): its feed is refetched instead. */
async function refreshPost(client: QueryClient, schoolId: string, feed: NewsFeed, postId: string): Promise<void> {
  try {
    putPost(client, (await api<{ data: NewsPost }>('GET', `/news/${postId}`)).data);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    void client.invalidateQueries({ queryKey: newsKeys.feed(schoolId, feed) });
    void client.invalidateQueries({ queryKey: newsKeys.post(postId) });
  }
}

export const markRead = (schoolId: string, feed: NewsFeed, postId?: string) =>
  api<{ data: NewsUnread }>('POST', `/schools/${schoolId}/news/read`, { feed, postId });

const pendingRefetch = new Map<string, ReturnType<typeof setTimeout>>();

/**
 * Refetches a query shortly after the first event that asks for it: a burst of events (24 comments
 * in a second) becomes one refetch per screen, started after the burst, instead of 24 that cancel
 * one another — every reader of the school refetches on every event, so this is the server's load too.
 */
function refetchSoon(client: QueryClient, queryKey: readonly unknown[]): void {
  const id = JSON.stringify(queryKey);
  if (pendingRefetch.has(id)) return;
  pendingRefetch.set(
    id,
    setTimeout(() => {
      pendingRefetch.delete(id);
      void client.invalidateQueries({ queryKey });
    }, 250),
  );
}

/**
 * Keeps the news caches of the person's schools live: a `news.*` event of a school refetches its
 * unread counts, and the feed or post it names, wherever they are shown. An edited post or comment
 * is refetched alone and put in its place; new comments are added after the newest shown, so the
 * older pages someone opened stay open. Mounted once per screen that shows news (the school menu's
 * badges, the feeds, a post's page, «Главная»).
 */
export function useLiveNews(schoolId?: string): void {
  const client = useQueryClient();
  useSchoolEvents((sid, event) => {
    if (!event.type.startsWith('news.') || (schoolId && sid !== schoolId)) return;
    const feed = event.feed === 'channel' || event.feed === 'community' ? event.feed : null;
    const postId = typeof event.postId === 'string' ? event.postId : null;
    const commentId = typeof event.commentId === 'string' ? event.commentId : null;
    if (event.type === 'news.updated' && feed && postId) {
      void refreshPost(client, sid, feed, postId);
      return;
    }
    if (event.type === 'news.commentUpdated' && postId && commentId) {
      void refreshComment(client, postId, commentId);
      return;
    }
    refetchSoon(client, newsKeys.unread(sid));
    if (feed) refetchSoon(client, newsKeys.feed(sid, feed));
    if (postId) refetchSoon(client, newsKeys.post(postId));
    if (event.type === 'news.commented' && postId) void fetchNewerComments(client, postId);
    else if (event.type === 'news.commentDeleted' && postId && commentId) void refreshComment(client, postId, commentId);
    else if (postId) void client.invalidateQueries({ queryKey: newsKeys.comments(postId) });
  });
}
