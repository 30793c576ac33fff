import type { NewsFeed, NewsUnread } from '@parta/contracts';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { newsPosts, newsReads } from '../../db/contentSchema.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeNews } from './policy.js';
import { unreadCounts } from './queries.js';

/**
 * Opening a feed moves my mark to its newest post shown (`postId`), or to now without one. The
 * mark never moves back, so an older tab cannot undo a newer visit; posts that arrived after the
 * page was loaded stay new.
 */
export async function markNewsRead(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor | null,
  schoolId: string,
  input: { feed: NewsFeed; postId?: string | undefined },
): Promise<NewsUnread> {
  authorizeNews(actor, 'view', { schoolId, feed: input.feed });
  // The post's own time (to the microsecond), when it belongs to this feed; otherwise nothing moves.
  const to = input.postId
    ? sql`(select ${newsPosts.createdAt} from ${newsPosts}
        where ${newsPosts.id} = ${input.postId} and ${newsPosts.schoolId} = ${schoolId} and ${newsPosts.feed} = ${input.feed})`
    : sql`now()`;
  await deps.db.execute(sql`
    insert into ${newsReads} (user_id, school_id, feed, last_read_at)
    select ${actor.userId}, ${schoolId}, ${input.feed}, t from (select ${to} as t) mark where t is not null
    on conflict (user_id, school_id, feed)
    do update set last_read_at = greatest(${newsReads.lastReadAt}, excluded.last_read_at)`);
  return unreadCounts(deps.db, actor.userId, schoolId);
}

/** The unread counts of both feeds: the badges of «Новости школы» and «Сообщество». */
export async function unreadNews(deps: Pick<AppDeps, 'db'>, actor: Actor | null, schoolId: string): Promise<NewsUnread> {
  authorizeNews(actor, 'view', { schoolId, feed: 'channel' });
  return unreadCounts(deps.db, actor.userId, schoolId);
}
