import {
  createDocumentRequest, createFolderRequest, documentResponse, documentsQuery, documentsResponse, folderResponse,
  foldersResponse, id, myFilesQuery, myFilesResponse, okResponse, updateDocumentRequest,
} from '@parta/contracts';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import type { ApiInstance } from '../../http/types.js';
import { createStorage, type FileStorage } from '../../platform/storage/index.js';
import { createDocument } from './createDocument.js';
import { createFolder } from './createFolder.js';
import { deleteDocument } from './deleteDocument.js';
import { listDocuments } from './listDocuments.js';
import { listFolders } from './listFolders.js';
import { listMyFiles } from './listMyFiles.js';
import { updateDocument } from './updateDocument.js';

/** DOC-1 «Документы школы», DOC-2 «Мои документы», DOC-3 «Видео школы». Files themselves come and go through /files. */
export async function registerDocumentsRoutes(api: ApiInstance, deps: AppDeps, storage: FileStorage = createStorage(deps.config)): Promise<void> {
  const tags = ['documents'];
  const docDeps = { db: deps.db, events: deps.events, config: deps.config, storage };
  const schoolParams = z.object({ schoolId: id });
  const docParams = z.object({ id });

  api.get(
    '/schools/:schoolId/documents',
    { schema: { tags, params: schoolParams, querystring: documentsQuery, response: { 200: documentsResponse } } },
    async (req) => listDocuments(docDeps, req.actor, req.params.schoolId, req.query),
  );

  api.post(
    '/schools/:schoolId/documents',
    { schema: { tags, params: schoolParams, body: createDocumentRequest, response: { 201: documentResponse } } },
    async (req, reply) => reply.status(201).send({ data: await createDocument(docDeps, req.actor, req.params.schoolId, req.body) }),
  );

  api.patch(
    '/documents/:id',
    { schema: { tags, params: docParams, body: updateDocumentRequest, response: { 200: documentResponse } } },
    async (req) => ({ data: await updateDocument(docDeps, req.actor, req.params.id, req.body) }),
  );

  api.delete('/documents/:id', { schema: { tags, params: docParams, response: { 200: okResponse } } }, async (req) => {
    await deleteDocument(docDeps, req.actor, req.params.id);
    return { ok: true as const };
  });

  api.get(
    '/schools/:schoolId/document-folders',
    { schema: { tags, params: schoolParams, response: { 200: foldersResponse } } },
    async (req) => listFolders(docDeps, req.actor, req.params.schoolId),
  );

  api.post(
    '/schools/:schoolId/document-folders',
    { schema: { tags, params: schoolParams, body: createFolderRequest, response: { 201: folderResponse } } },
    async (req, reply) => reply.status(201).send({ data: await createFolder(docDeps, req.actor, req.params.schoolId, req.body) }),
  );

  api.get('/me/files', { schema: { tags, querystring: myFilesQuery, response: { 200: myFilesResponse } } }, async (req) =>
    listMyFiles(docDeps, req.actor, req.query),
  );
}
