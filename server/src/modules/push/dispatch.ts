import type { LessonSummary, Message, PushPayload } from '@parta/contracts';
import { eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../../deps.js';
import { chats, files, polls } from '../../db/chatSchema.js';
import { newsPostFiles, newsPosts } from '../../db/contentSchema.js';
import { joinRequests, schools } from '../../db/schema.js';
import type { AppEvent, EventOrigin } from '../../platform/events/bus.js';
import { PUSH_ROOM } from './notify.js';
import { callPayload, messagePayload, newsPayload, requestPayload } from './payloads.js';
import { messageRecipients, type PushTarget, schoolRecipients, targetsOf } from './queries.js';
import { isQuiet } from './quietHours.js';
import type { Delivery, PushSender } from './sender.js';
import { VIEWER_STALE_MS } from './viewers.js';

/** What one event asks to be pushed; several of a kind that arrive together are handled together. */
type Job =
  | { kind: 'message'; chatId: string; message: Message }
  | { kind: 'call'; userId: string; lesson: LessonSummary }
  | { kind: 'request'; userId: string; requestId: string; schoolId: string; status: 'approved' | 'rejected' }
  | { kind: 'news'; schoolId: string; postId: string; authorId: string | null }
  | { kind: 'direct'; userIds: string[]; payload: PushPayload };

/** How long a push service keeps each kind for a device that is away (s), and how urgently it wakes it. */
const DELIVERY = {
  message: { ttlSeconds: 24 * 3600, urgency: 'normal' },
  call: { ttlSeconds: 120, urgency: 'high' },
  request: { ttlSeconds: 7 * 24 * 3600, urgency: 'normal' },
  news: { ttlSeconds: 24 * 3600, urgency: 'normal' },
  direct: { ttlSeconds: 24 * 3600, urgency: 'normal' },
} as const satisfies Record<Job['kind'], Pick<Delivery, 'ttlSeconds' | 'urgency'>>;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The push an event of the bus asks for, or null. Pure: tells nothing to anyone. */
export function jobOf(room: string, event: AppEvent): Job | null {
  if (room.startsWith('chat:') && event.type === 'chat.event') {
    const inner = event.event as { type?: string; message?: Message } | undefined;
    if (inner?.type === 'message.created' && inner.message) return { kind: 'message', chatId: room.slice(5), message: inner.message };
    return null;
  }
  if (room.startsWith('user:')) {
    const userId = room.slice(5);
    if (event.type === 'lesson.calling' && event.lesson) return { kind: 'call', userId, lesson: event.lesson as LessonSummary };
    if (event.type === 'joinRequest.decided') {
      const requestId = str(event.requestId);
      const schoolId = str(event.schoolId);
      const status = event.status === 'approved' || event.status === 'rejected' ? event.status : null;
      return requestId && schoolId && status ? { kind: 'request', userId, requestId, schoolId, status } : null;
    }
    return null;
  }
  if (room.startsWith('school:') && event.type === 'news.posted' && event.feed === 'channel') {
    const postId = str(event.postId);
    return postId ? { kind: 'news', schoolId: room.slice(7), postId, authorId: str(event.authorId) } : null;
  }
  if (room === PUSH_ROOM && event.type === 'push.notify' && Array.isArray(event.userIds) && event.payload) {
    return { kind: 'direct', userIds: event.userIds.filter((id): id is string => typeof id === 'string'), payload: event.payload as PushPayload };
  }
  return null;
}

/**
 * Turns events of the bus into pushes: who gets one for each event, in their language, outside their quiet hours.
 * Only events published on this node are taken ('here'): with several nodes on Redis every node hears every event,
 * and the one where it happened is the one that sends, so each push goes out once. The bus handler only queues; the
 * look-ups run after it, a batch at a time (a burst of messages in a chat costs one look-up for its newest one), and
 * the requests go through the sender's queue — never on the request path.
 */
export class PushDispatch {
  private jobs: Job[] = [];
  private draining: Promise<void> | null = null;
  private unsubscribe: () => void = () => undefined;
  /** Events that asked for a push, by where they were published (the two-node test reads it). */
  readonly heard = { here: 0, elsewhere: 0 };

  constructor(
    private readonly deps: Pick<AppDeps, 'db' | 'clock' | 'config' | 'events'>,
    private readonly sender: PushSender,
    private readonly log: FastifyBaseLogger,
  ) {}

  start(): void {
    this.unsubscribe = this.deps.events.subscribe((room, event, origin) => this.hear(room, event, origin));
  }

  hear(room: string, event: AppEvent, origin: EventOrigin): void {
    const job = jobOf(room, event);
    if (!job) return;
    this.heard[origin] += 1;
    if (origin !== 'here') return;
    this.jobs.push(job);
    // setImmediate, not a microtask: events of the same commit ride in one batch.
    if (!this.draining) this.draining = new Promise((resolve) => setImmediate(resolve)).then(() => this.drain());
  }

  /** Resolves when every event heard so far has been turned into pushes and those have been sent (or given up). */
  async settled(): Promise<void> {
    while (this.draining) await this.draining;
    await this.sender.settled();
  }

  close(): void {
    this.unsubscribe();
    this.jobs = [];
    this.sender.close();
  }

  private async drain(): Promise<void> {
    try {
      while (this.jobs.length > 0) {
        const batch = this.jobs.splice(0);
        await this.handle(batch).catch((err) => this.log.error({ err }, 'push: turning events into pushes failed'));
      }
    } finally {
      this.draining = null;
    }
  }

  private async handle(batch: Job[]): Promise<void> {
    const newest = new Map<string, Extract<Job, { kind: 'message' }>>();
    const calls = new Map<string, { lesson: LessonSummary; userIds: string[] }>();
    for (const job of batch) {
      if (job.kind === 'message') {
        const known = newest.get(job.chatId);
        if (!known || known.message.seq < job.message.seq) newest.set(job.chatId, job);
      } else if (job.kind === 'call') {
        const call = calls.get(job.lesson.id) ?? { lesson: job.lesson, userIds: [] };
        call.userIds.push(job.userId);
        calls.set(job.lesson.id, call);
      } else if (job.kind === 'request') await this.request(job);
      else if (job.kind === 'news') await this.news(job);
      else this.send(await this.targets(job.userIds), () => job.payload, DELIVERY.direct);
    }
    for (const job of newest.values()) await this.message(job);
    for (const { lesson, userIds } of calls.values()) {
      this.send(await this.targets(userIds), (t) => callPayload(t.locale, lesson), DELIVERY.call);
    }
  }

  private async message(job: Extract<Job, { kind: 'message' }>): Promise<void> {
    const viewedSince = new Date(this.deps.clock.now().getTime() - VIEWER_STALE_MS);
    // Who first: in a chat where nobody turned pushes on (most, under load) that is the only query.
    const userIds = await messageRecipients(this.deps.db, job.chatId, job.message.author.id, viewedSince);
    if (userIds.length === 0) return;
    const [chat] = await this.deps.db.select({ id: chats.id, kind: chats.kind, name: chats.name }).from(chats).where(eq(chats.id, job.chatId));
    if (!chat) return;
    this.send(await this.targets(userIds), (t) => messagePayload(t.locale, chat, job.message), DELIVERY.message);
  }

  private async request(job: Extract<Job, { kind: 'request' }>): Promise<void> {
    const [row] = await this.deps.db
      .select({ schoolName: schools.name, reason: joinRequests.rejectReason })
      .from(joinRequests)
      .innerJoin(schools, eq(schools.id, joinRequests.schoolId))
      .where(eq(joinRequests.id, job.requestId));
    if (!row) return;
    this.send(await this.targets([job.userId]), (t) => requestPayload(t.locale, { ...job, ...row }), DELIVERY.request);
  }

  private async news(job: Extract<Job, { kind: 'news' }>): Promise<void> {
    const [post] = await this.deps.db
      .select({
        id: newsPosts.id,
        text: newsPosts.text,
        deletedAt: newsPosts.deletedAt,
        schoolName: schools.name,
        pollQuestion: polls.question,
        files: sql<number>`(select count(*)::int from ${newsPostFiles} where ${newsPostFiles.postId} = ${newsPosts.id})`,
        images: sql<number>`(select count(*)::int from ${newsPostFiles} join ${files} on ${files.id} = ${newsPostFiles.fileId}
          where ${newsPostFiles.postId} = ${newsPosts.id} and ${files.isImage})`,
      })
      .from(newsPosts)
      .innerJoin(schools, eq(schools.id, newsPosts.schoolId))
      .leftJoin(polls, eq(polls.id, newsPosts.pollId))
      .where(eq(newsPosts.id, job.postId));
    if (!post || post.deletedAt) return;
    const userIds = await schoolRecipients(this.deps.db, job.schoolId, job.authorId);
    this.send(await this.targets(userIds), (t) => newsPayload(t.locale, post), DELIVERY.news);
  }

  private targets(userIds: string[]): Promise<PushTarget[]> {
    return targetsOf(this.deps.db, [...new Set(userIds)], this.deps.clock.now(), this.deps.config.push.timeZone);
  }

  /** Queues the push for each device whose person is not in quiet hours now. */
  private send(targets: PushTarget[], payloadOf: (t: PushTarget) => PushPayload, how: Pick<Delivery, 'ttlSeconds' | 'urgency'>): void {
    const now = this.deps.clock.now();
    for (const t of targets) {
      if (isQuiet(t.quiet, now)) continue;
      this.sender.enqueue({ device: t, payload: payloadOf(t), ...how });
    }
  }
}
