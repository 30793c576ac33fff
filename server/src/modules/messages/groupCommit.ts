import { inTurn } from '../../db/inTurn.js';
import type { Message } from '@parta/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { chatMembers, chats, messages } from '../../db/chatSchema.js';
import { AppError } from '../../lib/errors.js';
import type { EventBus } from '../../platform/events/bus.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeChat, type ChatRef } from '../../policy/authorize.js';
import { publishChatEvents, type StoredChatEvent } from '../chats/chatEvents.js';
import { groupCommitBatch, groupCommitWait } from '../../observability/metrics.js';
import { loadMessages } from './messageViews.js';
import { loadDraftLookups, type MessageDraft, writeMessagesWith } from './writeMessages.js';

/** More than this waits for the next transaction: keeps one INSERT well under PostgreSQL's parameter limit. */
const MAX_BATCH = 500;

interface Pending {
  actor: Actor;
  draft: MessageDraft;
  /** Where this sender's app publishes (tests run several apps over one database). */
  events: EventBus;
  resolve: (m: Message) => void;
  reject: (e: unknown) => void;
  /** When it was queued (performance.now()), for the group-commit wait metric. */
  queuedAt: number;
}

type Outcome = { ok: true; message: Message } | { ok: false; error: unknown };

/**
 * The per-process group-commit writer (docs/CHATS.md «Sending a message»). Sends that arrive while a
 * transaction is in flight queue up and go together in the next one, so under load one commit carries many
 * messages; each sender's promise settles only after its commit. Inside a batch: one query authorizes every
 * sender (chat kind, school, role in chat), one finds resends by (chat, author, clientId), at most three load
 * authors, replies and files, then writeMessagesWith writes them all. If a batch fails as a whole (say a
 * resend raced on another node and hit the unique index), its items are retried one by one, so one bad send
 * never sinks the others.
 */
export class GroupCommitWriter {
  private queue: Pending[] = [];
  private running = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly db: Db) {}

  submit(actor: Actor, draft: MessageDraft, events: EventBus): Promise<Message> {
    return new Promise<Message>((resolve, reject) => {
      this.queue.push({ actor, draft, events, resolve, reject, queuedAt: performance.now() });
      if (!this.running) {
        this.running = true;
        // setImmediate, not a microtask: sends that arrive in the same turn of I/O ride in the first batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.flush(this.queue.splice(0, MAX_BATCH));
    } finally {
      this.running = false;
      for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  /** Resolves once every send submitted so far is committed or refused (a stopping node waits for this). */
  idle(): Promise<void> {
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async flush(batch: Pending[]): Promise<void> {
    let outcomes: Outcome[];
    let events: [EventBus, StoredChatEvent][];
    try {
      ({ outcomes, events } = await this.db.transaction((tx) => writeBatch(tx, batch)));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      for (const item of batch) await this.flush([item]);
      return;
    }
    const committedAt = performance.now();
    groupCommitBatch.observe(batch.length);
    for (const p of batch) groupCommitWait.observe((committedAt - p.queuedAt) / 1000);
    // Committed: now, and only now, the world may hear of it.
    const byBus = new Map<EventBus, StoredChatEvent[]>();
    for (const [bus, e] of events) byBus.set(bus, [...(byBus.get(bus) ?? []), e]);
    // A bus that fails to deliver must not turn a committed send into an error: clients resume from the log.
    const publishing = Promise.all([...byBus].map(([bus, list]) => publishChatEvents(bus, list).catch(() => undefined)));
    batch.forEach((p, i) => {
      const o = outcomes[i]!;
      if (o.ok) p.resolve(o.message);
      else p.reject(o.error);
    });
    await publishing;
  }
}

const keyOf = (d: MessageDraft) => `${d.chatId}|${d.authorId}|${d.clientId ?? ''}`;

async function writeBatch(tx: DbOrTx, batch: Pending[]): Promise<{ outcomes: Outcome[]; events: [EventBus, StoredChatEvent][] }> {
  const drafts = batch.map((p) => p.draft);
  const chatIds = [...new Set(drafts.map((d) => d.chatId))];
  const authorIds = [...new Set(drafts.map((d) => d.authorId))];
  const withKey = drafts.filter((d) => d.clientId !== null);
  const [access, resent, lookups] = await inTurn([
    () =>
      tx
      .select({ id: chats.id, kind: chats.kind, schoolId: chats.schoolId, userId: chatMembers.userId, role: chatMembers.role })
      .from(chats)
      .leftJoin(chatMembers, and(eq(chatMembers.chatId, chats.id), inArray(chatMembers.userId, authorIds)))
      .where(inArray(chats.id, chatIds)),
    () =>
      withKey.length
      ? tx
          .select({ id: messages.id, chatId: messages.chatId, authorId: messages.authorId, clientId: messages.clientId })
          .from(messages)
          .where(
            sql`(${messages.chatId}, ${messages.authorId}, ${messages.clientId}) in (${sql.join(
              withKey.map((d) => sql`(${d.chatId}::uuid, ${d.authorId}::uuid, ${d.clientId})`),
              sql`, `,
            )})`,
          )
      : [],
    () => loadDraftLookups(tx, drafts),
  ] as const);

  const chatsById = new Map<string, { kind: ChatRef['kind']; schoolId: string | null; roles: Map<string, ChatRef['myRole']> }>();
  for (const r of access) {
    const c = chatsById.get(r.id) ?? { kind: r.kind, schoolId: r.schoolId, roles: new Map() };
    if (r.userId) c.roles.set(r.userId, r.role);
    chatsById.set(r.id, c);
  }
  const storedIdByKey = new Map(resent.map((r) => [`${r.chatId}|${r.authorId}|${r.clientId ?? ''}`, r.id]));

  const outcomes: (Outcome | null)[] = batch.map(() => null);
  /** Drafts to write now, and which batch items wait on each (a resend inside the same batch rides along). */
  const toWrite: MessageDraft[] = [];
  const waiters: number[][] = [];
  const newByKey = new Map<string, number>();
  const resendOf = new Map<number, string>();

  batch.forEach((p, i) => {
    const d = p.draft;
    const c = chatsById.get(d.chatId);
    try {
      if (!c) throw new AppError('not_found');
      authorizeChat(p.actor, 'post', { id: d.chatId, kind: c.kind, schoolId: c.schoolId, myRole: c.roles.get(d.authorId) ?? null });
      if (d.clientId !== null) {
        const stored = storedIdByKey.get(keyOf(d));
        if (stored) {
          resendOf.set(i, stored);
          return;
        }
        const same = newByKey.get(keyOf(d));
        if (same !== undefined) {
          waiters[same]!.push(i);
          return;
        }
      }
      if (d.replyToId && lookups.replies.get(d.replyToId)?.chatId !== d.chatId) {
        throw new AppError('invalid_input', { fields: [{ path: 'replyToId', message: 'not_in_chat' }] });
      }
      if (d.fileIds.some((f) => lookups.files.get(f)?.ownerId !== d.authorId)) {
        throw new AppError('invalid_input', { fields: [{ path: 'fileIds', message: 'not_your_file' }] });
      }
      if (d.clientId !== null) newByKey.set(keyOf(d), toWrite.length);
      toWrite.push(d);
      waiters.push([i]);
    } catch (error) {
      outcomes[i] = { ok: false, error };
    }
  });

  const written = await writeMessagesWith(tx, toWrite, lookups);
  const busOfMessage = new Map<string, EventBus>();
  written.messages.forEach((message, k) => {
    const first = waiters[k]?.[0];
    if (first !== undefined) busOfMessage.set(message.id, batch[first]!.events);
    for (const i of waiters[k] ?? []) outcomes[i] = { ok: true, message };
  });
  const events = written.events.flatMap((e): [EventBus, StoredChatEvent][] => {
    const bus = e.event.type === 'message.created' ? busOfMessage.get(e.event.message.id) : undefined;
    return bus ? [[bus, e]] : [];
  });
  if (resendOf.size > 0) {
    const old = await loadMessages(tx, inArray(messages.id, [...new Set(resendOf.values())]));
    const byId = new Map(old.map((m) => [m.id, m]));
    for (const [i, id] of resendOf) {
      const message = byId.get(id);
      outcomes[i] = message ? { ok: true, message } : { ok: false, error: new AppError('not_found') };
    }
  }
  return { outcomes: outcomes.map((o) => o ?? { ok: false, error: new AppError('not_found') }), events };
}

const writers = new WeakMap<Db, GroupCommitWriter>();

/** The one writer per database handle in this process. */
export function writerFor(db: Db): GroupCommitWriter {
  let w = writers.get(db);
  if (!w) {
    w = new GroupCommitWriter(db);
    writers.set(db, w);
  }
  return w;
}
