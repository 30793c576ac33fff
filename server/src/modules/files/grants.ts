import { type AnyColumn, and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { files } from '../../db/chatSchema.js';
import {
  articleFiles, articles, documents, newsPostFiles, newsPosts, profilePhotos,
} from '../../db/contentSchema.js';
import { memberships } from '../../db/schema.js';
import { appealFileGrant } from '../appeals/policy.js';
import { homeworkFileGrant } from '../homework/policy.js';
import { supportFileGrant } from '../support/policy.js';

/*
 * Who may read a file: one grant per place a file can be shared, each an EXISTS over `files.id`.
 * readableFile ORs them, so a download is still one query; a file shared nowhere the reader can
 * see is the same 404 as a file that does not exist. A new place to share files adds its grant here.
 * Chat attachments are the exception: the query returns the chats that carry the file, and the
 * chat policy itself (canChat 'view', the rule of GET /chats/:id/messages) decides — see chatsCarrying.
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

/** A chat carrying the file, as the chat policy judges it (ChatRef: kind, school, the reader's role). */
export interface CarryingChat {
  id: string;
  kind: 'class' | 'public' | 'personal' | 'group';
  schoolId: string | null;
  myRole: 'owner' | 'moderator' | 'member' | null;
}

/**
 * CHT-3: the chats where a message (not deleted) carries the file, each with the reader's role in it, as a
 * JSON array column (spelled out: in a select list drizzle leaves columns unqualified). Who may see the file is then whoever may view one of them: members, a school's
 * administrators for its non-personal chats, a school's members for its public chats.
 */
export const chatsCarrying = (userId: string) => sql<CarryingChat[]>`coalesce((
  select json_agg(json_build_object('id', c.id, 'kind', c.kind, 'schoolId', c.school_id, 'myRole', cm.role))
  from message_attachments ma
  join messages m on m.id = ma.message_id and m.deleted_at is null
  join chats c on c.id = m.chat_id
  left join chat_members cm on cm.chat_id = c.id and cm.user_id = ${userId}
  where ma.file_id = "files"."id"
), '[]'::json)`;

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

/** The condition on `files` under which `userId` may read a file outside chats (see chatsCarrying for chats). */
export function readableBy(userId: string): SQL {
  return sql`(${or(
    eq(files.ownerId, userId),
    inMySchoolDocuments(userId),
    inArticlesIMayRead(userId),
    inMySchoolNews(userId),
    aProfilePhotoIMaySee(userId),
    // HW-1: assignments' and submissions' files, under homework's own rule (homework/policy.ts).
    homeworkFileGrant(userId),
    // SUP-1: a question's screenshots for the operators; ORG-9: an appeal's files for its school's administration.
    supportFileGrant(userId),
    appealFileGrant(userId),
  )})`;
}
