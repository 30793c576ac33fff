import { eq } from 'drizzle-orm';
import { articlePolls, articles, newsPosts } from '../../db/contentSchema.js';
import type { DbOrTx } from '../../db/client.js';
import { type Actor, rolesIn } from '../../policy/actor.js';
import { canChat } from '../../policy/authorize.js';
import { type ChatForActor, findChatForUser } from '../chats/queries.js';
import type { PollRow } from './pollViews.js';
import { pollMessageId } from './queries.js';

/**
 * Where a poll lives. A poll belongs to exactly one place: a chat (carried by a message), an
 * article (`article_polls`) or a news post (`news_posts.poll_id`). The place decides who may see
 * the poll and who may vote, and where its live updates go.
 */
export type PollContainer =
  | { kind: 'chat'; chat: ChatForActor; messageId: string }
  | { kind: 'article'; articleId: string; schoolId: string; published: boolean; authorId: string | null }
  | { kind: 'news'; postId: string; schoolId: string };

/** What the actor may do with a poll, as decided by its container. */
export interface PollAccess {
  /** See the poll and its counts (and, for a named poll, who voted). */
  view: boolean;
  /** Vote or take a vote back (the poll's own rules — deadline, noRetract — come on top). */
  vote: boolean;
}

/**
 * The poll's container as the actor sees it, or null when there is none the actor could know of:
 * a chat they are not in comes back with `myRole` null and is judged by the chat rules; a deleted
 * chat message or news post, or a poll attached nowhere, is null (404 for everyone).
 */
export async function findPollContainer(db: DbOrTx, poll: PollRow, userId: string): Promise<PollContainer | null> {
  if (poll.chatId) {
    const chat = await findChatForUser(db, poll.chatId, userId);
    if (!chat) return null;
    const messageId = await pollMessageId(db, poll.chatId, poll.id);
    return messageId ? { kind: 'chat', chat, messageId } : null;
  }
  const [article] = await db
    .select({ id: articles.id, schoolId: articles.schoolId, status: articles.status, authorId: articles.authorId })
    .from(articlePolls)
    .innerJoin(articles, eq(articles.id, articlePolls.articleId))
    .where(eq(articlePolls.pollId, poll.id))
    .limit(1);
  if (article) {
    return {
      kind: 'article',
      articleId: article.id,
      schoolId: article.schoolId,
      published: article.status === 'published',
      authorId: article.authorId,
    };
  }
  const [post] = await db
    .select({ id: newsPosts.id, schoolId: newsPosts.schoolId, deletedAt: newsPosts.deletedAt })
    .from(newsPosts)
    .where(eq(newsPosts.pollId, poll.id))
    .limit(1);
  if (post && post.deletedAt === null) return { kind: 'news', postId: post.id, schoolId: post.schoolId };
  return null;
}

/**
 * Who may see and vote:
 * - chat: as in the chat (members vote; administrators of the school look on);
 * - article: a published article's poll is seen and voted on by every member of its school; a draft's
 *   poll is seen by the author and the school's administration (admin, leader) and voted on by nobody;
 * - news post: every member of the post's school sees and votes.
 */
export function pollAccess(actor: Actor, container: PollContainer): PollAccess {
  switch (container.kind) {
    case 'chat':
      return { view: canChat(actor, 'view', container.chat), vote: canChat(actor, 'post', container.chat) };
    case 'article': {
      const roles = rolesIn(actor, container.schoolId);
      const member = roles.length > 0;
      if (container.published) return { view: member, vote: member };
      const mayReadDraft = member && (container.authorId === actor.userId || roles.includes('admin') || roles.includes('leader'));
      return { view: mayReadDraft, vote: false };
    }
    case 'news': {
      const member = rolesIn(actor, container.schoolId).length > 0;
      return { view: member, vote: member };
    }
  }
}

/** The school room that hears a non-chat poll's updates; null for chat polls (they go to their chat). */
export function schoolRoomOf(container: PollContainer): string | null {
  return container.kind === 'chat' ? null : `school:${container.schoolId}`;
}
