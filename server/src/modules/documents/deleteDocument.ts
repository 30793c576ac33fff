import type { DocumentEvent } from '@parta/contracts';
import { eq } from 'drizzle-orm';
import { files } from '../../db/chatSchema.js';
import { documents } from '../../db/contentSchema.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import type { DocumentDeps } from './deps.js';
import { authorizeManageDocument } from './policy.js';
import { findDocument } from './queries.js';

/**
 * DOC-1: the uploader or the school's administration removes a document from the school. The file
 * itself stays the uploader's («Мои документы»); the poster, which the server made for this video
 * alone, goes with it.
 */
export async function deleteDocument(deps: DocumentDeps, actor: Actor | null, documentId: string): Promise<void> {
  requireActor(actor);
  const doc = await findDocument(deps.db, documentId);
  if (!doc) throw notFound();
  authorizeManageDocument(actor, doc);
  const posterKey = await deps.db.transaction(async (tx) => {
    await tx.delete(documents).where(eq(documents.id, documentId));
    if (!doc.posterFileId) return null;
    const [poster] = await tx.delete(files).where(eq(files.id, doc.posterFileId)).returning({ key: files.storageKey });
    return poster?.key ?? null;
  });
  if (posterKey) await deps.storage.delete(posterKey);
  const event: DocumentEvent = { type: 'document.removed', documentId, kind: doc.kind };
  await deps.events.publish(`school:${doc.schoolId}`, event);
}
