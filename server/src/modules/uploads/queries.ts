import { and, count, eq, gt, isNull, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { uploads } from '../../db/uploadSchema.js';

export type UploadRow = typeof uploads.$inferSelect;

/** One person's upload; null for "no such upload" and "someone else's" alike. */
export async function ownUpload(db: DbOrTx, userId: string, id: string): Promise<UploadRow | null> {
  const [row] = await db.select().from(uploads).where(and(eq(uploads.id, id), eq(uploads.ownerId, userId))).limit(1);
  return row ?? null;
}

export async function uploadById(db: DbOrTx, id: string): Promise<UploadRow | null> {
  const [row] = await db.select().from(uploads).where(eq(uploads.id, id)).limit(1);
  return row ?? null;
}

/** Unfinished uploads of this person that have not expired yet. */
export async function unfinishedCount(db: DbOrTx, userId: string, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(uploads)
    .where(and(eq(uploads.ownerId, userId), isNull(uploads.fileId), gt(uploads.expiresAt, now)))
    .limit(1);
  return row?.n ?? 0;
}

/** Uploads past their expiry: unfinished ones lose their bytes, finished ones only this record. */
export async function expiredUploads(db: DbOrTx, now: Date, limit = 100): Promise<UploadRow[]> {
  return db.select().from(uploads).where(lt(uploads.expiresAt, now)).limit(limit);
}

export async function forgetUpload(db: DbOrTx, id: string): Promise<void> {
  await db.delete(uploads).where(eq(uploads.id, id));
}
