import type { photoResponse } from '@parta/contracts';
import type { z } from 'zod';
import { ApiError, parseErrorBody } from '../../api/client';

/** PUT a picture as my photo or a school's logo (multipart); the answer is the URL to show. */
export async function uploadPhoto(path: '/me/photo' | `/schools/${string}/logo`, file: File): Promise<string | null> {
  const form = new FormData();
  form.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method: 'PUT', body: form, credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch {
    throw new ApiError('internal', 0);
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw parseErrorBody(res.status, body);
  return (body as z.infer<typeof photoResponse>).data.url;
}
