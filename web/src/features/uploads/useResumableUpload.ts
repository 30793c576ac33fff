import { useEffect, useRef, useState } from 'react';
import { DetailedError, Upload } from 'tus-js-client';
import { ApiError, parseErrorBody } from '../../api/client';

/** Where an upload stands, for the progress line and its buttons. */
export type UploadState = 'idle' | 'uploading' | 'paused' | 'offline' | 'retrying' | 'done' | 'failed';

export interface ResumableUploadOptions {
  /** tus metadata besides the file's name and type, e.g. purpose=school-video and schoolId. */
  metadata?: Record<string, string>;
}

/** Big pieces: each PATCH is one request, and on a fast link fewer requests is faster. */
const CHUNK_BYTES = 64 * 1024 * 1024;
/** Waits between automatic retries after a dropped request (then we wait for the connection to return). */
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, 20000];
export const FILE_ID_HEADER = 'Parta-File-Id';

function apiErrorOf(err: unknown): ApiError {
  if (err instanceof DetailedError && err.originalResponse) {
    const status = err.originalResponse.getStatus();
    let body: unknown = null;
    try {
      body = JSON.parse(err.originalResponse.getBody());
    } catch {
      // A tus answer in plain text (e.g. 409 offset mismatch): nothing for the person beyond «try again».
    }
    return parseErrorBody(status, body);
  }
  return new ApiError('internal', 0);
}

/**
 * A resumable upload (tus, POST /api/uploads) with pause and resume: automatic retries after a dropped
 * request, a wait for the connection when the browser goes offline, and resumption after a page reload
 * (tus-js-client keeps the upload's address in localStorage under the file's fingerprint). Resolves
 * with the id of the file the finished upload became.
 */
export function useResumableUpload() {
  const [state, setState] = useState<UploadState>('idle');
  const [sent, setSent] = useState(0);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);
  const current = useRef<Upload | null>(null);
  const onlineWait = useRef<(() => void) | null>(null);
  const detachOffline = useRef<(() => void) | null>(null);

  const stopWaiting = () => {
    if (onlineWait.current) window.removeEventListener('online', onlineWait.current);
    onlineWait.current = null;
  };
  // Leaving the page stops sending (the upload stays resumable: its address is kept for the next try).
  useEffect(
    () => () => {
      if (onlineWait.current) window.removeEventListener('online', onlineWait.current);
      detachOffline.current?.();
      void current.current?.abort();
    },
    [],
  );

  /** Offline: no point in retrying now; go on from the server's offset once the connection is back. */
  const waitForConnection = (upload: Upload) => {
    setState('offline');
    stopWaiting();
    onlineWait.current = () => {
      onlineWait.current = null;
      setState('uploading');
      upload.start();
    };
    window.addEventListener('online', onlineWait.current, { once: true });
  };

  const start = (file: File, opts: ResumableUploadOptions = {}): Promise<string | null> => {
    detachOffline.current?.();
    setError(null);
    setSent(0);
    setTotal(file.size);
    setState('uploading');
    return new Promise((resolve) => {
      const upload = new Upload(file, {
        endpoint: '/api/uploads',
        chunkSize: CHUNK_BYTES,
        retryDelays: RETRY_DELAYS,
        removeFingerprintOnSuccess: true,
        metadata: { filename: file.name, filetype: file.type, ...opts.metadata },
        onProgress: (bytes, of) => {
          setSent(bytes);
          setTotal(of);
          setState((s) => (s === 'retrying' ? 'uploading' : s));
        },
        onShouldRetry: (err) => {
          if (!navigator.onLine) return false;
          const status = err.originalResponse?.getStatus() ?? 0;
          const again = status === 0 || status >= 500 || status === 409 || status === 423;
          if (again) setState('retrying');
          return again;
        },
        onError: (err) => {
          if (!navigator.onLine) {
            waitForConnection(upload);
            return;
          }
          window.removeEventListener('offline', onOffline);
          setError(apiErrorOf(err));
          setState('failed');
          resolve(null);
        },
        onSuccess: ({ lastResponse }) => {
          window.removeEventListener('offline', onOffline);
          setSent(file.size);
          setState('done');
          resolve(lastResponse.getHeader(FILE_ID_HEADER) ?? null);
        },
      });
      // A request under way when the connection drops may hang rather than fail: stop it as soon as the
      // browser says it is offline, and ask the server for its offset when the connection returns.
      const onOffline = () => {
        void upload.abort();
        waitForConnection(upload);
      };
      window.addEventListener('offline', onOffline);
      detachOffline.current = () => window.removeEventListener('offline', onOffline);
      current.current = upload;
      // The same file picked again after a reload or a lost connection continues where it stopped.
      void upload.findPreviousUploads().then((previous) => {
        const last = previous.sort((a, b) => b.creationTime.localeCompare(a.creationTime))[0];
        if (last) upload.resumeFromPreviousUpload(last);
        upload.start();
      });
    });
  };

  const pause = () => {
    stopWaiting();
    void current.current?.abort();
    setState('paused');
  };
  const resume = () => {
    setState('uploading');
    current.current?.start();
  };
  /** Stops and forgets the upload; the server removes what it received (tus termination). */
  const cancel = () => {
    stopWaiting();
    detachOffline.current?.();
    void current.current?.abort(true).catch(() => undefined);
    current.current = null;
    setState('idle');
    setSent(0);
    setError(null);
  };

  return { state, sent, total, error, start, pause, resume, cancel, busy: state !== 'idle' && state !== 'done' && state !== 'failed' };
}
