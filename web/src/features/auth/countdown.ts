import { useCallback, useEffect, useState } from 'react';

/** «01:46» — minutes and seconds, as the guide's SMS timer shows them. */
export function formatCountdown(totalSeconds: number): string {
  const s = Math.max(0, Math.ceil(totalSeconds));
  const mm = String(Math.floor(s / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${mm}:${ss}`;
}

/** «1:47» — the wait before a new code may be asked for, as a sentence says it. */
export function formatWait(totalSeconds: number): string {
  return formatCountdown(totalSeconds).replace(/^0(\d)/, '$1');
}

/**
 * Seconds left until a moment `seconds` from now. Counts against the clock rather than ticks, so a
 * throttled background tab still shows the right time. `restart` starts a new count.
 */
export function useCountdown(seconds: number): { remaining: number; restart: (seconds: number) => void } {
  const [deadline, setDeadline] = useState(() => Date.now() + seconds * 1000);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (now >= deadline) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [deadline, now]);

  const restart = useCallback((s: number) => {
    const t = Date.now();
    setNow(t);
    setDeadline(t + s * 1000);
  }, []);

  return { remaining: Math.max(0, Math.ceil((deadline - now) / 1000)), restart };
}
