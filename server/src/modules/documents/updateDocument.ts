import type { SchoolDocument, updateDocumentRequest } from '@parta/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { documents } from '../../db/contentSchema.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import type { DocumentDeps } from './deps.js';
import { authorizeManageDocument } from './policy.js';
import { documentView, findDocument, findFolder } from './queries.js';

/** DOC-1: rename a document, put it in a folder (or take it out), change its tags: its uploader or the administration. */
export async function updateDocument(
  deps: Pick<DocumentDeps, 'db'>,
  actor: Actor | null,
  documentId: string,
  input: z.infer<typeof updateDocumentRequest>,
): Promise<SchoolDocument> {
  requireActor(actor);
  const doc = await findDocument(deps.db, documentId);
  if (!doc) throw notFound();
  authorizeManageDocument(actor, doc);
  if (input.folderId && !(await findFolder(deps.db, doc.schoolId, input.folderId))) throw notFound();
  await deps.db
    .update(documents)
    .set({
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.folderId !== undefined ? { folderId: input.folderId } : {}),
      ...(input.tags !== undefined ? { tags: input.tags } : {}),
    })
    .where(eq(documents.id, documentId));
  const view = await documentView(deps.db, actor, documentId);
  if (!view) throw notFound();
  return view;
}
