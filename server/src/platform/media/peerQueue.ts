/**
 * Runs each peer's SFU calls one after another. A tab's frames arrive back to back (its answer, then at once the
 * next subscription): an update sent to the SFU while the previous negotiation is still in flight is refused or
 * lost, and the tab would wait for a picture that never comes.
 */
export class PeerQueue {
  private chains = new Map<string, Promise<unknown>>();

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(key) ?? Promise.resolve();
    const result = previous.then(fn);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.chains.set(key, settled);
    void settled.then(() => {
      if (this.chains.get(key) === settled) this.chains.delete(key);
    });
    return result;
  }
}
