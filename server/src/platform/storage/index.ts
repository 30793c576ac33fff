import path from 'node:path';
import type { Config } from '../../config.js';
import { LocalStorage } from './localStorage.js';
import { S3Storage } from './s3Storage.js';
import type { FileStorage } from './storage.js';

export type { ByteRange, FileStorage, StoredObject } from './storage.js';
export { newStorageKey } from './storage.js';

/** The configured store: S3-compatible when S3_* is set, else the directory DATA_DIR/files. */
export function createStorage(config: Pick<Config, 'dataDir' | 'files'>): FileStorage {
  if (config.files.s3) return new S3Storage(config.files.s3, { tmpDir: path.join(config.dataDir, 'tmp') });
  return new LocalStorage(path.join(config.dataDir, 'files'));
}
