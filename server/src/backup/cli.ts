import path from 'node:path';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { createStorage } from '../platform/storage/index.js';
import { createBackup } from './backup.js';
import { RestoreRefused, restoreBackup } from './restore.js';

/**
 * `npm run backup [-- --out FILE]` and `npm run restore FILE` (docs/OPERATIONS.md «Backups»). Both read the same
 * environment as the server (DATA_DIR or DATABASE_URL, S3_*). With PGlite the server must be stopped first: one
 * process at a time may open its data directory.
 */
const [command, ...args] = process.argv.slice(2);
const here = process.env.INIT_CWD ?? process.cwd();
const log = (line: string) => console.log(line);

async function main(): Promise<number> {
  if (command !== 'backup' && command !== 'restore') {
    console.error('usage: npm run backup [-- --out FILE]  |  npm run restore FILE');
    return 2;
  }
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  if (command === 'restore' && !args[0]) {
    console.error('usage: npm run restore FILE   (the .tar.gz that npm run backup wrote)');
    return 2;
  }
  const database = await openDatabase({ url: config.databaseUrl, dataDir: `${config.dataDir}/db` });
  const storage = createStorage(config);
  try {
    if (command === 'backup') {
      const outIndex = args.indexOf('--out');
      const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
      const out = path.resolve(here, outIndex >= 0 && args[outIndex + 1] ? args[outIndex + 1] as string : `backups/parta-${stamp}.tar.gz`);
      const manifest = await createBackup({ database, storage, out, log });
      const entries = Object.keys(manifest.entries).length + 1;
      log(`Backup written: ${out} (${entries} entries; database migration ${manifest.database.migrations.count})`);
    } else {
      const archive = path.resolve(here, args[0] as string);
      const manifest = await restoreBackup({ archive, database, storage, log });
      log(`Restored ${archive}, made ${manifest.createdAt} by Parta ${manifest.parta}. Start the server: npm start`);
    }
    return 0;
  } catch (err) {
    if (err instanceof RestoreRefused) {
      console.error(err.message);
      return 1;
    }
    throw err;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
