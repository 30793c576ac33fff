import type { WorkerMessage } from './protocol';

/** The parts of a window client the click needs (a fake in clicks.test.ts, the browser's in the worker). */
export interface WindowLike {
  url: string;
  focused: boolean;
  visibilityState: string;
  focus(): Promise<unknown>;
  postMessage(message: WorkerMessage): void;
}

export interface ClientsLike {
  matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<readonly WindowLike[]>;
  openWindow(url: string): Promise<unknown>;
}

/**
 * A notification was clicked: the open Parta window (the focused one, else a visible one, else any) comes to the
 * front and opens `path` with its own router — no reload, the socket stays up; with no window open, a new one
 * opens at `path`.
 */
export async function openFromNotification(clients: ClientsLike, origin: string, path: string): Promise<'navigated' | 'opened'> {
  const windows = (await clients.matchAll({ type: 'window', includeUncontrolled: true })).filter((c) => sameOrigin(c.url, origin));
  const target = windows.find((c) => c.focused) ?? windows.find((c) => c.visibilityState === 'visible') ?? windows[0];
  if (!target) {
    await clients.openWindow(path);
    return 'opened';
  }
  try {
    // First: the browser lets a worker raise a window only for a moment after the click.
    await target.focus();
  } catch {
    // Not allowed any more, or the window is closing: it still goes to the address.
  }
  target.postMessage({ type: 'navigate', url: path });
  return 'navigated';
}

function sameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}
