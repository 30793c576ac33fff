import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { watchPool } from '../observability/metrics.js';
import * as schema from './schema.js';

/** One type for both drivers, so queries never know which PostgreSQL they talk to. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle: the same query surface as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Queries accept either, so a use-case can run them inside its transaction. */
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The PostgreSQL server's pool (null on PGlite): backups read through a client of their own. */
  pool: pg.Pool | null;
  /** The PGlite instance (null on a server): backups dump its data directory. */
  pglite: PGlite | null;
  close(): Promise<void>;
}

/**
 * Every SQL statement drizzle sends, counted in this process: tests and `npm run bench:journal` read it to show that a
 * request's query count does not grow with the data (an increment per query costs nothing measurable).
 */
export const queryStats = { count: 0 };
const logger = { logQuery: () => void queryStats.count++ };

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Opens the database: a PostgreSQL server when a URL is given, else embedded PGlite in
 * `dataDir` (or in memory when dataDir is null, for tests). Migrations run before it is returned.
 */
export async function openDatabase(opts: {
  url?: string | undefined;
  dataDir?: string | null;
  /** An in-memory PGlite restored from a dump (tests): skips initdb, several times faster to start. */
  snapshot?: Blob;
}): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: 10 });
    const db = drizzlePg(pool, { schema, logger }) as unknown as Db;
    await migratePg(drizzlePg(pool), { migrationsFolder });
    const unwatch = watchPool(pool);
    return {
      db, kind: 'postgres', pool, pglite: null, close: () => {
        unwatch();
        return pool.end();
      },
    };
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const client = opts.snapshot
    ? new PGlite({ loadDataDir: opts.snapshot })
    : new PGlite(opts.dataDir ?? undefined);
  const pgliteDb = drizzlePglite(client, { schema, logger });
  await migratePglite(pgliteDb, { migrationsFolder });
  return { db: pgliteDb as unknown as Db, kind: 'pglite', pool: null, pglite: client, close: () => client.close() };
}
