import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../db/client.js';
import type { FileStorage } from '../platform/storage/index.js';
import { unpackArchive } from './archive.js';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupManifest } from './backup.js';
import { appTables, ident, migrationLevel, parentsFirst, resetSequences, rowsOf, writableColumns } from './tables.js';

/** Rows per INSERT: one JSON parameter each, well within a statement's size. */
const INSERT_ROWS = 500;

/** Why a restore was refused; the CLI prints the message alone. */
export class RestoreRefused extends Error {}

/**
 * Brings an archive of createBackup into this installation (docs/OPERATIONS.md «Backups»): checks every entry against
 * the manifest, refuses an installation that already has people or schools, copies the objects into the storage, then
 * writes every table in one transaction (all or nothing) and checks the counts. The database must be migrated to the
 * archive's level or further (a newer Parta restores an older backup; columns added since take their defaults).
 */
export async function restoreBackup(opts: {
  archive: string;
  database: Database;
  storage: FileStorage;
  log?: (line: string) => void;
}): Promise<BackupManifest> {
  const log = opts.log ?? (() => undefined);
  const db = opts.database.db;
  await refuseNonEmpty(db);
  const staging = await mkdtemp(path.join(tmpdir(), 'parta-restore-'));
  try {
    const sums = await unpackArchive(opts.archive, staging);
    const manifest = await readManifest(staging);
    for (const [name, expected] of Object.entries(manifest.entries)) {
      const got = sums.get(name);
      if (!got || got.sha256 !== expected.sha256 || got.bytes !== expected.bytes) {
        throw new RestoreRefused(`The archive is damaged: ${name} ${got ? 'does not match its checksum' : 'is missing'}.`);
      }
    }
    const level = await migrationLevel(db);
    if (manifest.database.migrations.count > level.count) {
      throw new RestoreRefused(
        `The backup was made by a newer Parta (${manifest.parta}, database migration ${manifest.database.migrations.count}; ` +
          `this one is at ${level.count}). Install that version or later, then restore.`,
      );
    }

    const keys = Object.keys(manifest.entries).filter((n) => n.startsWith('files/')).map((n) => n.slice('files/'.length));
    for (const key of keys) {
      await opts.storage.put(key, createReadStream(path.join(staging, 'files', key)), { contentType: 'application/octet-stream' });
    }
    log(`files: ${keys.length} objects restored`);

    await db.transaction(async (tx) => {
      // With the checks of foreign keys off (superuser, PGlite always), rows go in as they are; otherwise parents first.
      await tx.transaction((sp) => sp.execute(sql`set local session_replication_role = replica`)).catch(() => undefined);
      const present = new Set(await appTables(tx));
      const tables = Object.keys(manifest.tables).filter((t) => {
        if (present.has(t)) return true;
        log(`skipped table ${t}: no longer in this version`);
        return false;
      });
      // Rows a first start put there (the generated secret, the VAPID keys) give way to the backup's.
      if (tables.length > 0) await tx.execute(sql.raw(`truncate ${tables.map(ident).join(', ')}`));
      const columns = await writableColumns(tx);
      for (const table of await parentsFirst(tx, tables)) {
        const rows = await loadTable(tx, table, columns.get(table) ?? [], path.join(staging, 'db', `${table}.jsonl`));
        if (rows !== manifest.tables[table]) throw new Error(`${table}: wrote ${rows} rows, the manifest says ${manifest.tables[table]}`);
      }
      await resetSequences(tx);
    });
    log(`database: ${Object.keys(manifest.tables).length} tables restored`);
    return manifest;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function refuseNonEmpty(db: DbOrTx): Promise<void> {
  const [counts] = await rowsOf<{ people: number | string; schools: number | string }>(
    db,
    sql`select (select count(*) from users) as people, (select count(*) from schools) as schools`,
  );
  const people = Number(counts?.people ?? 0);
  const schools = Number(counts?.schools ?? 0);
  if (people > 0 || schools > 0) {
    throw new RestoreRefused(
      `This installation is not empty (${people} people, ${schools} schools): a restore would mix two schools' data. ` +
        'Restore into a new DATA_DIR or an empty database (DATABASE_URL), with empty file storage.',
    );
  }
}

async function readManifest(dir: string): Promise<BackupManifest> {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
  } catch {
    throw new RestoreRefused('Not a Parta backup: it has no readable manifest.json.');
  }
  if (manifest.format !== BACKUP_FORMAT) throw new RestoreRefused('Not a Parta backup: unknown manifest format.');
  if (manifest.version > BACKUP_VERSION) {
    throw new RestoreRefused(`The backup's format ${manifest.version} is newer than this Parta reads.`);
  }
  return manifest;
}

/** One table's JSON lines, INSERT_ROWS at a time; columns the archive lacks (added by a later migration) take defaults. */
async function loadTable(tx: DbOrTx, table: string, columns: string[], file: string): Promise<number> {
  let written = 0;
  let batch: string[] = [];
  let list: string | null = null;
  const flush = async () => {
    if (batch.length === 0) return;
    if (list === null) {
      const inArchive = new Set(Object.keys(JSON.parse(batch[0] as string) as object));
      list = columns.filter((c) => inArchive.has(c)).map(ident).join(', ');
    }
    const json = `[${batch.join(',')}]`;
    const insert = `insert into ${ident(table)} (${list}) select ${list} from json_populate_recordset(null::${ident(table)}, `;
    await tx.execute(sql`${sql.raw(insert)}${json}::json)`);
    written += batch.length;
    batch = [];
  };
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY })) {
    if (!line) continue;
    batch.push(line);
    if (batch.length >= INSERT_ROWS) await flush();
  }
  await flush();
  return written;
}
