import { describe, expect, it } from 'vitest';
import { PeerQueue } from './peerQueue.js';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PeerQueue', () => {
  it("runs one peer's calls in the order they came, other peers' alongside; a failure does not stop the next", async () => {
    const q = new PeerQueue();
    const log: string[] = [];
    const call = (key: string, name: string, ms: number, fail = false) =>
      q.run(key, async () => {
        log.push(`${name} start`);
        await wait(ms);
        log.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      });
    const answer = call('lesson/anna', 'answer', 40, true);
    const subscribe = call('lesson/anna', 'subscribe', 1);
    const other = call('lesson/boris', 'other', 1);
    await expect(answer).rejects.toThrow('answer');
    expect(await subscribe).toBe('subscribe');
    expect(await other).toBe('other');
    // Boris did not wait for Anna; Anna's subscription waited for her answer to finish.
    expect(log.indexOf('other end')).toBeLessThan(log.indexOf('answer end'));
    expect(log.indexOf('subscribe start')).toBeGreaterThan(log.indexOf('answer end'));
  });
});
