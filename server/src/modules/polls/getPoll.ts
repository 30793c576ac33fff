import { inTurn } from '../../db/inTurn.js';
import type { PollDetails, pollAbilities } from '@parta/contracts';
import type { z } from 'zod';
import type { AppDeps } from '../../app.js';
import type { DbOrTx } from '../../db/client.js';
import type { Actor } from '../../policy/actor.js';
import { canChat } from '../../policy/authorize.js';
import { loadPoll, type PollInChat } from './loadPoll.js';
import { isClosed, pollViews } from './pollViews.js';
import { myVotes } from './queries.js';

export interface PollAnswer {
  data: PollDetails;
  can: z.infer<typeof pollAbilities>;
}

/** The poll with my own choices and what I may do with it. */
export async function presentPoll(db: DbOrTx, actor: Actor, loaded: PollInChat, now: Date): Promise<PollAnswer> {
  const { poll, chat, messageId } = loaded;
  const [views, mine] = await inTurn([() => pollViews(db, [poll.id], now), () => myVotes(db, poll.id, actor.userId)] as const);
  const view = views.get(poll.id);
  if (!view) throw new Error(`poll ${poll.id} vanished`);
  const open = !isClosed(poll, now);
  const member = canChat(actor, 'post', chat);
  return {
    data: { ...view, chatId: chat.id, messageId, myVotes: mine },
    can: {
      vote: member && open && !(poll.noRetract && mine.length > 0),
      retract: member && open && !poll.noRetract && mine.length > 0,
      seeVoters: !poll.anonymous && canChat(actor, 'view', chat),
    },
  };
}

/** POLL-3: GET /api/polls/:id — for anyone who may see the chat. */
export async function getPoll(deps: Pick<AppDeps, 'db' | 'clock'>, actor: Actor | null, pollId: string): Promise<PollAnswer> {
  const loaded = await loadPoll(deps.db, actor, pollId, 'view');
  return presentPoll(deps.db, loaded.actor, loaded, deps.clock.now());
}
