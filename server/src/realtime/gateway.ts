import type { Socket } from 'node:net';
import { socketCloseCodes } from '@parta/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { AppDeps } from '../deps.js';
import type { StoredChatEvent } from '../modules/chats/chatEvents.js';
import { chatIdsOfUser } from '../modules/chats/queries.js';
import type { AppEvent } from '../platform/events/bus.js';
import type { Actor } from '../policy/actor.js';
import { Connection, type Wire } from './connection.js';
import { eventsAfter, eventsBetween, lastSeqsOf, standingOf } from './queries.js';
import { ChatSequencer } from './sequencer.js';
import { type SocketCapOptions, SocketCaps } from './socketCaps.js';

export interface GatewayOptions {
  /** Ping every socket this often; one that has not answered the previous ping is closed. */
  heartbeatMs: number;
  /** A socket whose unsent bytes pass this is cut (it resumes on reconnect). */
  maxBufferedBytes: number;
  /** More events than this missed in a chat → `resync` instead of a replay. */
  maxReplay: number;
  gapWaitMs: number;
  firstResumeWaitMs: number;
  /** A lesson participant whose socket dropped has this long to come back before their stay closes. */
  lessonGraceMs: number;
  /** Sockets one session and one person may hold on this node (see SocketCaps). */
  socketCaps: SocketCapOptions;
}

export const defaultGatewayOptions: GatewayOptions = {
  heartbeatMs: 30_000,
  maxBufferedBytes: 4 * 1024 * 1024,
  maxReplay: 1000,
  gapWaitMs: 150,
  firstResumeWaitMs: 1000,
  lessonGraceMs: 20_000,
  socketCaps: { perSession: 20, perUser: 50 },
};

const wireOf = (frame: object): Wire => Buffer.from(JSON.stringify(frame));
const RESUMED = wireOf({ t: 'resumed' });

/**
 * Events in a person's `user:` room that mean their memberships or chats changed (joined a school, approved, an
 * invitation accepted, put into or taken out of a class or a chat): their sockets here re-read their rooms before
 * the event is written, so the client that hears it already receives the new school's and class's events.
 */
const ROOMS_CHANGED = new Set(['chats.changed', 'member.joined', 'member.left', 'memberships.changed', 'class.teacherJoined']);
/** Rooms that follow memberships (chat rooms follow chat membership instead). */
const isStandingRoom = (room: string) => room.startsWith('school:') || room.startsWith('school-admin:') || room.startsWith('class:');

/**
 * The node's socket gateway: rooms → sockets, one bus subscription, fan-out that serialises each
 * frame once and writes the same bytes to every socket in the room.
 */
export class Gateway {
  private rooms = new Map<string, Set<Connection>>();
  private byUser = new Map<string, Set<Connection>>();
  /** Bumped on each membership change seen for a user, so a slower recompute never undoes a newer one. */
  private membershipVersion = new Map<string, number>();
  /** Standing-room re-reads of a user run one after another, so an older read never lands after a newer one. */
  private standingChain = new Map<string, Promise<void>>();
  private sequencer: ChatSequencer;
  private unsubscribe: () => void;
  private heartbeat: NodeJS.Timeout;
  private caps: SocketCaps;
  /** The node is stopping: new sockets are told to go elsewhere. */
  private draining = false;
  readonly options: GatewayOptions;

  constructor(
    private deps: AppDeps,
    private log: FastifyBaseLogger,
    options: Partial<GatewayOptions> = {},
  ) {
    this.options = { ...defaultGatewayOptions, ...options };
    this.caps = new SocketCaps(this.options.socketCaps);
    this.sequencer = new ChatSequencer({
      deliver: (e) => this.fanOut(e),
      fetch: (chatId, from, to) => eventsBetween(deps.db, chatId, from, to),
      gapWaitMs: this.options.gapWaitMs,
      onError: (err) => this.log.error({ err }, 'realtime: filling a gap failed'),
    });
    this.unsubscribe = deps.events.subscribe((room, event) => this.onBusEvent(room, event));
    this.heartbeat = setInterval(() => this.beat(), this.options.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Open sockets on this node. */
  get size(): number {
    let n = 0;
    for (const set of this.byUser.values()) n += set.size;
    return n;
  }

  /**
   * Takes a place for a new socket of this person, before any work is done for it; null when their session or they
   * are at the cap. The release is called when the socket closes.
   */
  admit(actor: Actor): (() => void) | null {
    return this.caps.admit(actor);
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /**
   * A graceful stop (shutdown.ts): each socket's frames in flight are answered (a send is acknowledged only once
   * committed), then the socket is closed with `restarting`, which the client takes as «reconnect now, elsewhere»
   * and resumes by seq on the other node. Waits `answerMs` at most for the answers and as long again for the
   * closing handshakes; a socket still open after that is cut.
   */
  async drain(answerMs: number): Promise<void> {
    this.draining = true;
    const conns = [...this.byUser.values()].flatMap((set) => [...set]);
    await Promise.all(
      conns.map(async (c) => {
        await within(c.settled(), answerMs);
        if (c.ws.readyState === c.ws.OPEN) c.ws.close(socketCloseCodes.restarting, 'restarting');
      }),
    );
    const closed = (c: Connection) =>
      c.ws.readyState === c.ws.CLOSED ? Promise.resolve() : new Promise<void>((r) => c.ws.once('close', () => r()));
    await within(Promise.all(conns.map(closed)), answerMs);
    for (const c of conns) if (c.ws.readyState !== c.ws.CLOSED) c.ws.terminate();
  }

  /** Registers an authenticated socket and joins its rooms; resolves when `ready` was sent. */
  async open(ws: WebSocket, actor: Actor, name: string, tcp: Socket | null = null): Promise<Connection> {
    const conn = new Connection(ws, actor, name, this.options.maxBufferedBytes, this.options.firstResumeWaitMs, tcp);
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('close', () => this.drop(conn));
    let mine = this.byUser.get(actor.userId);
    if (!mine) {
      mine = new Set();
      this.byUser.set(actor.userId, mine);
    }
    mine.add(conn);
    this.addToRoom(`user:${actor.userId}`, conn);
    const [standing, chatIds] = await Promise.all([standingOf(this.deps.db, actor.userId), chatIdsOfUser(this.deps.db, actor.userId)]);
    conn.actor = { ...conn.actor, memberships: standing.memberships };
    for (const room of standing.rooms) this.addToRoom(room, conn);
    await this.joinChats(conn, chatIds);
    // Accepted just before a graceful stop began, and still being set up while drain() looked: off elsewhere too.
    if (this.draining && ws.readyState === ws.OPEN) ws.close(socketCloseCodes.restarting, 'restarting');
    if (ws.readyState !== ws.OPEN) {
      this.drop(conn);
      return conn;
    }
    conn.write(wireOf({ t: 'ready', userId: actor.userId }));
    return conn;
  }

  /**
   * Replays what the client missed in each chat it names (only chats it is a member of), with live
   * events held meanwhile; then `resumed`. Too far behind in a chat → `resync` for that chat.
   */
  async resume(conn: Connection, asked: Record<string, number>): Promise<void> {
    await conn.resume(async () => {
      const from = new Map<string, number>();
      for (const [chatId, seq] of Object.entries(asked)) if (conn.isIn(chatId)) from.set(chatId, conn.replayFrom(chatId, seq));
      const last = await lastSeqsOf(this.deps.db, [...from.keys()]);
      const replay = new Map<string, number>();
      for (const [chatId, seq] of from) {
        const lastSeq = last.get(chatId);
        if (lastSeq === undefined) continue;
        if (seq > lastSeq || lastSeq - seq > this.options.maxReplay) {
          conn.write(wireOf({ t: 'resync', chatId }));
          conn.markSeen(chatId, lastSeq);
          continue;
        }
        conn.markSeen(chatId, seq);
        if (lastSeq > seq) replay.set(chatId, seq);
      }
      for (const e of await eventsAfter(this.deps.db, replay)) {
        if (conn.isIn(e.chatId)) conn.deliverNow(e.chatId, e.seq, eventWire(e));
      }
    });
    conn.write(RESUMED);
  }

  /** Publishes a typing notice to a chat's room (every node), if the socket is a member. */
  async typing(conn: Connection, chatId: string): Promise<void> {
    if (!conn.isIn(chatId) || !conn.mayType(chatId, Date.now())) return;
    await this.deps.events.publish(`chat:${chatId}`, { type: 'typing', chatId, userId: conn.userId, name: conn.name });
  }

  /** Puts a socket in a room outside its standing ones (a lesson's room, entered with `lesson.enter`). */
  enterRoom(conn: Connection, room: string): void {
    this.addToRoom(room, conn);
  }

  exitRoom(conn: Connection, room: string): void {
    this.removeFromRoom(room, conn);
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.unsubscribe();
    this.sequencer.close();
    for (const set of this.byUser.values()) for (const c of set) c.close();
  }

  private onBusEvent(room: string, event: AppEvent): void {
    if (!this.rooms.has(room)) return;
    if (event.type === 'chat.event') {
      const e = event as unknown as StoredChatEvent;
      this.sequencer.push({ chatId: e.chatId, seq: e.seq, event: e.event });
    } else if (event.type === 'typing' && room.startsWith('chat:')) {
      const userId = String(event.userId);
      const wire = wireOf({ t: 'typing', chatId: event.chatId, userId, name: event.name });
      for (const c of this.rooms.get(room) ?? []) if (c.userId !== userId) c.write(wire);
    } else if (room.startsWith('lesson:')) {
      const wire = wireOf({ t: 'lesson', lessonId: room.slice('lesson:'.length), event });
      for (const c of this.rooms.get(room) ?? []) c.write(wire);
    } else if (room.startsWith('school:') || room.startsWith('school-admin:')) {
      // The administration's room speaks as its school does; only who hears it differs.
      const wire = wireOf({ t: 'school', schoolId: room.slice(room.indexOf(':') + 1), event });
      for (const c of this.rooms.get(room) ?? []) c.write(wire);
    } else if (room.startsWith('class:')) {
      const wire = wireOf({ t: 'class', classId: room.slice('class:'.length), event });
      for (const c of this.rooms.get(room) ?? []) c.write(wire);
    } else if (room.startsWith('user:')) {
      const userId = room.slice('user:'.length);
      if (event.type === 'session.ended') {
        this.endSession(userId, typeof event.sessionId === 'string' ? event.sessionId : null);
        return;
      }
      const wire = wireOf({ t: 'user', event });
      if (ROOMS_CHANGED.has(event.type)) {
        void Promise.all([this.refreshUser(userId), this.refreshStanding(userId)])
          .catch((err) => this.log.error({ err }, 'realtime: recomputing rooms failed'))
          .finally(() => this.writeToUser(userId, wire));
      } else this.writeToUser(userId, wire);
    }
  }

  /**
   * Closes the sockets of a session that ended (signed out, replaced, or every session after a password
   * reset when `sessionId` is null): a signed-out tab must not go on receiving the person's messages.
   */
  private endSession(userId: string, sessionId: string | null): void {
    for (const c of [...(this.byUser.get(userId) ?? [])]) {
      if (sessionId === null || c.actor.sessionId === sessionId) c.ws.close(4001, 'session ended');
    }
  }

  /** Called by the sequencer in seq order. Membership events move sockets in that same order. */
  private fanOut(e: StoredChatEvent): void {
    const room = `chat:${e.chatId}`;
    if (e.event.type === 'member.added') this.joinUserNow(e.event.userId, e.chatId);
    const set = this.rooms.get(room);
    if (set) {
      const wire = eventWire(e);
      for (const c of set) c.deliver(e.chatId, e.seq, wire);
    }
    // The removed member sees their own removal and nothing after it.
    if (e.event.type === 'member.removed') this.leaveUserNow(e.event.userId, e.chatId);
  }

  private writeToUser(userId: string, wire: Wire): void {
    for (const c of this.byUser.get(userId) ?? []) c.write(wire);
  }

  private bump(userId: string): number {
    const v = (this.membershipVersion.get(userId) ?? 0) + 1;
    this.membershipVersion.set(userId, v);
    return v;
  }

  private joinUserNow(userId: string, chatId: string): void {
    const conns = this.byUser.get(userId);
    if (!conns) return;
    this.bump(userId);
    for (const c of conns) this.addToRoom(`chat:${chatId}`, c);
  }

  private leaveUserNow(userId: string, chatId: string): void {
    const conns = this.byUser.get(userId);
    if (!conns) return;
    this.bump(userId);
    for (const c of conns) this.leaveChat(c, chatId);
  }

  /** Recomputes a user's chat rooms on all their sockets here after `chats.changed`. */
  private async refreshUser(userId: string): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (!this.byUser.has(userId)) return;
      const before = this.membershipVersion.get(userId) ?? 0;
      const ids = new Set(await chatIdsOfUser(this.deps.db, userId));
      if ((this.membershipVersion.get(userId) ?? 0) !== before) continue;
      const joins: Promise<void>[] = [];
      for (const c of this.byUser.get(userId) ?? []) {
        for (const room of [...c.rooms]) {
          if (room.startsWith('chat:') && !ids.has(room.slice(5))) this.leaveChat(c, room.slice(5));
        }
        joins.push(this.joinChats(c, [...ids].filter((id) => !c.isIn(id))));
      }
      await Promise.all(joins);
      return;
    }
  }

  /**
   * Re-reads a user's memberships and moves all their sockets here into the school, administration and class
   * rooms they now have (and out of those they lost). With Redis every node does this for its own sockets.
   */
  private refreshStanding(userId: string): Promise<void> {
    const prev = this.standingChain.get(userId) ?? Promise.resolve();
    const next = prev.then(async () => {
      if (!this.byUser.has(userId)) return;
      const standing = await standingOf(this.deps.db, userId);
      for (const c of this.byUser.get(userId) ?? []) {
        c.actor = { ...c.actor, memberships: standing.memberships };
        for (const room of [...c.rooms]) if (isStandingRoom(room) && !standing.rooms.has(room)) this.removeFromRoom(room, c);
        for (const room of standing.rooms) this.addToRoom(room, c);
      }
    });
    const settled = next.catch(() => undefined);
    this.standingChain.set(userId, settled);
    // The chain is forgotten once idle, so it does not keep one entry per person ever seen.
    void settled.then(() => {
      if (this.standingChain.get(userId) === settled) this.standingChain.delete(userId);
    });
    return next;
  }

  /** Joins chat rooms; chats new to this node start their live order at the stored last seq. */
  private async joinChats(conn: Connection, chatIds: string[]): Promise<void> {
    const fresh: string[] = [];
    for (const chatId of chatIds) {
      this.addToRoom(`chat:${chatId}`, conn);
      if (!this.sequencer.has(chatId)) fresh.push(chatId);
    }
    if (fresh.length === 0) return;
    const last = await lastSeqsOf(this.deps.db, fresh);
    for (const [chatId, seq] of last) if (this.rooms.has(`chat:${chatId}`)) this.sequencer.start(chatId, seq);
  }

  private addToRoom(room: string, conn: Connection): void {
    let set = this.rooms.get(room);
    if (!set) {
      set = new Set();
      this.rooms.set(room, set);
    }
    set.add(conn);
    conn.rooms.add(room);
  }

  private leaveChat(conn: Connection, chatId: string): void {
    this.removeFromRoom(`chat:${chatId}`, conn);
    conn.forgetChat(chatId);
  }

  private removeFromRoom(room: string, conn: Connection): void {
    conn.rooms.delete(room);
    const set = this.rooms.get(room);
    if (!set) return;
    set.delete(conn);
    if (set.size > 0) return;
    this.rooms.delete(room);
    if (room.startsWith('chat:')) this.sequencer.forget(room.slice(5));
  }

  private drop(conn: Connection): void {
    conn.close();
    for (const room of [...conn.rooms]) this.removeFromRoom(room, conn);
    const mine = this.byUser.get(conn.userId);
    if (!mine) return;
    mine.delete(conn);
    if (mine.size === 0) {
      this.byUser.delete(conn.userId);
      this.membershipVersion.delete(conn.userId);
    }
  }

  private beat(): void {
    for (const set of this.byUser.values()) {
      for (const c of set) {
        if (!c.alive) {
          c.ws.terminate();
          continue;
        }
        c.alive = false;
        c.ws.ping();
      }
    }
  }
}

/** Waits for `p`, or `ms` at most. */
async function within(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p, new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

function eventWire(e: StoredChatEvent): Wire {
  return wireOf({ t: 'event', chatId: e.chatId, seq: e.seq, event: e.event });
}
