import { eq } from 'drizzle-orm';
import { files } from '../../db/chatSchema.js';
import { uploads } from '../../db/uploadSchema.js';
import { AppError } from '../../lib/errors.js';
import type { FileDeps } from '../files/deps.js';
import { looksExecutable, mimeFor, sniffImageType, sniffVideoType } from '../files/fileTypes.js';
import { discardThumbnails, type ImageColumns, notAnImage, prepareImage } from '../files/imageColumns.js';
import { readHead } from '../files/readHead.js';
import { uploadById } from './queries.js';
import type { UploadStore } from './store.js';

/**
 * The last byte of an upload arrived: its bytes become a stored file under the upload's id and it is
 * recorded as the uploader's file, judged as POST /api/files judges one (a program by its first bytes is
 * refused, an image is recognised by them), so «Мои документы», documents and chats take it unchanged.
 * A school video must also be an MP4 or WebM by its bytes, since only its purpose let it past FILE_MAX_BYTES.
 * A refused upload leaves no bytes and no rows.
 */
export async function finishUpload(deps: FileDeps & { uploads: UploadStore }, id: string): Promise<{ fileId: string }> {
  const upload = await uploadById(deps.db, id);
  if (!upload) throw new AppError('not_found');
  if (upload.fileId) return { fileId: upload.fileId };
  await deps.uploads.adopt(id);
  let imageColumns: ImageColumns = notAnImage;
  try {
    const head = await readHead(deps.storage, id, upload.size);
    if (looksExecutable(head)) throw new AppError('file_type_forbidden');
    if (upload.schoolId && !sniffVideoType(head)) throw new AppError('video_type_unsupported');
    const image = sniffImageType(head);
    const mime = upload.schoolId ? (sniffVideoType(head) ?? 'application/octet-stream') : mimeFor(upload.name, image);
    if (image) imageColumns = await prepareImage(deps.storage, id, upload.size);
    return await deps.db.transaction(async (tx) => {
      const [file] = await tx
        .insert(files)
        .values({ ownerId: upload.ownerId, storageKey: id, name: upload.name, size: upload.size, mime, ...imageColumns })
        .returning({ id: files.id });
      if (!file) throw new Error('file row not inserted');
      await tx.update(uploads).set({ fileId: file.id }).where(eq(uploads.id, id));
      return { fileId: file.id };
    });
  } catch (err) {
    await deps.storage.delete(id);
    await discardThumbnails(deps.storage, imageColumns);
    await deps.db.delete(uploads).where(eq(uploads.id, id));
    throw err;
  }
}
