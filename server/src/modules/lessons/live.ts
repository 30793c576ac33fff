import type { LessonFeed, MediaState } from '@parta/contracts';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../../deps.js';
import { users } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import type { AppEvent } from '../../platform/events/bus.js';
import { createMediaServer } from '../../platform/media/index.js';
import type { FeedWant, MediaServer } from '../../platform/media/mediaServer.js';
import type { Connection } from '../../realtime/connection.js';
import { type LessonControl, lessonControlRoom, lessonRoom, publishControl, publishToLesson } from './events.js';
import { closeAbandonedStays, touchStays } from './abandonedStays.js';
import { leaveAsUser } from './joinLesson.js';
import { placeLesson } from './placement.js';
import { findLesson, isPresent } from './queries.js';
import { personColumns } from '../schools/people.js';

/** The socket gateway's side that LessonLive needs: putting a socket in a room and taking it out. */
export interface LessonRooms {
  enterRoom(conn: Connection, room: string): void;
  exitRoom(conn: Connection, room: string): void;
}

interface Peer {
  conn: Connection;
  state: MediaState;
  published: boolean;
  /** Set at each publish: viewers see it change when the person publishes again. */
  publication: string;
}

interface LiveLesson {
  hostId: string;
  mutedAll: boolean;
  /** By user id: one tab per person carries their media (a newer tab takes over). */
  peers: Map<string, Peer>;
  /** The feeds other nodes hold in this lesson, by node (each node sends its whole list on every change). */
  remote: Map<string, LessonFeed[]>;
  /** The SFU's room is made (the first to enter on this node makes it). */
  ready: Promise<void>;
}

const wire = (frame: object) => JSON.stringify(frame);

/**
 * The live side of lessons on this node: which sockets are in which lesson's media, their SFU peers (the peer id and
 * feed id are the user id), and the signalling frames. A tab whose socket drops is given `graceMs` to come back
 * (a reload, a short network drop) before its stay in the lesson is closed.
 *
 * Several nodes: each holds the sockets that reached it and tells the others (the bus, `lesson-control:<id>`) which
 * feeds it holds; every node sends its tabs the whole list. With Janus every node reaches the same room, so people on
 * different nodes see each other. The embedded SFU (werift) lives on one node, so with werift every participant's
 * socket must reach the same node (one node, or sticky routing by lesson).
 *
 * While a node runs it vouches for its people's stays (a heartbeat); stays nobody vouches for any more (a node that
 * crashed) are closed by whichever node sweeps first, and a lesson left empty ends (`abandonedStays.ts`).
 */
export class LessonLive {
  private lessons = new Map<string, LiveLesson>();
  private graceTimers = new Map<string, NodeJS.Timeout>();
  private media: MediaServer | null = null;
  private unsubscribe: () => void;
  private timers: NodeJS.Timeout[] = [];
  /** This node, as the other nodes of a lesson know it. */
  readonly node = randomUUID();

  constructor(
    private readonly deps: AppDeps,
    private readonly rooms: LessonRooms,
    private readonly log: FastifyBaseLogger,
    private readonly graceMs: number,
    mediaFactory: (deps: AppDeps) => MediaServer = (d) => createMediaServer(d.config),
  ) {
    this.mediaFactory = () => mediaFactory(deps);
    this.unsubscribe = deps.events.subscribe((room, event) => this.onBus(room, event));
    const { heartbeatMs, staleMs, sweepMs } = deps.config.lessons;
    this.timers.push(setInterval(() => void this.heartbeat(), heartbeatMs));
    if (sweepMs > 0) {
      const sweep = () => void this.sweep(staleMs);
      setImmediate(sweep);
      this.timers.push(setInterval(sweep, sweepMs));
    }
    for (const t of this.timers) t.unref();
  }

  /** Vouches for the stays of everyone whose socket is in a lesson's media on this node. */
  async heartbeat(): Promise<void> {
    const stays = [...this.lessons].flatMap(([lessonId, live]) => [...live.peers.keys()].map((userId) => ({ lessonId, userId })));
    await touchStays(this.deps, stays, this.deps.clock.now()).catch((err) => this.log.error({ err }, 'lessons: heartbeat failed'));
  }

  private async sweep(staleMs: number): Promise<void> {
    const staleBefore = new Date(this.deps.clock.now().getTime() - staleMs);
    const { closed, ended } = await closeAbandonedStays(this.deps, staleBefore).catch((err: unknown) => {
      this.log.error({ err }, 'lessons: sweeping abandoned stays failed');
      return { closed: 0, ended: [] };
    });
    if (closed > 0 || ended.length > 0) this.log.warn({ closed, ended: ended.length }, 'lessons: closed stays a stopped node left open');
  }

  private readonly mediaFactory: () => MediaServer;

  private sfu(): MediaServer {
    if (!this.media) {
      this.media = this.mediaFactory();
      this.media.onEvent((e) => {
        if (e.type === 'feed.ready') void this.feedReady(e.roomId, e.peerId).catch((err) => this.log.error({ err }, 'lessons: feed'));
        else this.log.warn({ event: e }, 'lessons: media peer failed');
      });
    }
    return this.media;
  }

  /** `lesson.enter`: only someone in the call (an open stay) may enter its media. */
  async enter(conn: Connection, lessonId: string): Promise<void> {
    const lesson = await findLesson(this.deps.db, lessonId);
    if (!lesson || !(await isPresent(this.deps.db, lessonId, conn.userId))) throw new AppError('not_found');
    if (lesson.endedAt) throw new AppError('lesson_ended');
    // In the lesson's room before anything slow (starting the SFU): a join or a hand meanwhile must reach this tab.
    this.rooms.enterRoom(conn, lessonRoom(lessonId));
    let live = this.lessons.get(lessonId);
    if (!live) {
      const ready = (async () => {
        await publishControl(this.deps.events, lessonId, { type: 'lesson.sync', node: this.node });
        const media = this.sfu();
        await media.createRoom(lessonId, await placeLesson(this.deps, lessonId, media.hosts));
      })();
      live = { hostId: lesson.hostId, mutedAll: lesson.mutedAll, peers: new Map(), remote: new Map(), ready };
      this.lessons.set(lessonId, live);
    }
    try {
      // Whoever enters while the room is being made waits for it.
      await live.ready;
    } catch (err) {
      if (this.lessons.get(lessonId) === live && live.peers.size === 0) this.lessons.delete(lessonId);
      this.rooms.exitRoom(conn, lessonRoom(lessonId));
      throw err;
    }
    this.cancelGrace(lessonId, conn.userId);
    const before = live.peers.get(conn.userId);
    if (before) {
      // A tab enters with fresh connections: whatever the SFU holds for this person goes first.
      if (before.conn !== conn) {
        this.rooms.exitRoom(before.conn, lessonRoom(lessonId));
        before.conn.write(wire({ t: 'lesson.closed', lessonId, reason: 'elsewhere' }));
      }
      await this.sfu().leave(lessonId, conn.userId);
    }
    live.peers.set(conn.userId, { conn, state: { audio: false, video: false, screen: false }, published: false, publication: '' });
    // The person's tab on another node (if any) lets go of their media.
    await publishControl(this.deps.events, lessonId, { type: 'lesson.entered', node: this.node, userId: conn.userId });
    await touchStays(this.deps, [{ lessonId, userId: conn.userId }], this.deps.clock.now());
    conn.write(wire({ t: 'lesson', lessonId, event: { type: 'feeds', feeds: this.allFeeds(live) } }));
    if (before) await this.broadcastFeeds(lessonId);
  }

  async publish(conn: Connection, lessonId: string, sdp: string, state: MediaState): Promise<void> {
    const { live, peer } = this.peerOf(conn, lessonId);
    const host = live.hostId === conn.userId;
    const { answer } = await this.sfu().publish(lessonId, conn.userId, sdp, { audioAllowed: !live.mutedAll || host });
    peer.state = live.mutedAll && !host ? { ...state, audio: false } : state;
    peer.publication = randomUUID().slice(0, 8);
    peer.published = false;
    conn.write(wire({ t: 'lesson.answer', lessonId, sdp: answer }));
  }

  /** A publication's media is up: it becomes a feed others see and subscribe to. */
  private async feedReady(lessonId: string, userId: string): Promise<void> {
    const peer = this.lessons.get(lessonId)?.peers.get(userId);
    if (!peer || peer.published) return;
    peer.published = true;
    await this.broadcastFeeds(lessonId);
  }

  async subscribe(conn: Connection, lessonId: string, feeds: FeedWant[]): Promise<void> {
    const { live } = this.peerOf(conn, lessonId);
    const published = new Set(this.allFeeds(live).map((f) => f.feedId));
    const known = feeds.filter((f) => published.has(f.feedId));
    const offer = await this.sfu().subscribe(lessonId, conn.userId, known);
    // Always answered, so the tab knows its request is done even when nothing changed.
    conn.write(wire({ t: 'lesson.offer', lessonId, sdp: offer?.offer ?? null, streams: offer?.streams ?? [] }));
  }

  async answer(conn: Connection, lessonId: string, sdp: string): Promise<void> {
    this.peerOf(conn, lessonId);
    await this.sfu().answer(lessonId, conn.userId, sdp);
  }

  async setState(conn: Connection, lessonId: string, state: MediaState): Promise<void> {
    const { live, peer } = this.peerOf(conn, lessonId);
    if (state.audio && live.mutedAll && live.hostId !== conn.userId) throw new AppError('lesson_muted');
    peer.state = state;
    await this.broadcastFeeds(lessonId);
  }

  async chat(conn: Connection, lessonId: string, text: string): Promise<void> {
    this.peerOf(conn, lessonId);
    const [from] = await this.deps.db.select(personColumns).from(users).where(eq(users.id, conn.userId));
    if (!from) throw new AppError('not_found');
    await publishToLesson(this.deps.events, lessonId, {
      type: 'chat',
      from,
      text,
      at: this.deps.clock.now().toISOString(),
    });
  }

  /** `lesson.exit`: the tab leaves the media (its stay is closed by the HTTP leave). */
  async exit(conn: Connection, lessonId: string): Promise<void> {
    const live = this.lessons.get(lessonId);
    const peer = live?.peers.get(conn.userId);
    if (!live || !peer || peer.conn !== conn) return;
    await this.dropPeer(lessonId, conn.userId, null);
  }

  /** The socket closed: its media goes now; its stay closes unless the person is back within the grace period. */
  async dropConnection(conn: Connection): Promise<void> {
    for (const [lessonId, live] of this.lessons) {
      const peer = live.peers.get(conn.userId);
      if (!peer || peer.conn !== conn) continue;
      await this.dropPeer(lessonId, conn.userId, null);
      const key = `${lessonId}/${conn.userId}`;
      const timer = setTimeout(() => {
        this.graceTimers.delete(key);
        if (this.lessons.get(lessonId)?.peers.has(conn.userId)) return;
        leaveAsUser(this.deps, lessonId, conn.userId).catch((err) => this.log.error({ err }, 'lessons: closing a stay failed'));
      }, this.graceMs);
      timer.unref();
      this.graceTimers.set(key, timer);
    }
  }

  async close(): Promise<void> {
    this.unsubscribe();
    for (const t of this.timers) clearInterval(t);
    for (const t of this.graceTimers.values()) clearTimeout(t);
    this.graceTimers.clear();
    this.lessons.clear();
    await this.media?.close();
  }

  private cancelGrace(lessonId: string, userId: string): void {
    const key = `${lessonId}/${userId}`;
    const t = this.graceTimers.get(key);
    if (t) clearTimeout(t);
    this.graceTimers.delete(key);
  }

  private peerOf(conn: Connection, lessonId: string): { live: LiveLesson; peer: Peer } {
    const live = this.lessons.get(lessonId);
    const peer = live?.peers.get(conn.userId);
    if (!live || !peer || peer.conn !== conn) throw new AppError('not_found');
    return { live, peer };
  }

  /** The feeds this node holds. */
  private localFeeds(live: LiveLesson): LessonFeed[] {
    return [...live.peers]
      .filter(([, p]) => p.published)
      .map(([userId, p]) => ({ feedId: userId, userId, state: p.state, publication: p.publication }));
  }

  /** Everyone's feeds: other nodes' lists, then this node's (a person who just moved here is this node's). */
  private allFeeds(live: LiveLesson): LessonFeed[] {
    const byUser = new Map<string, LessonFeed>();
    for (const feeds of live.remote.values()) for (const f of feeds) byUser.set(f.userId, f);
    for (const f of this.localFeeds(live)) byUser.set(f.userId, f);
    for (const userId of live.peers.keys()) if (!live.peers.get(userId)?.published) byUser.delete(userId);
    return [...byUser.values()];
  }

  /** This node's list goes to every node of the lesson (itself included), which send their tabs the whole list. */
  private async broadcastFeeds(lessonId: string): Promise<void> {
    const live = this.lessons.get(lessonId);
    if (live) await publishControl(this.deps.events, lessonId, { type: 'lesson.feeds', node: this.node, feeds: this.localFeeds(live) });
  }

  /** Sends this node's tabs in the lesson the whole list (one serialisation for all of them). */
  private sendFeeds(lessonId: string, live: LiveLesson): void {
    const frame = wire({ t: 'lesson', lessonId, event: { type: 'feeds', feeds: this.allFeeds(live) } });
    for (const peer of live.peers.values()) peer.conn.write(frame);
  }

  private async dropPeer(lessonId: string, userId: string, reason: 'removed' | 'left' | 'ended' | 'elsewhere' | null): Promise<void> {
    const live = this.lessons.get(lessonId);
    const peer = live?.peers.get(userId);
    if (!live || !peer) return;
    live.peers.delete(userId);
    this.rooms.exitRoom(peer.conn, lessonRoom(lessonId));
    if (reason) peer.conn.write(wire({ t: 'lesson.closed', lessonId, reason }));
    await this.sfu().leave(lessonId, userId);
    if (peer.published) await this.broadcastFeeds(lessonId);
  }

  private onBus(room: string, event: AppEvent): void {
    if (!room.startsWith('lesson-control:')) return;
    const lessonId = room.slice('lesson-control:'.length);
    if (room !== lessonControlRoom(lessonId)) return;
    const c = event as unknown as LessonControl;
    // Back on another node within the grace period: this node must not close their stay when its timer runs out.
    if (c.type === 'lesson.entered' && c.node !== this.node) this.cancelGrace(lessonId, c.userId);
    if (!this.lessons.has(lessonId)) return;
    void this.control(lessonId, c).catch((err) => this.log.error({ err }, 'lessons: control failed'));
  }

  private async control(lessonId: string, c: LessonControl): Promise<void> {
    const live = this.lessons.get(lessonId);
    if (!live) return;
    if (c.type === 'lesson.feeds') {
      if (c.node !== this.node) live.remote.set(c.node, c.feeds);
      return this.sendFeeds(lessonId, live);
    }
    if (c.type === 'lesson.sync') {
      if (c.node !== this.node) await this.broadcastFeeds(lessonId);
      return;
    }
    if (c.type === 'lesson.entered') {
      if (c.node === this.node) return;
      if (live.peers.has(c.userId)) return this.dropPeer(lessonId, c.userId, 'elsewhere');
      return;
    }
    if (c.type === 'lesson.drop') {
      // Whichever node held them: a node that stopped cannot say so itself.
      for (const [node, feeds] of live.remote) live.remote.set(node, feeds.filter((f) => f.userId !== c.userId));
      if (live.peers.has(c.userId)) return this.dropPeer(lessonId, c.userId, c.reason);
      return this.sendFeeds(lessonId, live);
    }
    if (c.type === 'lesson.closed') {
      for (const userId of [...live.peers.keys()]) await this.dropPeer(lessonId, userId, 'ended');
      this.lessons.delete(lessonId);
      await this.sfu().closeRoom(lessonId);
      return;
    }
    live.mutedAll = c.mutedAll;
    for (const [userId, peer] of live.peers) {
      if (userId === live.hostId || !peer.published) continue;
      await this.sfu().setAudioAllowed(lessonId, userId, !c.mutedAll);
      if (c.mutedAll) peer.state = { ...peer.state, audio: false };
    }
    await this.broadcastFeeds(lessonId);
  }
}
