import { afterEach, describe, expect, it, vi } from 'vitest';
import { OFFLINE_HEADER } from '../sw/protocol';
import { connectivity, isOffline, noteApiAnswer, subscribeConnectivity } from './connectivity';

const answer = (status: number, headers: Record<string, string> = {}) => new Response('{}', { status, headers });

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('«Нет связи»', () => {
  it('comes with a failed call or a kept answer, and goes when the server answers again (asked by itself)', async () => {
    vi.useFakeTimers();
    const health = vi.fn().mockRejectedValueOnce(new TypeError('Failed to fetch')).mockResolvedValue(answer(200));
    vi.stubGlobal('fetch', health);
    const seen: boolean[] = [];
    const stop = subscribeConnectivity(() => seen.push(isOffline()));

    noteApiAnswer(answer(200, { [OFFLINE_HEADER]: '1' }));
    expect(isOffline()).toBe(true);
    expect(connectivity().showingKept).toBe(true);
    noteApiAnswer(null);
    expect(isOffline()).toBe(true);

    // The first probe fails (3 s), the next one (6 s later) reaches the server.
    await vi.advanceTimersByTimeAsync(3_000);
    expect(health).toHaveBeenCalledWith('/api/health', expect.objectContaining({ cache: 'no-store' }));
    expect(isOffline()).toBe(true);
    await vi.advanceTimersByTimeAsync(6_000);
    expect(health).toHaveBeenCalledTimes(2);
    expect(isOffline()).toBe(false);
    expect(connectivity().showingKept).toBe(false);
    expect(seen).toEqual([true, false]);
    stop();
  });

  it('a refusal is an answer: the server is there', () => {
    noteApiAnswer(answer(403));
    expect(isOffline()).toBe(false);
    noteApiAnswer(answer(502));
    expect(isOffline()).toBe(true);
    noteApiAnswer(answer(500));
    expect(isOffline()).toBe(false);
  });

  it('follows the browser going offline and back', () => {
    const stop = subscribeConnectivity(() => {});
    window.dispatchEvent(new Event('offline'));
    expect(isOffline()).toBe(true);
    window.dispatchEvent(new Event('online'));
    expect(isOffline()).toBe(false);
    stop();
  });
});
