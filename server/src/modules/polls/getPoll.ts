import type { PollContainer as PollContainerDto, PollDetails, pollAbilities } from '@parta/contracts';
import type { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import type { DbOrTx } from '../../db/client.js';
import { inTurn } from '../../db/inTurn.js';
import type { Actor } from '../../policy/actor.js';
import type { PollContainer } from './containers.js';
import { type LoadedPoll, loadPoll } from './loadPoll.js';
import { isClosed, pollViews } from './pollViews.js';
import { myVotes } from './queries.js';

export interface PollAnswer {
  data: PollDetails;
  can: z.infer<typeof pollAbilities>;
}

function containerDto(c: PollContainer): PollContainerDto {
  switch (c.kind) {
    case 'chat':
      return { kind: 'chat', chatId: c.chat.id, messageId: c.messageId };
    case 'article':
      return { kind: 'article', articleId: c.articleId, schoolId: c.schoolId };
    case 'news':
      return { kind: 'news', postId: c.postId, schoolId: c.schoolId };
  }
}

/** The poll with my own choices and what I may do with it. */
export async function presentPoll(db: DbOrTx, actor: Actor, loaded: LoadedPoll, now: Date): Promise<PollAnswer> {
  const { poll, container, access } = loaded;
  const [views, mine] = await inTurn([() => pollViews(db, [poll.id], now), () => myVotes(db, poll.id, actor.userId)] as const);
  const view = views.get(poll.id);
  if (!view) throw new Error(`poll ${poll.id} vanished`);
  const open = !isClosed(poll, now);
  const inChat = container.kind === 'chat';
  return {
    data: {
      ...view,
      chatId: inChat ? container.chat.id : null,
      messageId: inChat ? container.messageId : null,
      container: containerDto(container),
      myVotes: mine,
    },
    can: {
      vote: access.vote && open && !(poll.noRetract && mine.length > 0),
      retract: access.vote && open && !poll.noRetract && mine.length > 0,
      seeVoters: !poll.anonymous && access.view,
    },
  };
}

/** POLL-3: GET /api/polls/:id — for anyone who may see the poll's chat, article or news post. */
export async function getPoll(deps: Pick<AppDeps, 'db' | 'clock'>, actor: Actor | null, pollId: string): Promise<PollAnswer> {
  const loaded = await loadPoll(deps.db, actor, pollId, 'view');
  return presentPoll(deps.db, loaded.actor, loaded, deps.clock.now());
}
