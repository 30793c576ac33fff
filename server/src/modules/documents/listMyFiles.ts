import type { FileUse, MyFile, myFilesQuery } from '@parta/contracts';
import { and, desc, eq, inArray, isNull, lt, notExists, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { chatMembers, chats, files, messageAttachments, messages } from '../../db/chatSchema.js';
import { documents, profilePhotos } from '../../db/contentSchema.js';
import { schools, users } from '../../db/schema.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { toAttachment } from '../files/queries.js';
import type { DocumentDeps } from './deps.js';
import { isViewable } from './queries.js';

/**
 * DOC-2 «Мои документы»: every file I uploaded — into chats, school documents, or just here — newest
 * first, with where each is shared. Profile photos, school logos and video posters are pictures of
 * something else, not documents, and are left out. Three queries per page, whatever its length.
 */
export async function listMyFiles(
  deps: Pick<DocumentDeps, 'db'>,
  actor: Actor | null,
  query: z.infer<typeof myFilesQuery>,
): Promise<{ data: MyFile[]; nextBefore: string | null }> {
  requireActor(actor);
  const me = actor.userId;
  // The page cursor keeps PostgreSQL's microseconds, which a JavaScript Date would round away.
  const exactTime = sql<string>`to_char(${files.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  const rows = await deps.db
    .select({ id: files.id, name: files.name, size: files.size, mime: files.mime, isImage: files.isImage, createdAt: files.createdAt, cursor: exactTime })
    .from(files)
    .where(
      and(
        eq(files.ownerId, me),
        query.before ? lt(files.createdAt, sql`${query.before}::timestamptz`) : undefined,
        notExists(deps.db.select({ one: sql`1` }).from(profilePhotos).where(eq(profilePhotos.fileId, files.id))),
        notExists(deps.db.select({ one: sql`1` }).from(documents).where(eq(documents.posterFileId, files.id))),
      ),
    )
    .orderBy(desc(files.createdAt), desc(files.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const ids = page.map((r) => r.id);
  const uses = new Map<string, FileUse[]>(ids.map((id) => [id, []]));

  if (ids.length > 0) {
    // A personal chat has no name: it is called after the other person in it.
    const otherName = sql<string | null>`(
      select ${users.lastName} || ' ' || ${users.firstName} from ${chatMembers}
      join ${users} on ${users.id} = ${chatMembers.userId}
      where ${chatMembers.chatId} = ${chats.id} and ${chatMembers.userId} <> ${me}
      limit 1
    )`;
    const inChats = await deps.db
      .selectDistinct({ fileId: messageAttachments.fileId, chatId: chats.id, kind: chats.kind, name: chats.name, other: otherName })
      .from(messageAttachments)
      .innerJoin(messages, and(eq(messages.id, messageAttachments.messageId), isNull(messages.deletedAt)))
      .innerJoin(chats, eq(chats.id, messages.chatId))
      .where(inArray(messageAttachments.fileId, ids));
    for (const u of inChats) {
      uses.get(u.fileId)?.push({ kind: 'chat', chatId: u.chatId, chatName: u.kind === 'personal' ? u.other : u.name || null });
    }
    const inSchools = await deps.db
      .selectDistinct({ fileId: documents.fileId, schoolId: schools.id, schoolName: schools.name, kind: documents.kind })
      .from(documents)
      .innerJoin(schools, eq(schools.id, documents.schoolId))
      .where(inArray(documents.fileId, ids));
    for (const u of inSchools) {
      uses.get(u.fileId)?.push({ kind: 'document', schoolId: u.schoolId, schoolName: u.schoolName, documentKind: u.kind });
    }
  }

  const last = page[page.length - 1];
  return {
    data: page.map((r) => ({
      file: toAttachment(r),
      viewable: isViewable(r),
      createdAt: r.createdAt.toISOString(),
      usedIn: uses.get(r.id) ?? [],
    })),
    nextBefore: rows.length > query.limit && last ? last.cursor : null,
  };
}
