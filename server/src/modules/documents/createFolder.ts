import type { createFolderRequest, DocumentFolder } from '@parta/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { documentFolders } from '../../db/contentSchema.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import type { DocumentDeps } from './deps.js';
import { authorizeDocuments } from './policy.js';

/** DOC-1: a new folder of the methodical library («Расписания», «Приказы»); one of each name per school, whatever the case. */
export async function createFolder(
  deps: Pick<DocumentDeps, 'db'>,
  actor: Actor | null,
  schoolId: string,
  input: z.infer<typeof createFolderRequest>,
): Promise<DocumentFolder> {
  authorizeDocuments(actor, 'createFolder', schoolId);
  const row = await deps.db.transaction(async (tx) => {
    const [same] = await tx
      .select({ id: documentFolders.id })
      .from(documentFolders)
      .where(and(eq(documentFolders.schoolId, schoolId), sql`lower(${documentFolders.name}) = lower(${input.name})`))
      .limit(1);
    if (same) return null;
    // The unique index settles two people pressing at once with the same name.
    const [inserted] = await tx
      .insert(documentFolders)
      .values({ schoolId, name: input.name, createdBy: actor.userId })
      .onConflictDoNothing()
      .returning();
    return inserted ?? null;
  });
  if (!row) throw new AppError('folder_exists');
  return { id: row.id, name: row.name, documentCount: 0, createdAt: row.createdAt.toISOString() };
}
