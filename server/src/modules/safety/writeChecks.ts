import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import type { DbOrTx } from '../../db/client.js';
import { chats } from '../../db/chatSchema.js';
import { chatRestrictions } from '../../db/safetySchema.js';
import { schools } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { floodLimitsFor } from './floodLimits.js';

const DEFAULT_PER_MINUTE = 20;

/**
 * SAFE-1, before a message is written (HTTP and socket alike, in sendMessage): a write ban of the administration
 * (403 `write_banned` with `until`), a block by the other person of a personal chat (403 `chat_blocked`), then the
 * chat's flood limit (429 `rate_limited` with `retryInSeconds` and `perChat`: «Слишком часто — подождите N с»). One
 * query; membership itself is checked by the writer. A chat that is not there passes here and is refused there.
 */
export async function checkMayWrite(deps: Pick<AppDeps, 'db' | 'config' | 'clock'>, userId: string, chatId: string): Promise<void> {
  const now = deps.clock.now();
  const [row] = await deps.db
    .select({
      perMinute: schools.messagesPerMinute,
      kind: chatRestrictions.kind,
      until: chatRestrictions.until,
    })
    .from(chats)
    .leftJoin(schools, eq(schools.id, chats.schoolId))
    .leftJoin(
      chatRestrictions,
      and(
        eq(chatRestrictions.chatId, chats.id),
        eq(chatRestrictions.userId, userId),
        or(isNull(chatRestrictions.until), gt(chatRestrictions.until, now)),
      ),
    )
    .where(eq(chats.id, chatId))
    // A block first (it has no end), then the ban that ends last.
    .orderBy(sql`${chatRestrictions.until} desc nulls first`)
    .limit(1);
  if (!row) return;
  if (row.kind === 'block') throw new AppError('chat_blocked');
  if (row.kind === 'ban' && row.until) throw new AppError('write_banned', { until: row.until.toISOString() });
  const wait = await floodLimitsFor(deps.config).take(userId, chatId, row.perMinute ?? DEFAULT_PER_MINUTE);
  if (wait !== null) throw new AppError('rate_limited', { retryInSeconds: wait, perChat: true });
}

/** The ban in force for a person in a chat, if any (for the chat's page: the composer says so before one types). */
export async function activeBan(db: DbOrTx, userId: string, chatId: string, now: Date): Promise<Date | null> {
  const [row] = await db
    .select({ until: chatRestrictions.until })
    .from(chatRestrictions)
    .where(and(eq(chatRestrictions.chatId, chatId), eq(chatRestrictions.userId, userId), eq(chatRestrictions.kind, 'ban'), gt(chatRestrictions.until, now)))
    .orderBy(desc(chatRestrictions.until))
    .limit(1);
  return row?.until ?? null;
}
