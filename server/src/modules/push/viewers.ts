import { randomBytes } from 'node:crypto';
import { eq, inArray, like } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../../deps.js';
import { chatViewers } from '../../db/pushSchema.js';

/** How often a node vouches for the chats its sockets show (ms). */
export const VIEWER_HEARTBEAT_MS = 30_000;
/** A viewer row not vouched for in this long is a crashed node's, and no longer holds pushes back. */
export const VIEWER_STALE_MS = 3 * VIEWER_HEARTBEAT_MS;

/** What the tracker needs of a socket: whose it is, and whether it may see a chat (it is in the chat's room). */
export interface ViewerSocket {
  readonly userId: string;
  isIn(chatId: string): boolean;
}

interface Seen {
  socketId: string;
  chatId: string | null;
  /** Writes of one socket go one after another, so an older state never lands after a newer one. */
  chain: Promise<void>;
}

/**
 * «Not the chat they are looking at right now»: each tab tells its socket which chat it shows while visible
 * (`viewing` frames), and this node keeps that in `chat_viewers`, where the node sending a push — any node — reads it.
 * Rows are per socket, refreshed on a heartbeat and deleted when the socket closes; a crashed node's rows go stale.
 */
export class ChatViewers {
  private readonly node = randomBytes(6).toString('hex');
  private next = 0;
  private sockets = new Map<ViewerSocket, Seen>();
  private timer: NodeJS.Timeout;

  constructor(
    private readonly deps: Pick<AppDeps, 'db' | 'clock'>,
    private readonly log: FastifyBaseLogger,
    heartbeatMs = VIEWER_HEARTBEAT_MS,
  ) {
    this.timer = setInterval(() => void this.heartbeat(), heartbeatMs);
    this.timer.unref();
  }

  /** The tab now shows `chatId` (null: nothing, or it is hidden). A chat the socket is not in counts as nothing. */
  set(socket: ViewerSocket, chatId: string | null): Promise<void> {
    const shown = chatId !== null && socket.isIn(chatId) ? chatId : null;
    let seen = this.sockets.get(socket);
    if (!seen) {
      if (shown === null) return Promise.resolve();
      this.next += 1;
      seen = { socketId: `${this.node}:${this.next}`, chatId: null, chain: Promise.resolve() };
      this.sockets.set(socket, seen);
    }
    const s = seen;
    s.chatId = shown;
    s.chain = s.chain
      .then(() => this.write(s.socketId, socket.userId, shown))
      .catch((err) => this.log.error({ err }, 'push: storing the chat a tab shows failed'));
    return s.chain;
  }

  /** The socket closed. */
  drop(socket: ViewerSocket): Promise<void> {
    const seen = this.sockets.get(socket);
    if (!seen) return Promise.resolve();
    this.sockets.delete(socket);
    return seen.chain
      .then(() => this.write(seen.socketId, socket.userId, null))
      .catch((err) => this.log.error({ err }, 'push: forgetting a closed tab failed'));
  }

  /** Vouches for this node's viewing sockets: one UPDATE. */
  async heartbeat(): Promise<void> {
    const ids = [...this.sockets.values()].filter((s) => s.chatId !== null).map((s) => s.socketId);
    if (ids.length === 0) return;
    await this.deps.db
      .update(chatViewers)
      .set({ seenAt: this.deps.clock.now() })
      .where(inArray(chatViewers.socketId, ids))
      .catch((err) => this.log.error({ err }, 'push: viewer heartbeat failed'));
  }

  /** On shutdown: this node's tabs show nothing any more. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.sockets.clear();
    await this.deps.db
      .delete(chatViewers)
      .where(like(chatViewers.socketId, `${this.node}:%`))
      .catch((err) => this.log.error({ err }, 'push: forgetting this node’s tabs failed'));
  }

  private async write(socketId: string, userId: string, chatId: string | null): Promise<void> {
    if (chatId === null) {
      await this.deps.db.delete(chatViewers).where(eq(chatViewers.socketId, socketId));
      return;
    }
    const seenAt = this.deps.clock.now();
    await this.deps.db
      .insert(chatViewers)
      .values({ socketId, userId, chatId, seenAt })
      .onConflictDoUpdate({ target: chatViewers.socketId, set: { chatId, seenAt } });
  }
}
