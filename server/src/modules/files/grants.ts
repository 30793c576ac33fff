import { type AnyColumn, and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { chatMembers, files, messageAttachments, messages } from '../../db/chatSchema.js';
import {
  articleFiles, articles, documents, newsPostFiles, newsPosts, profilePhotos,
} from '../../db/contentSchema.js';
import { memberships } from '../../db/schema.js';

/*
 * Who may read a file: one grant per place a file can be shared, each an EXISTS over `files.id`.
 * readableFile ORs them, so a download is still one query; a file shared nowhere the reader can
 * see is the same 404 as a file that does not exist. A new place to share files adds its grant here.
 */

/** The reader is a member of the school `schoolId` (any role). */
const memberOf = (userId: string, schoolId: AnyColumn) => sql`exists (
  select 1 from ${memberships} where ${memberships.userId} = ${userId} and ${memberships.schoolId} = ${schoolId}
)`;

/** The reader runs the school: its administrators and leaders see drafts. */
const runs = (userId: string, schoolId: AnyColumn) => sql`exists (
  select 1 from ${memberships} where ${memberships.userId} = ${userId} and ${memberships.schoolId} = ${schoolId}
    and ${inArray(memberships.role, ['admin', 'leader'])}
)`;

/** CHT-3: a member of a chat where a message (not deleted) carries the file. */
const inMyChats = (userId: string) => sql`exists (
  select 1 from ${messageAttachments}
  join ${messages} on ${messages.id} = ${messageAttachments.messageId} and ${isNull(messages.deletedAt)}
  join ${chatMembers} on ${chatMembers.chatId} = ${messages.chatId} and ${eq(chatMembers.userId, userId)}
  where ${eq(messageAttachments.fileId, files.id)}
)`;

/** DOC-1, DOC-3: a school document or video (or a video's poster) of a school the reader belongs to. */
const inMySchoolDocuments = (userId: string) => sql`exists (
  select 1 from ${documents}
  where (${documents.fileId} = ${files.id} or ${documents.posterFileId} = ${files.id})
    and ${memberOf(userId, documents.schoolId)}
)`;

/** ART: an article's cover or file, for those who may read the article (drafts: author and administration). */
const inArticlesIMayRead = (userId: string) => sql`exists (
  select 1 from ${articles}
  where (${articles.coverFileId} = ${files.id} or exists (
      select 1 from ${articleFiles} where ${articleFiles.articleId} = ${articles.id} and ${articleFiles.fileId} = ${files.id}
    ))
    and ${or(
      and(eq(articles.status, 'published'), memberOf(userId, articles.schoolId)),
      eq(articles.authorId, userId),
      runs(userId, articles.schoolId),
    )}
)`;

/** NEWS: a file of a post (not deleted) in a school the reader belongs to. */
const inMySchoolNews = (userId: string) => sql`exists (
  select 1 from ${newsPostFiles}
  join ${newsPosts} on ${newsPosts.id} = ${newsPostFiles.postId} and ${isNull(newsPosts.deletedAt)}
  where ${newsPostFiles.fileId} = ${files.id} and ${memberOf(userId, newsPosts.schoolId)}
)`;

/**
 * Profile photos: a person's photo for those who share a school with them; a school's logo for
 * anyone signed in (the registry of schools is shown to everyone who signs up).
 */
const aProfilePhotoIMaySee = (userId: string) => sql`exists (
  select 1 from ${profilePhotos}
  where ${profilePhotos.fileId} = ${files.id} and (
    ${profilePhotos.ownerKind} = 'school'
    or ${profilePhotos.ownerId} = ${userId}
    or exists (
      select 1 from ${memberships} theirs
      join ${memberships} mine on mine.school_id = theirs.school_id and mine.user_id = ${userId}
      where theirs.user_id = ${profilePhotos.ownerId}
    )
  )
)`;

/** The condition on `files` under which `userId` may read a file. */
export function readableBy(userId: string): SQL {
  return sql`(${or(
    eq(files.ownerId, userId),
    inMyChats(userId),
    inMySchoolDocuments(userId),
    inArticlesIMayRead(userId),
    inMySchoolNews(userId),
    aProfilePhotoIMaySee(userId),
  )})`;
}
