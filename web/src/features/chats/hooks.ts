import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, query } from '../../api/client';
import { useLive } from './RealtimeProvider';
import {
  type ChatDetailsResponse, type ChatListResponse, type CreateChatRequest, type CreateChatResponse,
  type MessageHistoryResponse, type UnreadResponse, chatKeys,
} from './chatTypes';

/** «Сообщения»: my chats, newest message first; `q` searches by name on the server. */
export function useChatList(q = '') {
  return useQuery({
    queryKey: chatKeys.list(q),
    queryFn: () => api<ChatListResponse>('GET', `/chats${query({ q: q.trim() || undefined })}`),
    placeholderData: (prev) => prev,
  });
}

/** The left menu's badge: unread messages over all my chats. */
export function useUnread(enabled = true) {
  return useQuery({
    queryKey: chatKeys.unread,
    queryFn: () => api<UnreadResponse>('GET', '/chats/unread'),
    enabled,
    // The socket refreshes it on every event; this only catches up after sleep.
    refetchInterval: 120_000,
  });
}

export function useChatDetails(chatId: string | undefined) {
  return useQuery({
    queryKey: chatKeys.details(chatId ?? ''),
    queryFn: () => api<ChatDetailsResponse>('GET', `/chats/${chatId}`),
    enabled: !!chatId,
  });
}

/** History: the newest page first, older pages as the reader scrolls up. */
export function useHistory(chatId: string, enabled: boolean) {
  const { client } = useLive();
  return useInfiniteQuery({
    queryKey: chatKeys.history(chatId),
    queryFn: async ({ pageParam }) => {
      const page = await api<MessageHistoryResponse>(
        'GET',
        `/chats/${chatId}/messages${query({ beforeSeq: pageParam ? String(pageParam) : undefined })}`,
      );
      // The newest page is the chat as of page.lastSeq: after a drop, the socket resumes from there.
      if (!pageParam) client.seenUpTo(chatId, page.lastSeq);
      return page;
    },
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.hasMore && last.data[0] ? last.data[0].seq : undefined),
    enabled,
    staleTime: 30_000,
  });
}

/** Creates a chat (any kind) and opens it. */
export function useCreateChat() {
  const client = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (body: CreateChatRequest) => api<CreateChatResponse>('POST', '/chats', body),
    onSuccess: (r) => {
      client.setQueryData(chatKeys.details(r.data.id), { data: r.data, can: r.can });
      void client.invalidateQueries({ queryKey: chatKeys.all });
      navigate(`/chats/${r.data.id}`);
    },
  });
}
