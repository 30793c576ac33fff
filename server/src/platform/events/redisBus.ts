import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { AppEvent, EventBus, EventHandler, EventOrigin } from './bus.js';

/** One channel for every room: a node's subscriber receives all events and keeps those of its rooms. */
export const REDIS_CHANNEL = 'parta:events';

interface WireMessage {
  /** The publishing node: it has already delivered the event to its own sockets. */
  n: string;
  room: string;
  event: AppEvent;
}

/**
 * The event bus for many nodes: publish = PUBLISH on one Redis channel, and one subscriber
 * connection per node hands every message to this node's handlers (the gateway). The publishing
 * node delivers to its own handlers at once, without the round trip, and skips its own message
 * when it comes back. A lost publish (Redis away) is logged, not thrown: the message is already
 * committed, and the gateway fills the gap from the chat's event log.
 */
export class RedisBus implements EventBus {
  private handlers = new Set<EventHandler>();
  private readonly node = randomBytes(8).toString('hex');

  private constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly onError: (err: unknown) => void,
  ) {
    sub.on('message', (channel: string, text: string) => {
      if (channel !== REDIS_CHANNEL) return;
      let msg: WireMessage;
      try {
        msg = JSON.parse(text) as WireMessage;
      } catch (err) {
        onError(err);
        return;
      }
      if (msg.n === this.node) return;
      this.dispatch(msg.room, msg.event, 'elsewhere');
    });
  }

  /** Connects both connections and subscribes before resolving, so no event published after it is missed. */
  static async connect(url: string, onError: (err: unknown) => void = () => undefined): Promise<RedisBus> {
    const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    const sub = new Redis(url, { lazyConnect: true });
    pub.on('error', onError);
    sub.on('error', onError);
    await Promise.all([pub.connect(), sub.connect()]);
    const bus = new RedisBus(pub, sub, onError);
    await sub.subscribe(REDIS_CHANNEL);
    return bus;
  }

  async publish(room: string, event: AppEvent): Promise<void> {
    this.dispatch(room, event, 'here');
    const msg: WireMessage = { n: this.node, room, event };
    try {
      await this.pub.publish(REDIS_CHANNEL, JSON.stringify(msg));
    } catch (err) {
      this.onError(err);
    }
  }

  subscribe(handler: EventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.handlers.clear();
    await Promise.allSettled([this.sub.quit(), this.pub.quit()]);
  }

  private dispatch(room: string, event: AppEvent, origin: EventOrigin): void {
    for (const h of this.handlers) {
      try {
        h(room, event, origin);
      } catch (err) {
        this.onError(err);
      }
    }
  }
}
