import { type Attachment, isForbiddenFileName } from '@parta/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import { errorText } from '../../api/errorText';
import type { FileLimitsResponse } from '../chats/chatTypes';
import { uploadFile } from '../messages/uploadFile';

export interface Upload {
  key: string;
  name: string;
  size: number;
  progress: number;
  stored: Attachment | null;
  error: string | null;
}

/**
 * Files chosen for a post (new, or added while editing): each uploaded at once with its progress,
 * refused at once when its type or size cannot be stored, as in chats.
 */
export function useUploads() {
  const { t } = useTranslation();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const limits = useQuery({
    queryKey: ['files', 'limits'],
    queryFn: () => api<FileLimitsResponse>('GET', '/files/limits'),
    staleTime: 600_000,
  });
  const patch = (key: string, p: Partial<Upload>) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...p } : u)));
  const add = (files: File[]) => {
    for (const file of files) {
      const key = crypto.randomUUID();
      const refused = isForbiddenFileName(file.name)
        ? t('errors.file_type_forbidden')
        : limits.data && file.size > limits.data.data.maxBytes
          ? errorText(t, new ApiError('file_too_large', 413, [], null, limits.data.data.maxBytes))
          : null;
      setUploads((list) => [...list, { key, name: file.name, size: file.size, progress: 0, stored: null, error: refused }]);
      if (refused) continue;
      uploadFile(file, (p) => patch(key, { progress: p }))
        .then((stored) => patch(key, { stored, progress: 1 }))
        .catch((e) => patch(key, { error: errorText(t, e instanceof ApiError ? e : new ApiError('internal', 0)) }));
    }
  };
  return {
    uploads,
    add,
    remove: (key: string) => setUploads((l) => l.filter((x) => x.key !== key)),
    clear: () => setUploads([]),
    /** Still uploading: the post waits. */
    busy: uploads.some((u) => !u.stored && !u.error),
    /** Uploaded, in the order chosen. */
    ready: uploads.flatMap((u) => (u.stored ? [u.stored] : [])),
    limits: limits.data?.data ?? null,
  };
}
