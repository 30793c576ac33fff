// The documents endpoints (DOC-1..3), typed from the shared contracts.
import type {
  CreateDocumentRequest, documentResponse, documentsResponse, DocumentKind, fileLimitsResponse, folderResponse,
  foldersResponse, myFilesResponse, UpdateDocumentRequest,
} from '@parta/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, query } from '../../api/client';
import { useSchoolEvents } from '../chats/RealtimeProvider';

export type DocumentsResponse = z.infer<typeof documentsResponse>;
export type DocumentResponse = z.infer<typeof documentResponse>;
export type FoldersResponse = z.infer<typeof foldersResponse>;
export type FolderResponse = z.infer<typeof folderResponse>;
export type MyFilesResponse = z.infer<typeof myFilesResponse>;
export type FileLimitsResponse = z.infer<typeof fileLimitsResponse>;
export type { CreateDocumentRequest, UpdateDocumentRequest };

export const documentKeys = {
  school: (schoolId: string) => ['documents', schoolId] as const,
  list: (schoolId: string, kind: DocumentKind, folderId: string | null, tag: string | null) =>
    ['documents', schoolId, kind, folderId ?? '', tag ?? ''] as const,
  folders: (schoolId: string) => ['documents', schoolId, 'folders'] as const,
  mine: ['documents', 'mine'] as const,
};

/** Downloads (with Range, for players) and the in-browser view that only PDFs and pictures get. */
export const fileUrls = {
  download: (fileId: string) => `/api/files/${fileId}`,
  view: (fileId: string) => `/api/files/${fileId}/view`,
  preview: (fileId: string) => `/api/files/${fileId}/preview`,
};

export function useDocuments(schoolId: string, kind: DocumentKind, folderId: string | null = null, tag: string | null = null) {
  const client = useQueryClient();
  // Someone else added or removed a document: an open list refreshes.
  useSchoolEvents((id, event) => {
    if (id === schoolId && (event.type === 'document.added' || event.type === 'document.removed')) {
      void client.invalidateQueries({ queryKey: documentKeys.school(schoolId) });
    }
  });
  return useQuery({
    queryKey: documentKeys.list(schoolId, kind, folderId, tag),
    queryFn: () =>
      api<DocumentsResponse>('GET', `/schools/${schoolId}/documents${query({ kind, folderId, tag })}`),
    placeholderData: (prev) => prev,
  });
}

export function useFolders(schoolId: string) {
  return useQuery({
    queryKey: documentKeys.folders(schoolId),
    queryFn: () => api<FoldersResponse>('GET', `/schools/${schoolId}/document-folders`),
  });
}

/** The upload limits shown before choosing a file (the same query the chat's upload dialog uses). */
export function useFileLimits(enabled = true) {
  return useQuery({
    queryKey: ['files', 'limits'],
    queryFn: () => api<FileLimitsResponse>('GET', '/files/limits'),
    staleTime: 600_000,
    enabled,
  });
}
