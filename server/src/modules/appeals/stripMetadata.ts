import { eq, inArray } from 'drizzle-orm';
import sharp, { type Sharp } from 'sharp';
import { files } from '../../db/chatSchema.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { type FileStorage, newStorageKey } from '../../platform/storage/index.js';
import { readStoredBytes } from '../files/storeGenerated.js';
import { MAX_INPUT_PIXELS } from '../files/thumbnails.js';

const reencoders: Record<string, (img: Sharp) => Sharp> = {
  'image/jpeg': (img) => img.jpeg({ quality: 92 }),
  'image/png': (img) => img.png(),
  'image/webp': (img) => img.webp({ quality: 92 }),
};

/**
 * An anonymous appeal's photos go to the school without what a camera or phone writes into them (EXIF: the owner's
 * name, the device, the place): each still image is re-encoded upright and bare, its bytes replaced before the appeal
 * exists. sharp copies no metadata unless asked. Other files (documents) keep their bytes: the form says they may name their author.
 */
export async function stripImageMetadata(deps: { db: DbOrTx; storage: FileStorage }, fileIds: string[]): Promise<void> {
  if (fileIds.length === 0) return;
  const rows = await deps.db
    .select({ id: files.id, storageKey: files.storageKey, mime: files.mime, isImage: files.isImage })
    .from(files)
    .where(inArray(files.id, fileIds));
  for (const f of rows) {
    const reencode = reencoders[f.mime];
    if (!f.isImage || !reencode) continue;
    const bytes = await readStoredBytes(deps.storage, f.storageKey);
    if (!bytes) continue;
    let bare: Buffer;
    try {
      bare = await reencode(sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).rotate()).toBuffer();
    } catch {
      throw new AppError('image_invalid');
    }
    const key = newStorageKey();
    await deps.storage.put(key, bare, { contentType: f.mime });
    await deps.db.update(files).set({ storageKey: key, size: bare.length }).where(eq(files.id, f.id));
    await deps.storage.delete(f.storageKey);
  }
}
