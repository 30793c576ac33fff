import type { Message } from '@parta/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { type History, type MessageResponse, chatKeys } from '../chats/chatTypes';
import { applyEvent } from '../chats/historyCache';

/** Saves an edited text; the history changes at once, everyone else sees it through `message.edited`. */
export function useEditMessage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ message, text }: { message: Message; text: string }) => api<MessageResponse>('PATCH', `/messages/${message.id}`, { text }),
    onSuccess: (r) => {
      client.setQueryData<History>(chatKeys.history(r.data.chatId), (h) =>
        applyEvent(h, { type: 'message.edited', messageId: r.data.id, text: r.data.text, editedAt: r.data.editedAt ?? r.data.createdAt }),
      );
    },
  });
}
