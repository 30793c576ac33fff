import { files } from '../../db/chatSchema.js';
import { type FileStorage, newStorageKey } from '../../platform/storage/index.js';
import { readStoredBytes } from './storeGenerated.js';
import { describeImage, MAX_INPUT_BYTES } from './thumbnails.js';

/** What a files row records about an image's pixels (the columns beside is_image). */
export interface ImageColumns {
  isImage: boolean;
  width: number | null;
  height: number | null;
  thumbKey: string | null;
  thumbLargeKey: string | null;
}

export const notAnImage: ImageColumns = { isImage: false, width: null, height: null, thumbKey: null, thumbLargeKey: null };

/**
 * For bytes already stored whose first bytes say «image»: reads their size and stores WebP thumbnails
 * beside them, in the same storage. A picture too big to decode safely stops being an image (it
 * downloads, it is never shown inline, so no browser decodes a bomb either); one that does not decode
 * stays an image without size or thumbnail, as every image was before. Nothing here throws for bad bytes;
 * a storage failure does, after removing what it stored.
 */
export async function prepareImage(storage: FileStorage, storageKey: string, size: number): Promise<ImageColumns> {
  const bytes = size > MAX_INPUT_BYTES ? null : await readStoredBytes(storage, storageKey);
  const facts = bytes ? await describeImage(bytes) : ({ kind: 'tooBig' } as const);
  switch (facts.kind) {
    case 'tooBig':
      return notAnImage;
    case 'unreadable':
      return { ...notAnImage, isImage: true };
    case 'animated':
      return { ...notAnImage, isImage: true, width: facts.width, height: facts.height };
    case 'still': {
      const thumbKey = newStorageKey();
      const thumbLargeKey = facts.large ? newStorageKey() : null;
      try {
        await storage.put(thumbKey, facts.thumb, { contentType: 'image/webp' });
        if (thumbLargeKey && facts.large) await storage.put(thumbLargeKey, facts.large, { contentType: 'image/webp' });
      } catch (err) {
        await discardThumbnails(storage, { thumbKey, thumbLargeKey });
        throw err;
      }
      return { isImage: true, width: facts.width, height: facts.height, thumbKey, thumbLargeKey };
    }
  }
}

/** Removes the thumbnails of a file whose row was not written (or is being removed). */
export async function discardThumbnails(storage: FileStorage, keys: Pick<ImageColumns, 'thumbKey' | 'thumbLargeKey'>): Promise<void> {
  for (const key of [keys.thumbKey, keys.thumbLargeKey]) if (key) await storage.delete(key);
}

/** The columns to return when deleting file rows: every object a file has in the storage. */
export const storedKeyColumns = { key: files.storageKey, thumbKey: files.thumbKey, thumbLargeKey: files.thumbLargeKey };

/** The storage keys of deleted rows (returned with storedKeyColumns), originals and thumbnails alike. */
export function storedKeys(rows: Array<{ key: string; thumbKey: string | null; thumbLargeKey: string | null }>): string[] {
  return rows.flatMap((r) => [r.key, r.thumbKey, r.thumbLargeKey].filter((k): k is string => k !== null));
}
