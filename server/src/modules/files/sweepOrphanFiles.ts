import { type SQL, sql } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import type { FileStorage } from '../../platform/storage/index.js';
import { rowsOf } from '../../backup/tables.js';

/** An upload nothing refers to after this long was abandoned (a message never sent, a draft never saved). */
export const ORPHAN_AFTER_MS = 24 * 60 * 60 * 1000;
const BATCH = 200;

/**
 * Every column that refers to a file: read from the database's own foreign keys to `files`, so a table added later
 * (a new kind of attachment) protects its files without anyone remembering to list it here. Today: message
 * attachments, documents and their posters, article covers and files, news files, profile photos, homework
 * assignments' and submissions' files, and finished tus uploads.
 */
async function fileReferences(db: AppDeps['db']): Promise<{ table: string; column: string }[]> {
  return rowsOf<{ table: string; column: string }>(
    db,
    sql`select c.conrelid::regclass::text as "table", a.attname as "column"
        from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
        where c.contype = 'f' and c.confrelid = 'files'::regclass and array_length(c.conkey, 1) = 1`,
  );
}

/**
 * Removes uploads that were never attached anywhere once they are a day old: their rows, then their bytes and
 * thumbnails. The condition is checked again by the DELETE itself, so a file attached between the look and the delete
 * stays. Returns how many went.
 */
export async function sweepOrphanFiles(deps: Pick<AppDeps, 'db' | 'clock'> & { storage: Pick<FileStorage, 'delete'> }): Promise<number> {
  const refs = await fileReferences(deps.db);
  const unreferenced: SQL = sql.join(
    refs.map((r) => sql`not exists (select 1 from ${sql.raw(r.table)} x where x.${sql.identifier(r.column)} = f.id)`),
    sql` and `,
  );
  const cutoff = new Date(deps.clock.now().getTime() - ORPHAN_AFTER_MS);
  let removed = 0;
  for (;;) {
    const gone = await rowsOf<{ key: string; thumb: string | null; thumbLarge: string | null }>(
      deps.db,
      sql`delete from files where id in (
            select f.id from files f where f.created_at < ${cutoff.toISOString()}::timestamptz
            ${refs.length > 0 ? sql`and ${unreferenced}` : sql``} limit ${BATCH})
          returning storage_key as key, thumb_key as thumb, thumb_large_key as "thumbLarge"`,
    );
    for (const row of gone) {
      for (const key of [row.key, row.thumb, row.thumbLarge]) if (key) await deps.storage.delete(key);
    }
    removed += gone.length;
    if (gone.length < BATCH) return removed;
  }
}
