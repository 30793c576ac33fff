import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import { S3Store } from '@tus/s3-store';
import type { DataStore } from '@tus/utils';
import type { Config } from '../../config.js';
import { assertStorageKey } from '../../platform/storage/storage.js';
import { UPLOAD_TTL_MS } from './policy.js';

/**
 * Where tus keeps an upload's bytes while they arrive, and how a finished upload becomes an ordinary
 * stored file under the same key («ab/<hex>», the tus id), so FileStorage reads it like any other.
 */
export interface UploadStore {
  datastore: DataStore;
  /** Makes a finished upload's bytes the stored object `id` and drops tus's own record of it. */
  adopt(id: string): Promise<void>;
  /** Removes an unfinished upload's bytes and record; a missing one is fine. */
  discard(id: string): Promise<void>;
}

/**
 * Local disk: tus writes to DATA_DIR/uploads/<id> (with <id>.json beside it); when complete the file is
 * renamed into DATA_DIR/files/<id>, the LocalStorage layout — one rename, no copy, on one filesystem.
 */
class LocalUploadStore extends FileStore implements UploadStore {
  constructor(
    directory: string,
    private readonly filesRoot: string,
  ) {
    super({ directory, expirationPeriodInMilliseconds: UPLOAD_TTL_MS });
  }
  get datastore(): DataStore {
    return this;
  }
  async adopt(id: string): Promise<void> {
    assertStorageKey(id);
    const target = path.join(this.filesRoot, id);
    await mkdir(path.dirname(target), { recursive: true });
    await rename(path.join(this.directory, id), target);
    await this.configstore.delete(id);
  }
  async discard(id: string): Promise<void> {
    assertStorageKey(id);
    await this.remove(id).catch(() => undefined);
    await this.configstore.delete(id).catch(() => undefined);
  }
}

/**
 * S3: parts go straight to a multipart upload of the object <id>; CompleteMultipartUpload makes it the
 * stored object, so adopting only removes tus's <id>.info. Checksums only where S3 requires them: the
 * SDK's default streams CRC32 trailers in aws-chunked bodies, which many S3-compatible stores refuse.
 */
class S3UploadStore extends S3Store implements UploadStore {
  get datastore(): DataStore {
    return this;
  }
  async adopt(id: string): Promise<void> {
    assertStorageKey(id);
    await this.client.deleteObject({ Bucket: this.bucket, Key: this.infoKey(id) });
    await this.clearCache(id);
  }
  async discard(id: string): Promise<void> {
    assertStorageKey(id);
    await this.remove(id).catch(() => undefined);
    // remove() aborts the multipart upload and deletes <id> and <id>.info, but not the tail under 5 MiB kept as <id>.part.
    await this.client.deleteObject({ Bucket: this.bucket, Key: this.partKey(id, true) });
    await this.clearCache(id);
  }
}

export function createUploadStore(config: Pick<Config, 'dataDir' | 'files'>): UploadStore {
  const s3 = config.files.s3;
  if (s3) {
    return new S3UploadStore({
      expirationPeriodInMilliseconds: UPLOAD_TTL_MS,
      // Expiry is ours (the sweep, by the database's record), not a bucket lifecycle rule on tags.
      useTags: false,
      s3ClientConfig: {
        bucket: s3.bucket,
        endpoint: s3.endpoint,
        region: s3.region,
        forcePathStyle: true,
        credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      },
    });
  }
  return new LocalUploadStore(path.join(config.dataDir, 'uploads'), path.join(config.dataDir, 'files'));
}
