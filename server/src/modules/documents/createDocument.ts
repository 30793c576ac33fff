import type { createDocumentRequest, DocumentEvent, SchoolDocument } from '@parta/contracts';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { files } from '../../db/chatSchema.js';
import { documents } from '../../db/contentSchema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { sniffVideoType } from '../files/fileTypes.js';
import { readHead } from '../files/readHead.js';
import { readStoredBytes, storeGeneratedImage } from '../files/storeGenerated.js';
import type { DocumentDeps } from './deps.js';
import { discardPosterSource } from './discardPosterSource.js';
import { authorizeDocuments } from './policy.js';
import { drawnPoster, posterFromImage } from './poster.js';
import { documentView, findFolder } from './queries.js';

/** One of my uploads, with what judging it needs; null for "no such file" and "not mine" alike. */
async function myFile(deps: DocumentDeps, userId: string, fileId: string) {
  const [row] = await deps.db
    .select({ id: files.id, name: files.name, size: files.size, storageKey: files.storageKey, isImage: files.isImage })
    .from(files)
    .where(and(eq(files.id, fileId), eq(files.ownerId, userId)))
    .limit(1);
  return row ?? null;
}

/**
 * DOC-1, DOC-3: «+» → «Загрузить файл». Shares a file I uploaded (POST /api/files, which refused
 * programs and oversized files) with every member of the school. A video must be an MP4 or WebM by
 * its bytes, and gets a poster: the picture I chose, cropped and re-encoded, or one drawn from the
 * title. Refusals come before anything is written; `document.added` goes out after commit.
 */
export async function createDocument(
  deps: DocumentDeps,
  actor: Actor | null,
  schoolId: string,
  input: z.infer<typeof createDocumentRequest>,
): Promise<SchoolDocument> {
  authorizeDocuments(actor, 'upload', schoolId);
  const file = await myFile(deps, actor.userId, input.fileId);
  if (!file) throw notFound();
  if (input.folderId && !(await findFolder(deps.db, schoolId, input.folderId))) throw notFound();
  const title = input.title ?? file.name;

  let posterBytes: Buffer | null = null;
  if (input.kind === 'video') {
    const head = await readHead(deps.storage, file.storageKey, file.size);
    if (!sniffVideoType(head)) throw new AppError('video_type_unsupported');
    if (input.posterFileId) {
      const picture = await myFile(deps, actor.userId, input.posterFileId);
      if (!picture) throw notFound();
      if (!picture.isImage) throw new AppError('image_invalid');
      const bytes = await readStoredBytes(deps.storage, picture.storageKey);
      if (!bytes) throw notFound();
      posterBytes = await posterFromImage(bytes);
    } else {
      posterBytes = await drawnPoster(title);
    }
  } else if (input.posterFileId) {
    throw new AppError('invalid_input', { fields: [{ path: 'posterFileId', message: 'only_for_videos' }] });
  }

  // The poster's bytes go to the store inside the transaction; if it rolls back, they are removed too.
  let posterKey: string | null = null;
  let sourceKeys: string[] = [];
  let written: { documentId: string; view: SchoolDocument | null };
  try {
    written = await deps.db.transaction(async (tx) => {
      const poster = posterBytes
        ? await storeGeneratedImage({ db: tx, storage: deps.storage }, actor.userId, `${title}.jpg`, posterBytes, 'image/jpeg')
        : null;
      posterKey = poster?.storageKey ?? null;
      const [row] = await tx
        .insert(documents)
        .values({
          schoolId,
          kind: input.kind,
          fileId: file.id,
          title,
          folderId: input.folderId,
          tags: input.tags,
          posterFileId: poster?.id ?? null,
          uploadedBy: actor.userId,
        })
        .returning({ id: documents.id });
      if (!row) throw new Error('document not inserted');
      if (input.kind === 'video' && input.posterFileId) sourceKeys = await discardPosterSource(tx, input.posterFileId);
      return { documentId: row.id, view: await documentView(tx, actor, row.id) };
    });
  } catch (err) {
    if (posterKey) await deps.storage.delete(posterKey);
    throw err;
  }
  for (const key of sourceKeys) await deps.storage.delete(key);
  const { documentId, view } = written;
  if (!view) throw new Error('document view missing');
  const event: DocumentEvent = { type: 'document.added', documentId, kind: input.kind };
  await deps.events.publish(`school:${schoolId}`, event);
  return view;
}
