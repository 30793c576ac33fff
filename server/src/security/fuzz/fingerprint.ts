import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

/**
 * Per table, its row count and the newest row version's transaction id (xmin), in one query: any
 * insert raises both or the count, any update (even to the same values) makes a new row version with
 * a newer xmin, any delete lowers the count. Equal before and after a request means it wrote nothing.
 * Tables are read from the catalogue, so a new table is watched too. (Cheaper than hashing every row,
 * which made the fuzz test twice as slow.)
 */
export async function databaseFingerprint(db: Db): Promise<Record<string, string>> {
  const tables = (await db.execute(sql`select tablename from pg_tables where schemaname = 'public' order by tablename`)) as unknown as {
    rows: Array<{ tablename: string }>;
  };
  const parts = tables.rows.map(
    ({ tablename }) =>
      `select '${tablename}' as t, count(*)::text || ':' || coalesce(max(xmin::text::bigint), 0)::text as h from "${tablename}"`,
  );
  const res = (await db.execute(sql.raw(parts.join(' union all ')))) as unknown as { rows: Array<{ t: string; h: string }> };
  return Object.fromEntries(res.rows.map((r) => [r.t, r.h]));
}

/** The tables whose hash differs, for the failure message. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((t) => before[t] !== after[t]);
}
