import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../db/client.js';
import { PNG, published, upload } from '../modules/articles/testHelpers.js';
import { as, classChat } from '../modules/chats/testHelpers.js';
import { classLesson } from '../modules/lessons/testHelpers.js';
import { type FakeS3, startFakeS3 } from '../platform/storage/fakeS3Server.js';
import { createStorage, type FileStorage } from '../platform/storage/index.js';
import { LocalStorage } from '../platform/storage/localStorage.js';
import { freshSchool } from '../test/factories.js';
import { createTestDatabaseUrl } from '../test/pgTestDatabase.js';
import { createTestContext, type TestContext } from '../test/testApp.js';
import { createBackup } from './backup.js';
import { RestoreRefused, restoreBackup } from './restore.js';
import { appTables, rowsOf } from './tables.js';

/** A database nobody has used: in-memory PGlite, or a new database on the server under the pg config. */
async function freshDatabase(): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  return openDatabase(serverUrl ? { url: await createTestDatabaseUrl(serverUrl) } : { dataDir: null });
}

/** Every row of every table, as sorted JSON text: two databases hold the same data when these are equal. */
async function everyRow(database: Database): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of await appTables(database.db)) {
    const rows = await rowsOf<{ j: string }>(database.db, sql.raw(`select row_to_json(t)::text as j from "${table}" t`));
    out[table] = rows.map((r) => r.j).sort();
  }
  return out;
}

async function bytesOf(storage: FileStorage, key: string): Promise<Buffer | null> {
  const object = await storage.get(key);
  return object ? buffer(object.body) : null;
}

describe('npm run backup / npm run restore', () => {
  let ctx: TestContext;
  let fake: FakeS3;
  let work: string;
  beforeAll(async () => {
    fake = await startFakeS3();
    work = await mkdtemp(path.join(tmpdir(), 'parta-backup-test-'));
    // The school's files are on S3 (the fake); the restored installation keeps them on local disk.
    ctx = await createTestContext({
      DATA_DIR: path.join(work, 'source'),
      S3_ENDPOINT: fake.endpoint, S3_BUCKET: fake.bucket, S3_ACCESS_KEY_ID: fake.accessKeyId, S3_SECRET_ACCESS_KEY: fake.secretAccessKey,
    });
  });
  afterAll(async () => {
    await ctx.close();
    await fake.close();
    await rm(work, { recursive: true, force: true });
  });

  it('restores a school with chats, messages, files, articles and lessons into a fresh installation, every row and byte', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const worksheet = await upload(ctx, f.cookies.teacher, 'задание.txt', 'Решить № 12–15', 'text/plain');
    const teacher = as(ctx, f.cookies.teacher);
    expect((await teacher.post(`/chats/${chatId}/messages`, { clientId: 'b1', text: 'Задание на завтра', fileIds: [worksheet] })).status).toBe(201);
    expect((await as(ctx, f.cookies.student).post(`/chats/${chatId}/messages`, { clientId: 'b2', text: 'Спасибо! 👍' })).status).toBe(201);
    const cover = await upload(ctx, f.cookies.teacher, 'обложка.png', PNG, 'image/png');
    await published(ctx, f.cookies.teacher, f.school.id, { coverFileId: cover });
    await classLesson(ctx, f);
    // Never attached anywhere: a person's own upload is backed up all the same.
    await upload(ctx, f.cookies.student, 'черновик.txt', 'ещё не отправлен', 'text/plain');

    const source = ctx.database;
    const sourceStorage = createStorage(ctx.deps.config);
    const archive = path.join(work, 'parta.tar.gz');
    const manifest = await createBackup({ database: source, storage: sourceStorage, out: archive });
    expect(manifest.database.kind).toBe(source.kind);
    expect(manifest.database.migrations.count).toBeGreaterThan(0);
    expect(manifest.tables.messages).toBeGreaterThanOrEqual(2);
    expect(manifest.tables.articles).toBeGreaterThanOrEqual(1);
    expect(manifest.tables.lessons).toBeGreaterThanOrEqual(1);
    expect(manifest.files.count).toBeGreaterThanOrEqual(3);
    expect(manifest.files.missing).toEqual([]);
    for (const sum of Object.values(manifest.entries)) expect(sum.sha256).toMatch(/^[0-9a-f]{64}$/);

    const target = await freshDatabase();
    const targetStorage = new LocalStorage(path.join(work, 'target', 'files'));
    try {
      await restoreBackup({ archive, database: target, storage: targetStorage });
      const [before, after] = await Promise.all([everyRow(source), everyRow(target)]);
      expect(Object.keys(after)).toEqual(Object.keys(before));
      expect(before.messages).toHaveLength(manifest.tables.messages ?? -1);
      expect(before.files).toHaveLength(3);
      for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);

      const keys = await rowsOf<{ key: string }>(
        source.db,
        sql`select storage_key as key from files union select thumb_key from files where thumb_key is not null`,
      );
      expect(keys.length).toBe(manifest.files.count);
      for (const { key } of keys) {
        const original = await bytesOf(sourceStorage, key);
        expect(original, key).not.toBeNull();
        expect(await bytesOf(targetStorage, key), key).toEqual(original);
      }

      // A second restore finds people there and refuses, saying why.
      await expect(restoreBackup({ archive, database: target, storage: targetStorage })).rejects.toThrow(RestoreRefused);
      await expect(restoreBackup({ archive, database: target, storage: targetStorage })).rejects.toThrow(/not empty \(\d+ people, \d+ schools\)/);
    } finally {
      await target.close();
    }
  });

  it('refuses a file that is not a Parta backup, and writes nothing', async () => {
    const damaged = path.join(work, 'damaged.tar.gz');
    await writeFile(damaged, 'not a gzip at all');
    const target = await freshDatabase();
    try {
      await expect(restoreBackup({ archive: damaged, database: target, storage: new LocalStorage(path.join(work, 'none')) })).rejects.toThrow();
      const [people] = await rowsOf<{ n: number | string }>(target.db, sql`select count(*) as n from users`);
      expect(Number(people?.n)).toBe(0);
    } finally {
      await target.close();
    }
  });
});
