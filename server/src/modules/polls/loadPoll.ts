import type { DbOrTx } from '../../db/client.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { findPollContainer, type PollAccess, type PollContainer, pollAccess } from './containers.js';
import type { PollRow } from './pollViews.js';
import { findPoll } from './queries.js';

export type PollAction = 'view' | 'vote';

export interface LoadedPoll {
  poll: PollRow;
  container: PollContainer;
  access: PollAccess;
  actor: Actor;
}

/**
 * A poll and its container (chat, article or news post), authorized for `action`: someone who may
 * not see the poll gets the same 404 as for a poll that does not exist; someone who may see it but
 * not vote gets 403 when voting.
 */
export async function loadPoll(db: DbOrTx, actor: Actor | null, pollId: string, action: PollAction): Promise<LoadedPoll> {
  requireActor(actor);
  const poll = await findPoll(db, pollId);
  if (!poll) throw notFound();
  const container = await findPollContainer(db, poll, actor.userId);
  if (!container) throw notFound();
  const access = pollAccess(actor, container);
  if (!access.view) throw notFound();
  if (action === 'vote' && !access.vote) throw new AppError('forbidden');
  return { poll, container, access, actor };
}
