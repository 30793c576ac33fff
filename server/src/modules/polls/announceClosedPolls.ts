import type { SchoolPollClosedEvent } from '@parta/contracts';
import { and, asc, eq, isNotNull, isNull, lte, min } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { polls } from '../../db/chatSchema.js';
import type { DbOrTx } from '../../db/client.js';
import { appendChatEvents, publishChatEvents, type StoredChatEvent } from '../chats/chatEvents.js';
import { findPollContainer, schoolRoomOf } from './containers.js';
import { pollViews } from './pollViews.js';

type SweepDeps = Pick<AppDeps, 'db' | 'events' | 'clock'>;

/** How many polls one sweep claims at most; the next sweep takes the rest. */
const BATCH = 200;

/**
 * POLL-2 «Срок окончания»: announces every poll whose deadline has passed, once. Each poll is claimed by one
 * UPDATE … WHERE closed_announced_at IS NULL RETURNING in its own transaction: on PostgreSQL a second node's
 * UPDATE of the same row waits for the first to commit and then finds nothing to claim, so with any number of
 * nodes sweeping at once each poll is announced exactly once. A chat poll's `poll.closed` is written to the
 * chat's event log in the claiming transaction (a reconnecting tab resumes it like any chat event); a poll of an
 * article or a news post gets one `poll.closed` in its school's room after commit. A poll whose container is gone
 * (its message or post deleted) is claimed and announced to nobody.
 *
 * Returns the ids announced by this call.
 */
export async function announceClosedPolls(deps: SweepDeps): Promise<string[]> {
  const now = deps.clock.now();
  const due = await deps.db
    .select({ id: polls.id })
    .from(polls)
    .where(and(isNotNull(polls.deadline), isNull(polls.closedAnnouncedAt), lte(polls.deadline, now)))
    .orderBy(asc(polls.deadline))
    .limit(BATCH);
  const announced: string[] = [];
  for (const { id } of due) {
    const out = await deps.db.transaction(async (tx) => claimAndAnnounce(tx, id, now));
    if (!out) continue;
    announced.push(id);
    await publishChatEvents(deps.events, out.chat);
    if (out.school) await deps.events.publish(out.school.room, out.school.event);
  }
  return announced;
}

/** Claims one poll's announcement; null when another node (or an earlier sweep) already did. */
async function claimAndAnnounce(
  tx: DbOrTx,
  pollId: string,
  now: Date,
): Promise<{ chat: StoredChatEvent[]; school: { room: string; event: SchoolPollClosedEvent } | null } | null> {
  const [claimed] = await tx
    .update(polls)
    .set({ closedAnnouncedAt: now })
    .where(and(eq(polls.id, pollId), isNull(polls.closedAnnouncedAt), lte(polls.deadline, now)))
    .returning();
  if (!claimed) return null;
  const view = (await pollViews(tx, [pollId], now)).get(pollId);
  // The container decides the audience; it is looked up as nobody in particular (only its kind and place matter).
  const container = await findPollContainer(tx, claimed, claimed.authorId);
  if (!view || !container) return { chat: [], school: null };
  if (container.kind === 'chat') {
    return { chat: await appendChatEvents(tx, container.chat.id, [{ type: 'poll.closed', messageId: container.messageId, poll: view }]), school: null };
  }
  const room = schoolRoomOf(container);
  return { chat: [], school: room ? { room, event: { type: 'poll.closed', pollId, poll: view } } : null };
}

/** The nearest deadline still to be announced, or null when none is pending. */
export async function nextPollDeadline(db: DbOrTx): Promise<Date | null> {
  const [row] = await db
    .select({ at: min(polls.deadline) })
    .from(polls)
    .where(and(isNotNull(polls.deadline), isNull(polls.closedAnnouncedAt)));
  return row?.at ? new Date(row.at) : null;
}
