import type { QueryClient } from '@tanstack/react-query';
import { chatKeys } from './chatTypes';

/** How often, at most, a tab reads its chat lists, unread counts and the open chat's card again. */
export const LIST_REFRESH_MS = 300;

/**
 * The one way a tab asks for its chat lists and badges again after something changed (an event, a message of mine
 * stored, my read mark moved): at most once per LIST_REFRESH_MS however many ask, the last ask never lost. A teacher
 * sending twelve lines in a row would otherwise read the lists two or three times per line — past the server's
 * budget for them (server/src/http/rateLimitBudgets.ts, `chatLists`), and the chat would say «Слишком много запросов».
 */
export function listRefresher(client: QueryClient, ms = LIST_REFRESH_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      void client.invalidateQueries({ queryKey: chatKeys.all });
    }, ms);
  };
}
