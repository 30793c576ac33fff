import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';

/** Rows of a raw query on either driver (PGlite and node-postgres both answer `{ rows }`). */
export async function rowsOf<T>(db: DbOrTx, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** A quoted identifier; names come from the catalogue, this only guards the quoting. */
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Every table of the application (schema public), by name. */
export async function appTables(db: DbOrTx): Promise<string[]> {
  const rows = await rowsOf<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  return rows.map((r) => r.name);
}

/** The columns a backup carries and a restore writes: all but generated ones (search vectors are recomputed). */
export async function writableColumns(db: DbOrTx): Promise<Map<string, string[]>> {
  const rows = await rowsOf<{ table: string; column: string }>(
    db,
    sql`select table_name as "table", column_name as "column" from information_schema.columns
        where table_schema = 'public' and is_generated = 'NEVER' order by table_name, ordinal_position`,
  );
  const byTable = new Map<string, string[]>();
  for (const r of rows) byTable.set(r.table, [...(byTable.get(r.table) ?? []), r.column]);
  return byTable;
}

/**
 * Tables in an order where each comes after the tables it references (foreign keys), so a restore that cannot switch
 * the checks off still inserts parents first. A cycle (none today) falls back to name order for its members.
 */
export async function parentsFirst(db: DbOrTx, tables: string[]): Promise<string[]> {
  const edges = await rowsOf<{ child: string; parent: string }>(
    db,
    sql`select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
        from pg_constraint c join pg_namespace n on n.oid = c.connamespace
        where c.contype = 'f' and n.nspname = 'public'`,
  );
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set<string>()]));
  for (const e of edges) {
    const child = e.child.replace(/^"|"$/g, '');
    const parent = e.parent.replace(/^"|"$/g, '');
    if (child !== parent) parents.get(child)?.add(parent);
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter((t) => !placed.has(t) && [...(parents.get(t) ?? [])].every((p) => placed.has(p) || !parents.has(p)));
    const next = ready.length > 0 ? ready : tables.filter((t) => !placed.has(t)).slice(0, 1);
    for (const t of next) {
      ordered.push(t);
      placed.add(t);
    }
  }
  return ordered;
}

/** How far the schema is migrated: the number of drizzle migrations applied and the newest one's hash. */
export async function migrationLevel(db: DbOrTx): Promise<{ count: number; last: string | null }> {
  const rows = await rowsOf<{ count: number | string; last: string | null }>(
    db,
    sql`select count(*) as count, (select hash from drizzle.__drizzle_migrations order by created_at desc limit 1) as last
        from drizzle.__drizzle_migrations`,
  );
  return { count: Number(rows[0]?.count ?? 0), last: rows[0]?.last ?? null };
}

/** After rows were written with their ids, each serial column's sequence continues past the largest id. */
export async function resetSequences(db: DbOrTx): Promise<void> {
  const serials = await rowsOf<{ table: string; column: string }>(
    db,
    sql`select table_name as "table", column_name as "column" from information_schema.columns
        where table_schema = 'public' and column_default like 'nextval(%'`,
  );
  for (const s of serials) {
    const table = ident(s.table);
    const column = ident(s.column);
    await db.execute(
      sql.raw(
        `select setval(pg_get_serial_sequence('${table.replace(/'/g, "''")}', '${s.column.replace(/'/g, "''")}'), ` +
          `coalesce((select max(${column}) from ${table}), 1), (select max(${column}) from ${table}) is not null)`,
      ),
    );
  }
}
