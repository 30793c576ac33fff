import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chatKeys } from './chatTypes';
import { LIST_REFRESH_MS, listRefresher } from './listRefresh';

afterEach(() => vi.useRealTimers());

describe('listRefresher (the chat lists and badges read again)', () => {
  it('reads them once for a burst of asks — twelve lines sent in a row, each stored, read and echoed — and again after', () => {
    vi.useFakeTimers();
    const client = new QueryClient();
    const invalidate = vi.spyOn(client, 'invalidateQueries').mockResolvedValue();
    const refresh = listRefresher(client);
    for (let line = 0; line < 12; line++) {
      // Per line: my message stored, its event echoed, my read mark moved.
      refresh();
      refresh();
      refresh();
      vi.advanceTimersByTime(20);
    }
    // 240 ms of asks: still within the first wait.
    expect(invalidate).toHaveBeenCalledTimes(0);
    vi.advanceTimersByTime(LIST_REFRESH_MS);
    expect(invalidate).toHaveBeenCalledTimes(1);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: chatKeys.all });
    // A later ask is not lost: it is read again after its own wait.
    refresh();
    vi.advanceTimersByTime(LIST_REFRESH_MS);
    expect(invalidate).toHaveBeenCalledTimes(2);
  });

  it('reads them no sooner than 300 ms after the last ask, so a read mark sent just before is counted', () => {
    vi.useFakeTimers();
    const client = new QueryClient();
    const invalidate = vi.spyOn(client, 'invalidateQueries').mockResolvedValue();
    const refresh = listRefresher(client);
    refresh();
    vi.advanceTimersByTime(250);
    // My read mark moves now: the read that comes must be 300 ms after it, not 50.
    refresh();
    vi.advanceTimersByTime(LIST_REFRESH_MS - 1);
    expect(invalidate).toHaveBeenCalledTimes(0);
    vi.advanceTimersByTime(1);
    expect(invalidate).toHaveBeenCalledTimes(1);
  });

  it('over ten seconds of steady asks stays under the server budget for chat lists (30 per 2 s, 3 lists a read)', () => {
    vi.useFakeTimers();
    const client = new QueryClient();
    const invalidate = vi.spyOn(client, 'invalidateQueries').mockResolvedValue();
    const refresh = listRefresher(client);
    for (let t = 0; t < 10_000; t += 10) {
      refresh();
      vi.advanceTimersByTime(10);
    }
    // Read all the same, about once a second, never starved by the stream of asks.
    expect(invalidate.mock.calls.length).toBeGreaterThanOrEqual(9);
    const readsPer2s = (invalidate.mock.calls.length / 10) * 2;
    expect(readsPer2s * 3).toBeLessThanOrEqual(30);
  });
});
