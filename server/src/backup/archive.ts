import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import tar from 'tar-stream';

/** One file of the archive as the manifest lists it. */
export interface EntrySum {
  bytes: number;
  sha256: string;
}

/** Counts and hashes what passes through, for the manifest (backup) and its check (restore). */
export class Summing extends Transform {
  private readonly hash = createHash('sha256');
  bytes = 0;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null, data?: Buffer) => void): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    done(null, chunk);
  }

  sum(): EntrySum {
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }
}

/** Every path a Parta archive may hold: the manifest, one dump per table, one object per storage key. */
const entryPattern = /^(manifest\.json|db\/[a-z0-9_]+\.jsonl|files\/[a-z0-9]{2}\/[a-z0-9]{8,64})$/;

/** Packs `names` (paths relative to `dir`, in this order: the manifest first) into one tar.gz at `out`. */
export async function packDirectory(dir: string, names: string[], out: string): Promise<void> {
  const pack = tar.pack();
  const writing = pipeline(pack, createGzip(), createWriteStream(out, { mode: 0o600 }));
  for (const name of names) {
    const file = path.join(dir, name);
    const { size } = await stat(file);
    await new Promise<void>((resolve, reject) => {
      const entry = pack.entry({ name, size, mode: 0o600 }, (err) => (err ? reject(err) : resolve()));
      pipeline(createReadStream(file), entry).catch(reject);
    });
  }
  pack.finalize();
  await writing;
}

/**
 * Unpacks a tar.gz made by packDirectory into `dir`. Refuses any entry that is not a Parta path (no `..`, no links,
 * nothing outside `dir`), so a tampered archive cannot write elsewhere. Returns each entry's size and hash.
 */
export async function unpackArchive(archive: string, dir: string): Promise<Map<string, EntrySum>> {
  const sums = new Map<string, EntrySum>();
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const name = header.name;
    if (header.type !== 'file' || !entryPattern.test(name)) {
      stream.resume();
      extract.destroy(new Error(`not a Parta backup: unexpected entry ${JSON.stringify(name)}`));
      return;
    }
    const target = path.join(dir, name);
    const summing = new Summing();
    mkdir(path.dirname(target), { recursive: true })
      .then(() => pipeline(stream, summing, createWriteStream(target, { mode: 0o600 })))
      .then(() => {
        sums.set(name, summing.sum());
        next();
      })
      .catch((err: unknown) => extract.destroy(err as Error));
  });
  await pipeline(createReadStream(archive), createGunzip(), extract);
  return sums;
}
