import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertStorageKey, type ByteRange, type FileStorage, type StoredObject } from './storage.js';

/**
 * Files in a local directory (DATA_DIR/files by default). Each put is written to a temporary file
 * in `.tmp/` beside the objects and renamed into place only when complete, so a crash or a refused
 * upload never leaves half a file under a real key (rename is atomic on one filesystem).
 */
export class LocalStorage implements FileStorage {
  readonly kind = 'local' as const;
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    assertStorageKey(key);
    return path.join(this.root, key);
  }

  async put(key: string, body: Readable | Buffer, _opts?: { contentType: string }): Promise<{ size: number }> {
    const target = this.pathOf(key);
    const tmpDir = path.join(this.root, '.tmp');
    await mkdir(tmpDir, { recursive: true });
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = path.join(tmpDir, `${randomBytes(12).toString('hex')}.part`);
    const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
    // Opened before the copy starts: a stream that opens its file itself may create it after a failed copy's cleanup
    // has run, leaving a partial file behind.
    const file = await open(tmp, 'wx');
    try {
      await pipeline(source, file.createWriteStream());
      await rename(tmp, target);
    } catch (err) {
      await file.close().catch(() => undefined);
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
    return { size: (await stat(target)).size };
  }

  async get(key: string, opts: { range?: ByteRange } = {}): Promise<StoredObject | null> {
    const file = this.pathOf(key);
    let total: number;
    try {
      total = (await stat(file)).size;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
    const range = opts.range;
    if (range) {
      const end = Math.min(range.end, total - 1);
      return { body: createReadStream(file, { start: range.start, end }), size: Math.max(0, end - range.start + 1) };
    }
    return { body: createReadStream(file), size: total };
  }

  async delete(key: string): Promise<void> {
    await unlink(this.pathOf(key)).catch((err: unknown) => {
      if (!isNotFound(err)) throw err;
    });
  }
}

function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === 'ENOENT';
}
