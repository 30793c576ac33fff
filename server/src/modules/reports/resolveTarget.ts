import type { ReportTarget } from '@parta/contracts';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { messages } from '../../db/chatSchema.js';
import { newsComments } from '../../db/contentSchema.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { rolesIn } from '../../policy/actor.js';
import { authorizeReadArticle } from '../articles/policy.js';
import { findArticle } from '../articles/queries.js';
import { sharedSchoolIds } from '../chats/queries.js';
import { findMessageForActor } from '../messages/findMessage.js';
import { authorizeNews } from '../news/policy.js';
import { findPost } from '../news/queries.js';

export interface ReportedItem {
  schoolId: string;
  subjectId: string | null;
  chatId: string | null;
  /** The text as it is now: kept with the report as evidence. */
  excerpt: string;
}

const EXCERPT = 2000;

/**
 * What a report is about, for someone who may see it: the same 404 as for nothing, otherwise (a report cannot be used
 * to probe ids). A message in a personal chat outside any school goes nowhere: no administration to look.
 */
export async function resolveReported(
  db: DbOrTx,
  actor: Actor,
  target: { targetType: ReportTarget; targetId: string; schoolId?: string | undefined },
): Promise<ReportedItem> {
  switch (target.targetType) {
    case 'message': {
      const { message, chat } = await findMessageForActor(db, actor, target.targetId);
      if (!chat.schoolId) throw notFound();
      const [row] = await db.select({ text: messages.text }).from(messages).where(eq(messages.id, message.id)).limit(1);
      return { schoolId: chat.schoolId, subjectId: message.authorId, chatId: chat.id, excerpt: (row?.text ?? '').slice(0, EXCERPT) };
    }
    case 'news': {
      const post = await findPost(db, target.targetId);
      if (!post || post.deletedAt) throw notFound();
      authorizeNews(actor, 'view', post);
      return { schoolId: post.schoolId, subjectId: post.authorId, chatId: null, excerpt: post.text.slice(0, EXCERPT) };
    }
    case 'comment': {
      const [c] = await db
        .select({ postId: newsComments.postId, authorId: newsComments.authorId, text: newsComments.text, deletedAt: newsComments.deletedAt })
        .from(newsComments)
        .where(eq(newsComments.id, target.targetId))
        .limit(1);
      const post = c && !c.deletedAt ? await findPost(db, c.postId) : null;
      if (!c || !post) throw notFound();
      authorizeNews(actor, 'view', post);
      return { schoolId: post.schoolId, subjectId: c.authorId, chatId: null, excerpt: c.text.slice(0, EXCERPT) };
    }
    case 'article': {
      const a = await findArticle(db, target.targetId);
      if (!a) throw notFound();
      authorizeReadArticle(actor, a);
      return { schoolId: a.schoolId, subjectId: a.authorId, chatId: null, excerpt: `${a.title}\n${a.bodyText}`.slice(0, EXCERPT) };
    }
    case 'person': {
      if (target.targetId === actor.userId) throw notFound();
      // Someone I share no school with is someone I cannot see.
      const shared = await sharedSchoolIds(db, actor.userId, target.targetId);
      const schoolId = target.schoolId ?? shared.sort()[0];
      if (!schoolId || !shared.includes(schoolId) || rolesIn(actor, schoolId).length === 0) throw notFound();
      return { schoolId, subjectId: target.targetId, chatId: null, excerpt: '' };
    }
  }
}
