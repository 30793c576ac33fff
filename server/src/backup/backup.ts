import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../db/client.js';
import type { FileStorage } from '../platform/storage/index.js';
import { type EntrySum, packDirectory, Summing } from './archive.js';
import { appTables, ident, migrationLevel, rowsOf, writableColumns } from './tables.js';

export const BACKUP_FORMAT = 'parta-backup';
export const BACKUP_VERSION = 1;

/** `manifest.json`, the archive's first entry: what it holds and how to check it. */
export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  /** The Parta version that wrote it. */
  parta: string;
  database: { kind: Database['kind']; migrations: { count: number; last: string | null } };
  /** Rows per table (db/<table>.jsonl, one JSON object per line). */
  tables: Record<string, number>;
  /** Stored objects (files/<storage key>): uploads and their thumbnails. */
  files: { storage: FileStorage['kind']; count: number; bytes: number; missing: string[] };
  /** Every other entry's size and SHA-256. */
  entries: Record<string, EntrySum>;
}

/** Rows read per round trip: bounds memory on a table of millions of messages. */
const FETCH_ROWS = 2_000;

/**
 * Writes one tar.gz of the database and the files at `out` (docs/OPERATIONS.md «Backups»). The database is read in one
 * read-only repeatable-read transaction, so every table is of the same moment; the objects its file rows name are
 * copied after. It stages in a temporary directory next to nothing of the installation (the size of the data is
 * needed there for a moment) and removes it.
 */
export async function createBackup(opts: {
  database: Database;
  storage: FileStorage;
  out: string;
  now?: Date;
  log?: (line: string) => void;
}): Promise<BackupManifest> {
  const log = opts.log ?? (() => undefined);
  const staging = await mkdtemp(path.join(tmpdir(), 'parta-backup-'));
  try {
    await mkdir(path.join(staging, 'db'));
    const entries: Record<string, EntrySum> = {};
    const tables: Record<string, number> = {};
    let keys: string[] = [];
    let migrations = { count: 0, last: null as string | null };
    await opts.database.db.transaction(
      async (tx) => {
        migrations = await migrationLevel(tx);
        const columns = await writableColumns(tx);
        for (const table of await appTables(tx)) {
          const name = `db/${table}.jsonl`;
          const dumped = await dumpTable(tx, table, columns.get(table) ?? [], path.join(staging, name));
          tables[table] = dumped.rows;
          entries[name] = dumped.sum;
        }
        keys = (await rowsOf<{ key: string | null }>(
          tx,
          sql`select storage_key as key from files union select thumb_key from files union select thumb_large_key from files`,
        )).flatMap((r) => (r.key ? [r.key] : []));
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    log(`database: ${Object.keys(tables).length} tables, ${Object.values(tables).reduce((a, b) => a + b, 0)} rows`);

    const missing: string[] = [];
    let bytes = 0;
    for (const key of keys.sort()) {
      const object = await opts.storage.get(key);
      if (!object) {
        // A row whose bytes are gone: the restore will lack them too; said in the manifest and the log.
        missing.push(key);
        continue;
      }
      const name = `files/${key}`;
      await mkdir(path.dirname(path.join(staging, name)), { recursive: true });
      const summing = new Summing();
      await pipeline(object.body, summing, createWriteStream(path.join(staging, name)));
      entries[name] = summing.sum();
      bytes += summing.bytes;
    }
    log(`files: ${keys.length - missing.length} objects, ${bytes} bytes${missing.length ? `, ${missing.length} missing` : ''}`);

    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: (opts.now ?? new Date()).toISOString(),
      parta: await partaVersion(),
      database: { kind: opts.database.kind, migrations },
      tables,
      files: { storage: opts.storage.kind, count: keys.length - missing.length, bytes, missing },
      entries,
    };
    await writeFile(path.join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await mkdir(path.dirname(opts.out), { recursive: true });
    await packDirectory(staging, ['manifest.json', ...Object.keys(entries)], opts.out);
    return manifest;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** One table as JSON lines, through a cursor; generated columns are left out (a restore recomputes them). */
async function dumpTable(tx: DbOrTx, table: string, columns: string[], file: string): Promise<{ rows: number; sum: EntrySum }> {
  const summing = new Summing();
  const out = createWriteStream(file);
  const done = pipeline(summing, out);
  const list = columns.map(ident).join(', ');
  const rows = `select row_to_json(t)::text as j from (select ${list} from ${ident(table)}) t`;
  await tx.execute(sql.raw(`declare parta_dump no scroll cursor for ${rows}`));
  let count = 0;
  for (;;) {
    const batch = await rowsOf<{ j: string }>(tx, sql.raw(`fetch ${FETCH_ROWS} from parta_dump`));
    if (batch.length === 0) break;
    count += batch.length;
    if (!summing.write(`${batch.map((r) => r.j).join('\n')}\n`)) await new Promise((resolve) => summing.once('drain', resolve));
  }
  await tx.execute(sql.raw('close parta_dump'));
  summing.end();
  await done;
  return { rows: count, sum: summing.sum() };
}

async function partaVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
