import { schoolStorageQuotaBytes } from '@parta/contracts';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';

export interface StorageUse {
  usedBytes: number;
  limitBytes: number;
}

/**
 * «Занято N из M»: what a person's uploads take and how much they may keep. Their schools' «Место для файлов» (the
 * largest, for a person in several); the default for someone in none (the platform operator). Files that became the
 * school's documents or videos count to the school, not to the person who uploaded them.
 */
export async function storageUse(db: DbOrTx, userId: string): Promise<StorageUse> {
  const result = (await db.execute(sql`
    select
      (select coalesce(sum(f.size), 0) from files f
        where f.owner_id = ${userId} and not exists (select 1 from documents d where d.file_id = f.id)) as used,
      (select max(s.storage_quota_bytes) from memberships m join schools s on s.id = m.school_id
        where m.user_id = ${userId}) as quota
  `)) as unknown as { rows: { used: string | number; quota: string | number | null }[] };
  const row = result.rows[0];
  const quota = row?.quota;
  return {
    usedBytes: Number(row?.used ?? 0),
    limitBytes: quota === null || quota === undefined ? schoolStorageQuotaBytes.default : Number(quota),
  };
}

/** The refusal of an upload past the quota, saying how much is taken of how much. */
export const quotaExceeded = (use: StorageUse): AppError =>
  new AppError('storage_quota_exceeded', { usedBytes: use.usedBytes, limitBytes: use.limitBytes });

/**
 * Refuses an upload of `size` bytes (null: not known yet) that would not fit. Two uploads at the same moment may both
 * fit alone and pass together: the quota bounds what one person keeps, not to the byte.
 */
export async function requireRoom(db: DbOrTx, userId: string, size: number | null): Promise<StorageUse> {
  const use = await storageUse(db, userId);
  if (use.usedBytes + (size ?? 0) > use.limitBytes || use.usedBytes >= use.limitBytes) throw quotaExceeded(use);
  return use;
}
