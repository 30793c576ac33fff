import type { createPollRequest } from '@parta/contracts';
import type { z } from 'zod';
import { pollOptions, polls } from '../../db/chatSchema.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';

/** A poll as parsed by `createPollRequest` (the same fields in a chat, an article or a news post). */
export type PollInput = z.infer<typeof createPollRequest>;

/**
 * Writes a poll and its options inside the caller's transaction and returns the poll's id. The
 * caller then attaches it to its container in the same transaction — a chat message (`chatId`
 * given), an `article_polls` row or `news_posts.poll_id` — since a poll attached nowhere is
 * invisible to all. A deadline not after `now` is refused with invalid_input (the transaction
 * rolls back, nothing is written).
 */
export async function insertPoll(
  tx: DbOrTx,
  authorId: string,
  input: PollInput,
  opts: { now: Date; chatId?: string | null },
): Promise<string> {
  const deadline = input.deadline ? new Date(input.deadline) : null;
  if (deadline && deadline.getTime() <= opts.now.getTime()) {
    throw new AppError('invalid_input', { fields: [{ path: 'deadline', message: 'deadline_in_past' }] });
  }
  const [poll] = await tx
    .insert(polls)
    .values({
      chatId: opts.chatId ?? null,
      authorId,
      question: input.question,
      color: input.color,
      anonymous: input.anonymous,
      multiple: input.multiple,
      noRetract: input.noRetract,
      deadline,
    })
    .returning({ id: polls.id });
  if (!poll) throw new Error('poll not inserted');
  await tx.insert(pollOptions).values(input.options.map((text, position) => ({ pollId: poll.id, position, text })));
  return poll.id;
}
