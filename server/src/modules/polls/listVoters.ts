import type { PersonSummary } from '@parta/contracts';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { loadPoll } from './loadPoll.js';
import { optionIdsOf, votersByOption } from './queries.js';

/**
 * Who voted for what in a named poll, for those who may see the chat. An anonymous poll refuses with
 * 403 before any vote row is read: its voters are never named, not to its author, not to administrators.
 * Chat, article and news polls alike: who may see the poll (see containers.ts) may see a named poll's voters.
 */
export async function listVoters(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor | null,
  pollId: string,
): Promise<{ optionId: string; voters: PersonSummary[] }[]> {
  const { poll } = await loadPoll(deps.db, actor, pollId, 'view');
  if (poll.anonymous) throw new AppError('forbidden');
  const [rows, order] = await Promise.all([votersByOption(deps.db, poll.id), optionIdsOf(deps.db, poll.id)]);
  return order.map((optionId) => ({ optionId, voters: rows.filter((r) => r.optionId === optionId).map((r) => r.person) }));
}
