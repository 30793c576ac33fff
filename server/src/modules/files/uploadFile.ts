import type { Attachment } from '@parta/contracts';
import { isForbiddenFileName } from '@parta/contracts';
import { pipeline, type Readable } from 'node:stream';
import { files } from '../../db/chatSchema.js';
import { AppError } from '../../lib/errors.js';
import { newStorageKey } from '../../platform/storage/index.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import type { FileDeps } from './deps.js';
import { cleanFileName, mimeFor } from './fileTypes.js';
import { discardThumbnails, type ImageColumns, notAnImage, prepareImage } from './imageColumns.js';
import { toAttachment } from './queries.js';
import { quotaExceeded, requireRoom, type StorageUse } from './storageQuota.js';
import { UploadGuard } from './uploadGuard.js';

export interface Upload {
  /** The name the person's device gave the file; none when the part came without one (busboy then gives undefined). */
  filename: string | undefined;
  stream: Readable;
  /** Set by the multipart parser when it cut the stream at its own limit. */
  truncated?: () => boolean;
}

/**
 * CHT-3, DOC-1: stores one upload and records it as the uploader's file. Refused by name before a
 * byte is stored, or by size and content while streaming; a refusal leaves no bytes and no row.
 * The file is private to its owner until a message carries it into a chat.
 */
export async function uploadFile(deps: FileDeps, actor: Actor | null, upload: Upload): Promise<Attachment> {
  requireActor(actor);
  const name = cleanFileName(upload.filename);
  if (isForbiddenFileName(name)) {
    upload.stream.resume();
    throw new AppError('file_type_forbidden');
  }
  const maxBytes = deps.config.files.maxBytes;
  // The quota first: a person whose storage is full is told so before a byte is stored; one with some room left has
  // the upload cut where it would overflow.
  let use: StorageUse;
  try {
    use = await requireRoom(deps.db, actor.userId, null);
  } catch (err) {
    upload.stream.resume();
    throw err;
  }
  const room = use.limitBytes - use.usedBytes;
  const guard = room < maxBytes ? new UploadGuard(room, () => quotaExceeded(use)) : new UploadGuard(maxBytes);
  // Errors travel both ways: a refusing guard stops the upload, a broken upload fails the guard.
  const body = pipeline(upload.stream, guard, () => undefined);
  const key = newStorageKey();
  let size: number;
  try {
    ({ size } = await deps.storage.put(key, body, { contentType: 'application/octet-stream' }));
  } catch (err) {
    upload.stream.resume();
    throw err;
  }
  let image: ImageColumns = notAnImage;
  try {
    if (upload.truncated?.()) throw new AppError('file_too_large', { maxBytes });
    // Size and thumbnails once the bytes are stored: S3 or disk, the same for tus uploads (finishUpload).
    if (guard.image) image = await prepareImage(deps.storage, key, size);
    const [row] = await deps.db
      .insert(files)
      .values({ ownerId: actor.userId, storageKey: key, name, size, mime: mimeFor(name, guard.image), ...image })
      .returning();
    if (!row) throw new Error('file row not inserted');
    return toAttachment(row);
  } catch (err) {
    await deps.storage.delete(key);
    await discardThumbnails(deps.storage, image);
    throw err;
  }
}
