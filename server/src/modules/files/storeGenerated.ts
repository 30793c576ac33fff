import { files } from '../../db/chatSchema.js';
import type { DbOrTx } from '../../db/client.js';
import { newStorageKey, type FileStorage } from '../../platform/storage/index.js';

/**
 * Stores bytes the server made itself (a resized photo, a video's poster) as a file of `ownerId`.
 * Only our own encoders' output comes here, so the type is known. A failed insert leaves no bytes.
 */
export async function storeGeneratedImage(
  deps: { db: DbOrTx; storage: FileStorage },
  ownerId: string,
  name: string,
  bytes: Buffer,
  mime: 'image/jpeg',
): Promise<{ id: string; storageKey: string }> {
  const key = newStorageKey();
  await deps.storage.put(key, bytes, { contentType: mime });
  try {
    const [row] = await deps.db
      .insert(files)
      .values({ ownerId, storageKey: key, name, size: bytes.length, mime, isImage: true })
      .returning({ id: files.id, storageKey: files.storageKey });
    if (!row) throw new Error('generated file not inserted');
    return row;
  } catch (err) {
    await deps.storage.delete(key);
    throw err;
  }
}

/** A stored file's bytes, whole: only for files already known to be within the upload limit. */
export async function readStoredBytes(storage: FileStorage, storageKey: string): Promise<Buffer | null> {
  const object = await storage.get(storageKey);
  if (!object) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of object.body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
