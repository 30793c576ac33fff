import type { documentsQuery, SchoolDocument } from '@parta/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { documents } from '../../db/contentSchema.js';
import type { Actor } from '../../policy/actor.js';
import type { DocumentDeps } from './deps.js';
import { authorizeDocuments, canDocuments } from './policy.js';
import { documentViews, usedTags } from './queries.js';

export interface DocumentList {
  data: SchoolDocument[];
  tags: string[];
  can: { upload: boolean; createFolder: boolean };
}

/** DOC-1, DOC-3: the school's documents or videos, newest first, by folder and tag; every member reads them. */
export async function listDocuments(
  deps: Pick<DocumentDeps, 'db'>,
  actor: Actor | null,
  schoolId: string,
  query: z.infer<typeof documentsQuery>,
): Promise<DocumentList> {
  authorizeDocuments(actor, 'view', schoolId);
  const where = and(
    eq(documents.schoolId, schoolId),
    eq(documents.kind, query.kind),
    query.folderId ? eq(documents.folderId, query.folderId) : undefined,
    query.tag ? sql`${query.tag} = any(${documents.tags})` : undefined,
  );
  const [data, tags] = [await documentViews(deps.db, actor, where), await usedTags(deps.db, schoolId, query.kind)];
  return {
    data,
    tags,
    can: { upload: canDocuments(actor, 'upload', schoolId), createFolder: canDocuments(actor, 'createFolder', schoolId) },
  };
}
