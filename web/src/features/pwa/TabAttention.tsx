import type { Me } from '@parta/contracts';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useMatch } from 'react-router';
import { type ChatDetailsResponse, type ChatListResponse, chatKeys } from '../chats/chatTypes';
import { useUnread } from '../chats/hooks';
import { useChatEvents } from '../chats/RealtimeProvider';
import { type ChatNotification, chatTag, type KnownChat, notificationFor } from './chatNotifications';
import { setFaviconCount } from './faviconBadge';
import { serviceWorkerSupported } from './serviceWorker';
import { setTitleCount } from './titleCount';

/**
 * For a tab left open in the background: the unread count in its title and on its icon (both follow the left
 * menu's badge, live), and a system notification for each new message while it is hidden — when the person has
 * allowed notifications.
 */
export function TabAttention({ me }: { me: Me }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const unread = useUnread().data?.data.totalUnread ?? 0;
  const openChatId = useMatch('/chats/:chatId')?.params.chatId;

  useEffect(() => {
    setTitleCount(unread);
    void setFaviconCount(unread);
  }, [unread]);
  // Signed out (this frame goes away): the title and the icon lose the count.
  useEffect(
    () => () => {
      setTitleCount(0);
      void setFaviconCount(0);
    },
    [],
  );

  useChatEvents((chatId, event) => {
    if (event.type !== 'message.created' || document.visibilityState !== 'hidden' || !notificationsAllowed()) return;
    const note = notificationFor(event.message, knownChat(client, chatId), me.id, t);
    if (note) void showNotification(note);
  });

  // Opening a chat (or coming back to the tab on it) puts away its notifications: they have been read.
  useEffect(() => {
    if (!openChatId) return;
    const clear = () => {
      if (document.visibilityState === 'visible') void closeNotifications(chatTag(openChatId));
    };
    clear();
    document.addEventListener('visibilitychange', clear);
    return () => document.removeEventListener('visibilitychange', clear);
  }, [openChatId]);

  return null;
}

function notificationsAllowed(): boolean {
  return typeof Notification !== 'undefined' && Notification.permission === 'granted';
}

/** The chat as the tab knows it: from the list under «Сообщения» (any search), else from its open screen. */
function knownChat(client: QueryClient, chatId: string): (KnownChat & object) | undefined {
  for (const [, list] of client.getQueriesData<ChatListResponse>({ queryKey: ['chats', 'list'] })) {
    const chat = list?.data.find((c) => c.id === chatId);
    if (chat) return chat;
  }
  return client.getQueryData<ChatDetailsResponse>(chatKeys.details(chatId))?.data;
}

/**
 * Through the service worker, as a push is shown: the notification outlives the tab, and its click goes to the
 * worker, which brings this tab forward on the chat (sw/clicks.ts). Without a worker, a page notification.
 */
async function showNotification(note: ChatNotification): Promise<void> {
  const options = {
    body: note.body,
    tag: note.tag,
    renotify: true,
    icon: '/icons/icon-192.png',
    badge: '/icons/badge-96.png',
    lang: 'ru',
    data: { url: note.url },
  };
  try {
    const registration = serviceWorkerSupported() ? await navigator.serviceWorker.getRegistration() : undefined;
    if (registration?.active) {
      await registration.showNotification(note.title, options);
      return;
    }
    const shown = new Notification(note.title, options);
    shown.onclick = () => {
      window.focus();
      window.location.assign(note.url);
    };
  } catch {
    // Refused (the permission was withdrawn meanwhile): the title and the icon still show the count.
  }
}

async function closeNotifications(tag: string): Promise<void> {
  if (!serviceWorkerSupported()) return;
  try {
    const registration = await navigator.serviceWorker.getRegistration();
    for (const n of (await registration?.getNotifications({ tag })) ?? []) n.close();
  } catch {
    // Nothing to put away.
  }
}
