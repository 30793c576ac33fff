import { and, eq, ne } from 'drizzle-orm';
import { files } from '../../db/chatSchema.js';
import { profilePhotos } from '../../db/contentSchema.js';
import { AppError } from '../../lib/errors.js';
import type { FileStorage } from '../../platform/storage/index.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeSchool, requireActor } from '../../policy/authorize.js';
import { storedKeyColumns, storedKeys } from '../files/imageColumns.js';
import { storeGeneratedImage } from '../files/storeGenerated.js';
import type { AppDeps } from '../../deps.js';
import { resizePhoto } from './resizePhoto.js';

export type PhotoDeps = Pick<AppDeps, 'db' | 'events'> & { storage: FileStorage };
export type PhotoOwner = { kind: 'user'; id: string } | { kind: 'school'; id: string };

/** The URL a photo is shown from: the images-only inline preview, which reads grants.ts. */
export const photoUrl = (fileId: string) => `/api/files/${fileId}/preview`;

/** My own photo; a school's logo only for its administration. */
export function authorizePhoto(actor: Actor | null, owner: PhotoOwner): asserts actor is Actor {
  requireActor(actor);
  if (owner.kind === 'user' && owner.id !== actor.userId) throw new AppError('not_found');
  if (owner.kind === 'school') authorizeSchool(actor, 'manage', { id: owner.id });
}

/**
 * Sets a person's photo or a school's logo from an uploaded picture: resized, re-encoded (no
 * metadata), stored as a file of the uploader, recorded in profile_photos. The previous picture's
 * file and bytes are removed. Nothing is written for a picture that is refused.
 */
export async function setPhoto(deps: PhotoDeps, actor: Actor | null, owner: PhotoOwner, picture: Buffer): Promise<{ url: string }> {
  authorizePhoto(actor, owner);
  const jpeg = await resizePhoto(picture);
  let newKey: string | null = null;
  let written: { fileId: string; oldKeys: string[] };
  try {
    written = await deps.db.transaction(async (tx) => {
      const stored = await storeGeneratedImage({ db: tx, storage: deps.storage }, actor.userId, owner.kind === 'user' ? 'photo.jpg' : 'logo.jpg', jpeg, 'image/jpeg');
      newKey = stored.storageKey;
      const [previous] = await tx
        .select({ fileId: profilePhotos.fileId })
        .from(profilePhotos)
        .where(and(eq(profilePhotos.ownerKind, owner.kind), eq(profilePhotos.ownerId, owner.id)));
      await tx
        .insert(profilePhotos)
        .values({ ownerKind: owner.kind, ownerId: owner.id, fileId: stored.id })
        .onConflictDoUpdate({ target: [profilePhotos.ownerKind, profilePhotos.ownerId], set: { fileId: stored.id, updatedAt: new Date() } });
      if (!previous) return { fileId: stored.id, oldKeys: [] };
      const removed = await tx
        .delete(files)
        .where(and(eq(files.id, previous.fileId), ne(files.id, stored.id)))
        .returning(storedKeyColumns);
      return { fileId: stored.id, oldKeys: storedKeys(removed) };
    });
  } catch (err) {
    if (newKey) await deps.storage.delete(newKey);
    throw err;
  }
  for (const key of written.oldKeys) await deps.storage.delete(key);
  if (owner.kind === 'school') await deps.events.publish(`school:${owner.id}`, { type: 'school.updated', schoolId: owner.id });
  return { url: photoUrl(written.fileId) };
}

/** Removes a person's photo or a school's logo, with its file and bytes. Removing none is not an error. */
export async function removePhoto(deps: PhotoDeps, actor: Actor | null, owner: PhotoOwner): Promise<void> {
  authorizePhoto(actor, owner);
  const keys = await deps.db.transaction(async (tx) => {
    const [previous] = await tx
      .delete(profilePhotos)
      .where(and(eq(profilePhotos.ownerKind, owner.kind), eq(profilePhotos.ownerId, owner.id)))
      .returning({ fileId: profilePhotos.fileId });
    if (!previous) return [];
    const removed = await tx.delete(files).where(eq(files.id, previous.fileId)).returning(storedKeyColumns);
    return storedKeys(removed);
  });
  for (const key of keys) await deps.storage.delete(key);
  if (owner.kind === 'school' && keys.length > 0) {
    await deps.events.publish(`school:${owner.id}`, { type: 'school.updated', schoolId: owner.id });
  }
}
