import { expect, type Page } from '@playwright/test';

/** The app's service worker serves this page (it registers on the first visit and takes the page over). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null), { timeout: 60_000 })
    .toMatch(/\/sw\.js$/);
}

/** The worker's caches as the page sees them: each cache's name and the paths (with query) it holds. */
export function cacheContents(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const out: Record<string, string[]> = {};
    for (const name of await caches.keys()) {
      const keys = await (await caches.open(name)).keys();
      out[name] = keys.map((r) => {
        const url = new URL(r.url);
        return url.pathname + url.search;
      });
    }
    return out;
  });
}

/** The name of the cache that holds the app shell of the worker's build: `parta-shell-<version>`. */
export async function shellCaches(page: Page): Promise<string[]> {
  return Object.keys(await cacheContents(page)).filter((name) => name.startsWith('parta-shell-'));
}

/** The CSP nonce this page was served with (index.html's `<meta property="csp-nonce">`). */
export function pageNonce(page: Page): Promise<string> {
  return page.evaluate(() => document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce ?? '');
}

/** The nonce inside the shell the worker keeps for offline starts. */
export function cachedShellNonce(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const shell = await caches.match('/');
    const html = shell ? await shell.text() : '';
    return /<meta property="csp-nonce" nonce="([^"]+)"/.exec(html)?.[1] ?? '';
  });
}

/**
 * The tab goes to the background as far as the page can tell (`document.visibilityState` is «hidden» and the
 * `visibilitychange` event fires). Headless Chromium keeps every tab «visible», even behind another one.
 */
export async function hideTab(page: Page): Promise<void> {
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

/** The tab comes back to the front. */
export async function showTab(page: Page): Promise<void> {
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

/** The notifications the app's worker shows now: title, body, tag and the address a click opens. */
export function shownNotifications(page: Page): Promise<{ title: string; body: string; tag: string; url: string | null; icon: string }[]> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return (await registration.getNotifications()).map((n) => ({
      title: n.title,
      body: n.body,
      tag: n.tag,
      url: (n.data as { url?: string } | null)?.url ?? null,
      icon: n.icon,
    }));
  });
}
