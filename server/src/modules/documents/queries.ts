import type { DocumentKind, SchoolDocument } from '@parta/contracts';
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { files } from '../../db/chatSchema.js';
import type { DbOrTx } from '../../db/client.js';
import { documentFolders, documents } from '../../db/contentSchema.js';
import { users } from '../../db/schema.js';
import type { Actor } from '../../policy/actor.js';
import { toAttachment } from '../files/queries.js';
import { canManageDocument } from './policy.js';

/** A list of one school's library is capped: beyond this, folders and tags are the way to find things. */
export const DOCUMENT_LIST_LIMIT = 500;

/** The columns a document's view needs (never the `search` column). */
const viewColumns = {
  id: documents.id,
  schoolId: documents.schoolId,
  kind: documents.kind,
  title: documents.title,
  tags: documents.tags,
  posterFileId: documents.posterFileId,
  uploadedBy: documents.uploadedBy,
  createdAt: documents.createdAt,
  folderId: documentFolders.id,
  folderName: documentFolders.name,
  fileId: files.id,
  fileName: files.name,
  fileSize: files.size,
  fileMime: files.mime,
  fileIsImage: files.isImage,
  uploaderFirstName: users.firstName,
  uploaderLastName: users.lastName,
  uploaderMiddleName: users.middleName,
};

/** Opens in the browser: images recognised by their bytes, and PDFs (the view link checks the bytes again). */
export const isViewable = (f: { isImage: boolean; mime: string }) => f.isImage || f.mime === 'application/pdf';

function toView(actor: Actor, r: ViewRow): SchoolDocument {
  const manage = canManageDocument(actor, { schoolId: r.schoolId, uploadedBy: r.uploadedBy });
  const file = { id: r.fileId, name: r.fileName, size: r.fileSize, mime: r.fileMime, isImage: r.fileIsImage };
  return {
    id: r.id,
    schoolId: r.schoolId,
    kind: r.kind,
    title: r.title,
    folder: r.folderId && r.folderName !== null ? { id: r.folderId, name: r.folderName } : null,
    tags: r.tags,
    file: toAttachment(file),
    viewable: isViewable(file),
    posterFileId: r.posterFileId,
    uploadedBy:
      r.uploadedBy && r.uploaderFirstName !== null && r.uploaderLastName !== null
        ? { id: r.uploadedBy, firstName: r.uploaderFirstName, lastName: r.uploaderLastName, middleName: r.uploaderMiddleName }
        : null,
    createdAt: r.createdAt.toISOString(),
    can: { delete: manage, edit: manage },
  };
}

type ViewRow = Awaited<ReturnType<typeof selectViews>>[number];

function selectViews(db: DbOrTx, where: SQL | undefined, limit: number) {
  return db
    .select(viewColumns)
    .from(documents)
    .innerJoin(files, eq(files.id, documents.fileId))
    .leftJoin(documentFolders, eq(documentFolders.id, documents.folderId))
    .leftJoin(users, eq(users.id, documents.uploadedBy))
    .where(where)
    .orderBy(desc(documents.createdAt), desc(documents.id))
    .limit(limit);
}

/** Documents matching `where`, newest first, as `actor` sees them (one query). */
export async function documentViews(db: DbOrTx, actor: Actor, where: SQL | undefined, limit = DOCUMENT_LIST_LIMIT): Promise<SchoolDocument[]> {
  const rows = await selectViews(db, where, limit);
  return rows.map((r) => toView(actor, r));
}

export async function documentView(db: DbOrTx, actor: Actor, documentId: string): Promise<SchoolDocument | null> {
  const [view] = await documentViews(db, actor, eq(documents.id, documentId), 1);
  return view ?? null;
}

/** What a permission check needs about one document. */
export async function findDocument(db: DbOrTx, documentId: string) {
  const [row] = await db
    .select({
      id: documents.id,
      schoolId: documents.schoolId,
      kind: documents.kind,
      uploadedBy: documents.uploadedBy,
      posterFileId: documents.posterFileId,
    })
    .from(documents)
    .where(eq(documents.id, documentId))
    .limit(1);
  return row ?? null;
}

/** The folder, only if it belongs to this school. */
export async function findFolder(db: DbOrTx, schoolId: string, folderId: string) {
  const [row] = await db
    .select({ id: documentFolders.id })
    .from(documentFolders)
    .where(and(eq(documentFolders.id, folderId), eq(documentFolders.schoolId, schoolId)))
    .limit(1);
  return row ?? null;
}

/** The tags used in a school's documents of one kind, sorted, for the filter. */
export async function usedTags(db: DbOrTx, schoolId: string, kind: DocumentKind): Promise<string[]> {
  const rows = await db
    .selectDistinct({ tag: sql<string>`unnest(${documents.tags})`.as('tag') })
    .from(documents)
    .where(and(eq(documents.schoolId, schoolId), eq(documents.kind, kind)));
  return rows.map((r) => r.tag).sort((a, b) => a.localeCompare(b, 'ru'));
}
