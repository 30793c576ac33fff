// What the page and the service worker (sw.ts) agree on: cache names, messages, the push payload. Pure code: the
// page's bundle and the worker's both import it.

/** The API answers kept for offline use; they belong to the signed-in session and go when it ends. */
export const API_CACHE = 'parta-api';
/** The app shell and the build's files, one cache per build (the version follows the prefix). */
export const SHELL_CACHE_PREFIX = 'parta-shell-';
/** Set by the worker on an API answer it took from its cache because the server could not be reached. */
export const OFFLINE_HEADER = 'x-parta-offline';

/** From the page to the worker. */
export type PageMessage =
  /** «Обновить»: the waiting worker takes over now (the page reloads when it controls it). */
  | { type: 'skip-waiting' }
  /** Signed out: forget the API answers of the session. */
  | { type: 'forget-session' };

/** From the worker to a page. */
export type WorkerMessage =
  /** A notification was clicked: open this app path in the page, with its own router. */
  { type: 'navigate'; url: string };

/** What a push carries (the push module of the server sends it, JSON). */
export interface PushPayload {
  title: string;
  body: string;
  /** An app path: `/chats/<id>`. */
  url: string;
  /** Notifications with the same tag replace each other (`chat:<chatId>`): one per chat, the newest. */
  tag?: string;
}

/**
 * A path inside the app, or `/`. A notification's address comes from a push or from the page; whatever it says, a
 * click never leads to another site (`//evil.example`, `https://…`, `javascript:`).
 */
export function appPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  try {
    const url = new URL(value, 'https://parta.invalid');
    return url.origin === 'https://parta.invalid' ? url.pathname + url.search + url.hash : '/';
  } catch {
    return '/';
  }
}

const MAX_TITLE = 200;
const MAX_BODY = 1000;

/** Reads a push's data; null when it is not the JSON above (the worker then still shows something: browsers require it). */
export function parsePushPayload(text: string | null | undefined): PushPayload | null {
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { title, body, url, tag } = value as Record<string, unknown>;
  if (typeof title !== 'string' || title.trim() === '' || typeof body !== 'string') return null;
  return {
    title: title.slice(0, MAX_TITLE),
    body: body.slice(0, MAX_BODY),
    url: appPath(url),
    ...(typeof tag === 'string' && tag !== '' ? { tag: tag.slice(0, 100) } : {}),
  };
}
