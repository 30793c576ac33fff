import type { DocumentFolder } from '@parta/contracts';
import { asc, count, eq } from 'drizzle-orm';
import { documentFolders, documents } from '../../db/contentSchema.js';
import type { Actor } from '../../policy/actor.js';
import type { DocumentDeps } from './deps.js';
import { authorizeDocuments, canDocuments } from './policy.js';

/** DOC-1: the school's folders by name, with how many documents and videos each holds. */
export async function listFolders(
  deps: Pick<DocumentDeps, 'db'>,
  actor: Actor | null,
  schoolId: string,
): Promise<{ data: DocumentFolder[]; can: { create: boolean } }> {
  authorizeDocuments(actor, 'view', schoolId);
  const rows = await deps.db
    .select({
      id: documentFolders.id,
      name: documentFolders.name,
      createdAt: documentFolders.createdAt,
      documentCount: count(documents.id),
    })
    .from(documentFolders)
    .leftJoin(documents, eq(documents.folderId, documentFolders.id))
    .where(eq(documentFolders.schoolId, schoolId))
    .groupBy(documentFolders.id)
    .orderBy(asc(documentFolders.name));
  const data = rows
    .map((r) => ({ id: r.id, name: r.name, documentCount: Number(r.documentCount), createdAt: r.createdAt.toISOString() }))
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  return { data, can: { create: canDocuments(actor, 'createFolder', schoolId) } };
}
