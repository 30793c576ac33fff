import type { Attachment } from '@parta/contracts';
import { parseErrorBody } from '../../api/client';

/**
 * POST /api/files with XMLHttpRequest, because fetch cannot report upload progress. `onProgress`
 * gets 0..1; the promise gives the stored attachment or rejects with an ApiError (file_too_large…).
 */
export function uploadFile(file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/files');
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body === 'object' && 'data' in body) {
        onProgress(1);
        resolve((body as { data: Attachment }).data);
      } else {
        reject(parseErrorBody(xhr.status, body));
      }
    };
    xhr.onerror = () => reject(parseErrorBody(0, null));
    signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
