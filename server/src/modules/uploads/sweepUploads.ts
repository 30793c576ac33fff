import { inArray } from 'drizzle-orm';
import { uploads } from '../../db/uploadSchema.js';
import type { AppDeps } from '../../deps.js';
import { expiredUploads } from './queries.js';
import type { UploadStore } from './store.js';

/**
 * Removes uploads a day old: an unfinished one with its bytes (tus expiration: its address then answers
 * 404), a finished one only as a record (its file lives on as the person's file). Returns how many went.
 */
export async function sweepUploads(deps: Pick<AppDeps, 'db' | 'clock'> & { uploads: Pick<UploadStore, 'discard'> }): Promise<number> {
  let removed = 0;
  for (;;) {
    const batch = await expiredUploads(deps.db, deps.clock.now());
    if (batch.length === 0) return removed;
    for (const row of batch) if (!row.fileId) await deps.uploads.discard(row.id);
    await deps.db.delete(uploads).where(inArray(uploads.id, batch.map((r) => r.id)));
    removed += batch.length;
  }
}
