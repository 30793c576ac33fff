import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { Actor } from '../policy/actor.js';
import { corkForThisTurn } from './corking.js';

/** A frame already serialised once for every socket of a room. */
export type Wire = Buffer;

interface Held {
  chatId: string;
  seq: number;
  wire: Wire;
}

/**
 * One open socket (one browser tab). Tracks, per chat, the last seq written to it: every chat
 * event goes through `deliver`, which writes it only if it is newer, so replay and live delivery
 * together give each seq exactly once. While a resume is replaying, live events wait in `held`.
 */
export class Connection {
  /**
   * Rooms this socket is in: `user:<id>`, `chat:<id>` for each chat of the user, and the standing rooms of their
   * memberships (`school:<id>`, `school-admin:<id>`, `class:<id>`).
   */
  readonly rooms = new Set<string>();
  /** Answered the last heartbeat ping. */
  alive = true;
  /**
   * Frames received and not yet answered (set by the route, which counts them from before this object exists): a
   * stopping node answers them before it closes the socket.
   */
  inFlight: ReadonlySet<Promise<unknown>> = new Set();
  private seen = new Map<string, number>();
  private held: Held[] | null;
  private holdTimer: NodeJS.Timeout | null = null;
  /** Resumes run one after another. */
  private resumeChain: Promise<void> = Promise.resolve();
  private lastTypingAt = new Map<string, number>();

  constructor(
    readonly ws: WebSocket,
    /** Who the socket is; its memberships are re-read when they change, so frames are judged on the current ones. */
    public actor: Actor,
    readonly name: string,
    private readonly maxBufferedBytes: number,
    /** Live events are held until the first resume (or this long), so a resume never follows newer events. */
    firstResumeWaitMs: number,
    /** The TCP socket under the WebSocket, corked per turn so a burst of frames is one write. */
    private readonly tcp: Socket | null = null,
  ) {
    this.held = [];
    this.holdTimer = setTimeout(() => this.release(), firstResumeWaitMs);
    this.holdTimer.unref();
  }

  get userId(): string {
    return this.actor.userId;
  }

  isIn(chatId: string): boolean {
    return this.rooms.has(`chat:${chatId}`);
  }

  /** Writes a frame unless the socket is too far behind; a slow socket is cut and resumes later. */
  write(wire: Wire | string): void {
    const ws = this.ws;
    if (ws.readyState !== ws.OPEN) return;
    // Judged at the first write of a turn: what is still unsent then is what the client failed to read
    // (a burst written within this turn is the server's own, and leaves when the turn ends).
    const firstThisTurn = this.tcp ? corkForThisTurn(this.tcp) : true;
    if (firstThisTurn && ws.bufferedAmount > this.maxBufferedBytes) {
      // Skipping would leave a silent gap; closing makes the client reconnect and resume.
      ws.terminate();
      return;
    }
    ws.send(wire, { binary: false });
  }

  /** A live chat event from the room. */
  deliver(chatId: string, seq: number, wire: Wire): void {
    if (this.held) {
      this.held.push({ chatId, seq, wire });
      return;
    }
    this.deliverNow(chatId, seq, wire);
  }

  /** A replayed event: written if newer than what this socket has. */
  deliverNow(chatId: string, seq: number, wire: Wire): void {
    const last = this.seen.get(chatId);
    if (last !== undefined && seq <= last) return;
    this.seen.set(chatId, seq);
    this.write(wire);
  }

  /** The position a replay of this chat starts after: what the client has, or what we sent. */
  replayFrom(chatId: string, clientSeq: number): number {
    return Math.max(clientSeq, this.seen.get(chatId) ?? -1);
  }

  /** The client has everything up to seq (told by resume, or it will refetch after a resync). */
  markSeen(chatId: string, seq: number): void {
    const last = this.seen.get(chatId);
    if (last === undefined || seq > last) this.seen.set(chatId, seq);
  }

  forgetChat(chatId: string): void {
    this.seen.delete(chatId);
    this.lastTypingAt.delete(chatId);
  }

  /** Runs a resume with live events held, then writes what was held and is still new. */
  resume(run: () => Promise<void>): Promise<void> {
    const next = this.resumeChain.then(async () => {
      this.hold();
      try {
        await run();
      } finally {
        this.release();
      }
    });
    this.resumeChain = next.catch(() => undefined);
    return next;
  }

  /** True at most once a second per chat: typing notices are cheap hints, not a stream. */
  mayType(chatId: string, now: number): boolean {
    const last = this.lastTypingAt.get(chatId) ?? 0;
    if (now - last < 1000) return false;
    this.lastTypingAt.set(chatId, now);
    return true;
  }

  /** Resolves when every frame received so far is answered (frames that arrive meanwhile are waited for too). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  close(): void {
    if (this.holdTimer) clearTimeout(this.holdTimer);
    this.holdTimer = null;
    this.held = null;
  }

  private hold(): void {
    this.held ??= [];
  }

  private release(): void {
    if (this.holdTimer) clearTimeout(this.holdTimer);
    this.holdTimer = null;
    const held = this.held;
    this.held = null;
    if (!held) return;
    for (const h of held) if (this.isIn(h.chatId)) this.deliverNow(h.chatId, h.seq, h.wire);
  }
}
