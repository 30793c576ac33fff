import { useEffect } from 'react';
import { useLive } from '../chats/RealtimeProvider';

/**
 * Tells the server, over the tab's socket, that this chat is on screen while the tab is visible — so no push comes
 * for messages the person is reading right now. Hidden, or another screen, and pushes come again.
 */
export function useViewingChat(chatId: string): void {
  const { client } = useLive();
  useEffect(() => {
    const update = () => client.viewing(document.visibilityState === 'visible' ? chatId : null);
    update();
    document.addEventListener('visibilitychange', update);
    return () => {
      document.removeEventListener('visibilitychange', update);
      client.viewing(null);
    };
  }, [client, chatId]);
}
