import { type ComponentType, isValidElement, type LazyExoticComponent, lazy, type ReactNode } from 'react';

/** A screen whose code is loaded when it is first shown, or earlier with `preload()`. */
// biome-ignore lint/suspicious/noExplicitAny: React.lazy's own bound; each screen keeps its own props
export type LazyScreen<T extends ComponentType<any>> = LazyExoticComponent<T> & { preload: () => Promise<unknown> };

/** How long after a reload for a missing script the app gives up reloading and shows the error instead. */
const RELOAD_GUARD_MS = 30_000;
const RELOAD_KEY = 'parta.reloadedForScripts';

/**
 * A screen loaded on demand (its own chunk of the build): `lazyScreen(() => import('./X').then((m) => m.X))`.
 * Shown inside a `<Suspense>`. When the chunk cannot be loaded because a newer version has replaced the files of this
 * one (the server answers 404 for them), the page reloads once into the new version; a second failure soon after
 * (the network is down) reaches the error boundary, which offers to retry.
 */
// biome-ignore lint/suspicious/noExplicitAny: React.lazy's own bound; each screen keeps its own props
export function lazyScreen<T extends ComponentType<any>>(load: () => Promise<T>): LazyScreen<T> {
  let loading: Promise<{ default: T }> | null = null;
  const preload = () => {
    loading ??= load().then(
      (component) => ({ default: component }),
      (error: unknown) => {
        loading = null;
        return reloadOnce(error);
      },
    );
    return loading;
  };
  return Object.assign(lazy(preload), { preload });
}

function reloadOnce(error: unknown): Promise<never> {
  let last = 0;
  try {
    last = Number(sessionStorage.getItem(RELOAD_KEY) ?? 0);
    if (Date.now() - last > RELOAD_GUARD_MS) {
      sessionStorage.setItem(RELOAD_KEY, String(Date.now()));
      window.location.reload();
      return new Promise<never>(() => {});
    }
  } catch {
    // No session storage (private mode): show the error rather than risk reloading in a loop.
  }
  return Promise.reject(error);
}

/**
 * Starts loading the code of every lazy screen in `element` and below (its children, and what it wraps), so a screen
 * behind sign-in loads while the app still asks who is signed in, not after.
 */
export function preloadScreensIn(element: ReactNode): void {
  if (Array.isArray(element)) {
    for (const child of element) preloadScreensIn(child);
    return;
  }
  if (!isValidElement(element)) return;
  const type = element.type as { preload?: () => Promise<unknown> };
  if (typeof type.preload === 'function') void type.preload().catch(() => undefined);
  preloadScreensIn((element.props as { children?: ReactNode }).children);
}
