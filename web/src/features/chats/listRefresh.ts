import type { QueryClient } from '@tanstack/react-query';
import { chatKeys } from './chatTypes';

/** A read of the lists comes this long after the last ask: the server has applied what was asked about by then. */
export const LIST_REFRESH_MS = 300;
/** However steady the asks, the lists are read at least this often. */
export const LIST_REFRESH_MAX_WAIT_MS = 1000;

/**
 * The one way a tab asks for its chat lists, unread counts and chat cards again after something changed (an event,
 * a message of mine stored, my read mark moved). Asks close together make one read, LIST_REFRESH_MS after the last
 * of them (so a read mark sent just before is counted), and never more than LIST_REFRESH_MAX_WAIT_MS apart. A
 * teacher sending twelve lines in a row would otherwise read the lists two or three times per line — past the
 * server's budget for them (server/src/http/rateLimitBudgets.ts, `chatLists`), and the chat would say «Слишком
 * много запросов».
 */
export function listRefresher(client: QueryClient, ms = LIST_REFRESH_MS, maxWait = LIST_REFRESH_MAX_WAIT_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstAsk = 0;
  let lastAsk = 0;
  const read = () => {
    timer = null;
    void client.invalidateQueries({ queryKey: chatKeys.all });
    // A read forced by the longest wait may come right after an ask: one more, after that ask's own wait.
    if (Date.now() - lastAsk < ms) {
      firstAsk = Date.now();
      timer = setTimeout(read, ms);
    }
  };
  return () => {
    const now = Date.now();
    lastAsk = now;
    if (timer === null) firstAsk = now;
    else clearTimeout(timer);
    timer = setTimeout(read, Math.max(0, Math.min(ms, firstAsk + maxWait - now)));
  };
}
