import type { NewsFeed, Role } from '@parta/contracts';
import { AppError } from '../../lib/errors.js';
import { type Actor, rolesIn } from '../../policy/actor.js';

/**
 * Who may do what in a school's news (NEWS-1, NEWS-2), judged by the actor's roles in the school.
 * Every member reads both feeds (parents too: they see what their children's school writes). The
 * channel is the administration's voice: admins and leaders post there, nobody comments. The
 * community is the closed group of those who study and teach: everyone but parents posts and
 * comments. The author and the administration delete a post or a comment. A post is edited by those
 * who may delete it (the administration may correct any post, as it may remove it); a comment only
 * by its author, whose words they are.
 */
export type NewsAction = 'view' | 'post' | 'comment' | 'poll' | 'moderate';

const runs = (r: Role[]) => r.includes('admin') || r.includes('leader');
const studiesOrTeaches = (r: Role[]) => runs(r) || r.includes('teacher') || r.includes('student');

const rules: Record<NewsAction, (roles: Role[], feed: NewsFeed) => boolean> = {
  view: (r) => r.length > 0,
  post: (r, feed) => (feed === 'channel' ? runs(r) : studiesOrTeaches(r)),
  comment: (r, feed) => feed === 'community' && studiesOrTeaches(r),
  // Named polls among children are an easy tool for bullying (see polls/policy.ts): adults ask.
  poll: (r, feed) => (feed === 'channel' ? runs(r) : runs(r) || r.includes('teacher')),
  moderate: (r) => runs(r),
};

export function canNews(actor: Actor | null, action: NewsAction, school: { schoolId: string; feed: NewsFeed }): boolean {
  return rules[action](rolesIn(actor, school.schoolId), school.feed);
}

/** 401 without a session; 404 for those outside the school (not there and not yours are one answer); 403 for members. */
export function authorizeNews(
  actor: Actor | null,
  action: NewsAction,
  school: { schoolId: string; feed: NewsFeed },
): asserts actor is Actor {
  if (!actor) throw new AppError('unauthenticated');
  if (canNews(actor, action, school)) return;
  throw new AppError(canNews(actor, 'view', school) ? 'forbidden' : 'not_found');
}

/** The author (while still a member) or the administration may delete a post or a comment. */
export function canDeleteItem(actor: Actor | null, item: { schoolId: string; feed: NewsFeed; authorId: string | null }): boolean {
  if (!actor || !canNews(actor, 'view', item)) return false;
  return item.authorId === actor.userId || canNews(actor, 'moderate', item);
}

/**
 * The author while they may still post in the feed (a leader who stepped down no longer speaks in
 * the channel), or the administration, which may already delete the post and so may correct it.
 */
export function canEditPost(actor: Actor | null, item: { schoolId: string; feed: NewsFeed; authorId: string | null }): boolean {
  if (!actor || !canNews(actor, 'view', item)) return false;
  return (item.authorId === actor.userId && canNews(actor, 'post', item)) || canNews(actor, 'moderate', item);
}

/** Only the comment's author, while they may still comment: nobody puts words in another's mouth. */
export function canEditComment(actor: Actor | null, item: { schoolId: string; feed: NewsFeed; authorId: string | null }): boolean {
  if (!actor) return false;
  return item.authorId === actor.userId && canNews(actor, 'comment', item);
}
