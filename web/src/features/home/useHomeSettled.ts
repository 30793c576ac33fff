import type { Me, NewsListResponse } from '@parta/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api, query } from '../../api/client';
import type { JoinRequestsResponse } from '../../api/types';
import { mySchools } from '../../app/primaryRole';
import { myRequestsKey } from '../chats/RealtimeProvider';
import { type ChatListResponse, chatKeys } from '../chats/chatTypes';
import { type LiveLessonsResponse, lessonKeys } from '../lessons/api';
import { newsKeys, PAGE } from '../news/newsApi';

/** The longest «Главная» waits for its blocks before showing what it has (a slow request must not hide the page). */
const MAX_WAIT_MS = 3000;

export const fetchMyRequests = () => api<JoinRequestsResponse>('GET', '/me/join-requests');

/**
 * True once the data of every block of «Главная» is in the cache (my requests, my chats, lessons going on, each
 * school's unread news and, where there is some, its newest page), or after MAX_WAIT_MS. The page shows skeletons
 * until then and its blocks all at once after: blocks arriving one by one pushed each other down for a second and a
 * half after sign-in (a layout shift of about 0.3). The blocks read the same cache keys, so nothing is fetched twice.
 */
export function useHomeSettled(me: Me): boolean {
  const client = useQueryClient();
  const schoolIds = mySchools(me).map((s) => s.schoolId);
  const loaded = useQuery({
    queryKey: ['homeSettled', me.id, schoolIds],
    queryFn: async () => {
      await Promise.allSettled([
        client.prefetchQuery({ queryKey: myRequestsKey, queryFn: fetchMyRequests }),
        client.prefetchQuery({ queryKey: chatKeys.list(''), queryFn: () => api<ChatListResponse>('GET', '/chats') }),
        client.prefetchQuery({ queryKey: lessonKeys.live, queryFn: () => api<LiveLessonsResponse>('GET', '/lessons/live') }),
        ...schoolIds.map(async (id) => {
          const unread = await client.fetchQuery({
            queryKey: newsKeys.unread(id),
            queryFn: () => api<{ data: { channel: number } }>('GET', `/schools/${id}/news/unread`),
            staleTime: 30_000,
          });
          if (unread.data.channel === 0) return;
          await client.prefetchInfiniteQuery({
            queryKey: newsKeys.feed(id, 'channel'),
            queryFn: ({ pageParam }) =>
              api<NewsListResponse>('GET', `/schools/${id}/news${query({ feed: 'channel', before: pageParam, limit: String(PAGE) })}`),
            initialPageParam: null as string | null,
          });
        }),
      ]);
      return true;
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [waitedEnough, setWaitedEnough] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setWaitedEnough(true), MAX_WAIT_MS);
    return () => clearTimeout(timer);
  }, []);
  // Once shown, the page stays shown: a new school (an approval heard live) must not bring the skeletons back.
  const shown = useRef(false);
  if (loaded.isSuccess || waitedEnough) shown.current = true;
  return shown.current;
}
