import type { StoredChatEvent } from '../modules/chats/chatEvents.js';

interface ChatOrder {
  /** The seq this node delivers next; undefined until the chat's position is known. */
  next: number | undefined;
  /** Events that arrived ahead of a missing one. */
  held: Map<number, StoredChatEvent>;
  timer: NodeJS.Timeout | null;
}

export interface SequencerOptions {
  /** Delivers one event to the node's sockets; called in seq order per chat, each seq once. */
  deliver: (e: StoredChatEvent) => void;
  /** Reads events fromSeq ≤ seq < toSeq from the log, to fill a gap the bus left. */
  fetch: (chatId: string, fromSeq: number, toSeq: number) => Promise<StoredChatEvent[]>;
  /** How long an out-of-order event waits for the missing one before the log is read. */
  gapWaitMs: number;
  onError: (err: unknown) => void;
}

/**
 * Puts one node's live chat events back into seq order. Publishes happen after commit, from
 * different transactions and (with Redis) different nodes, so seq 7 may arrive before seq 6; a
 * publish may also be lost (a node dies between commit and publish). Seqs are handed out inside the
 * transaction under the chat row's lock, so when 7 is committed 6 is too: a gap that outlasts
 * gapWaitMs is filled from chat_events, and nobody sees 7 before 6 or any seq twice.
 */
export class ChatSequencer {
  private orders = new Map<string, ChatOrder>();
  constructor(private opts: SequencerOptions) {}

  /** Starts following a chat from the position read from the database (its last seq). */
  start(chatId: string, lastSeq: number): void {
    const o = this.order(chatId);
    if (o.next !== undefined) return;
    o.next = lastSeq + 1;
    for (const seq of [...o.held.keys()]) if (seq < o.next) o.held.delete(seq);
    this.drain(chatId, o);
  }

  has(chatId: string): boolean {
    return this.orders.get(chatId)?.next !== undefined;
  }

  push(e: StoredChatEvent): void {
    const o = this.order(e.chatId);
    if (o.next !== undefined && e.seq < o.next) return;
    if (o.next === e.seq) {
      o.next += 1;
      this.opts.deliver(e);
      this.drain(e.chatId, o);
      return;
    }
    o.held.set(e.seq, e);
    // Before start() the position is unknown: hold, start() decides.
    if (o.next !== undefined) this.armGapTimer(e.chatId, o);
  }

  /** The node has no socket left in this chat. */
  forget(chatId: string): void {
    const o = this.orders.get(chatId);
    if (o?.timer) clearTimeout(o.timer);
    this.orders.delete(chatId);
  }

  close(): void {
    for (const chatId of [...this.orders.keys()]) this.forget(chatId);
  }

  private order(chatId: string): ChatOrder {
    let o = this.orders.get(chatId);
    if (!o) {
      o = { next: undefined, held: new Map(), timer: null };
      this.orders.set(chatId, o);
    }
    return o;
  }

  private drain(chatId: string, o: ChatOrder): void {
    if (o.next === undefined) return;
    for (let e = o.held.get(o.next); e; e = o.held.get(o.next)) {
      o.held.delete(o.next);
      o.next += 1;
      this.opts.deliver(e);
    }
    if (o.held.size === 0 && o.timer) {
      clearTimeout(o.timer);
      o.timer = null;
    } else if (o.held.size > 0) this.armGapTimer(chatId, o);
  }

  private armGapTimer(chatId: string, o: ChatOrder): void {
    if (o.timer) return;
    o.timer = setTimeout(() => {
      o.timer = null;
      void this.fillGap(chatId, o).catch(this.opts.onError);
    }, this.opts.gapWaitMs);
  }

  private async fillGap(chatId: string, o: ChatOrder): Promise<void> {
    if (o.next === undefined || o.held.size === 0 || this.orders.get(chatId) !== o) return;
    const upTo = Math.min(...o.held.keys());
    const missing = await this.opts.fetch(chatId, o.next, upTo);
    if (this.orders.get(chatId) !== o) return;
    for (const e of missing) this.push(e);
    // The log is the truth: a seq it does not hold will never come; step over it.
    if (o.next !== undefined && o.next < upTo && o.held.size > 0) {
      o.next = upTo;
      this.drain(chatId, o);
    }
  }
}
