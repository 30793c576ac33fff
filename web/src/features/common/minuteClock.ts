import { useSyncExternalStore } from 'react';

/**
 * One clock for every date on screen that says «5 минут назад» or «сегодня»: it ticks at the turn of each
 * minute while something listens, and only the components showing such a date re-render — never the list
 * around them. A tab coming back from the background catches up at once (timers sleep there).
 */
let minute = currentMinute();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | null = null;

function currentMinute(): number {
  return Math.floor(Date.now() / 60_000);
}

function tick() {
  const next = currentMinute();
  if (next !== minute) {
    minute = next;
    for (const listener of listeners) listener();
  }
}

function schedule() {
  // To the next minute's start (+50 ms so the clock has surely turned), then again from there.
  timer = setTimeout(() => {
    tick();
    schedule();
  }, 60_000 - (Date.now() % 60_000) + 50);
}

function onVisible() {
  if (document.visibilityState === 'visible') tick();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    tick();
    schedule();
    document.addEventListener('visibilitychange', onVisible);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      if (timer) clearTimeout(timer);
      timer = null;
      document.removeEventListener('visibilitychange', onVisible);
    }
  };
}

/** The current minute (minutes since 1970): changes once a minute, re-rendering only the caller. */
export function useMinute(): number {
  return useSyncExternalStore(subscribe, () => minute, () => minute);
}
