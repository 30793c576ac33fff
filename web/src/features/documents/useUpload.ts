import { isForbiddenFileName } from '@parta/contracts';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorText } from '../../api/errorText';
import { uploadFile } from '../messages/uploadFile';
import { useFileLimits } from './api';

/**
 * One upload with a progress bar: the file is checked against the limits first (the server checks
 * again, by content), then sent with POST /api/files; `then` shares the stored file.
 */
export function useUpload() {
  const { t } = useTranslation();
  const limits = useFileLimits();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const run = async <T>(file: File, then: (fileId: string) => Promise<T>): Promise<T | null> => {
    setError(null);
    if (isForbiddenFileName(file.name)) {
      setError(t('errors.file_type_forbidden'));
      return null;
    }
    const max = limits.data?.data.maxBytes;
    if (max !== undefined && file.size > max) {
      setError(errorText(t, new ApiError('file_too_large', 413, [], null, max)));
      return null;
    }
    abort.current = new AbortController();
    setProgress(0);
    try {
      const stored = await uploadFile(file, setProgress, abort.current.signal);
      const result = await then(stored.id);
      setProgress(null);
      return result;
    } catch (e) {
      setProgress(null);
      setError(errorText(t, e instanceof ApiError ? e : new ApiError('internal', 0)));
      return null;
    }
  };
  const reset = () => {
    abort.current?.abort();
    setProgress(null);
    setError(null);
  };
  return { run, progress, error, setError, reset, busy: progress !== null };
}
