import { MAX_MESSAGE_LENGTH, type Message } from '@parta/contracts';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { checkMayWrite } from '../safety/writeChecks.js';
import { writerFor } from './groupCommit.js';

export interface SendMessageInput {
  chatId: string;
  clientId: string;
  text: string;
  replyToId?: string | null;
  fileIds?: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const invalid = (path: string, message: string) => new AppError('invalid_input', { fields: [{ path, message }] });

/**
 * The one way a message gets in: HTTP POST and the socket's `send` both call this. Resolves after commit.
 * Checks the input here (plain text, trimmed, up to 4000 characters, not empty unless files come with it);
 * the group-commit writer checks membership (policy 'post'), the reply's chat and the files' owner for the
 * whole batch at once, and returns the stored message for a resend with the same clientId.
 */
export async function sendMessage(
  deps: Pick<AppDeps, 'db' | 'events' | 'config' | 'clock'>,
  actor: Actor | null,
  input: SendMessageInput,
): Promise<Message> {
  requireActor(actor);
  const text = input.text.trim();
  const fileIds = [...new Set(input.fileIds ?? [])];
  // The socket validates frames too, but a malformed id must never reach a batch's SQL and fail its neighbours.
  if (!UUID.test(input.chatId)) throw new AppError('not_found');
  if (input.replyToId && !UUID.test(input.replyToId)) throw invalid('replyToId', 'invalid');
  if (!fileIds.every((id) => UUID.test(id))) throw invalid('fileIds', 'invalid');
  if (typeof input.clientId !== 'string' || input.clientId.length < 1 || input.clientId.length > 64) throw invalid('clientId', 'invalid');
  if (text.length > MAX_MESSAGE_LENGTH) throw invalid('text', 'too_long');
  if (text.length === 0 && fileIds.length === 0) throw invalid('text', 'empty');
  if (fileIds.length > 10) throw invalid('fileIds', 'too_many');
  // SAFE-1: a write ban, a block, the chat's flood limit — each a clear refusal, never a silent drop.
  await checkMayWrite(deps, actor.userId, input.chatId);
  return writerFor(deps.db).submit(
    actor,
    { chatId: input.chatId, authorId: actor.userId, clientId: input.clientId, text, replyToId: input.replyToId ?? null, fileIds, pollId: null },
    deps.events,
  );
}
