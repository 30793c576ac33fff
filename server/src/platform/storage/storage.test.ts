import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeS3, startFakeS3 } from './fakeS3Server.js';
import { LocalStorage } from './localStorage.js';
import { S3Storage } from './s3Storage.js';
import { type FileStorage, newStorageKey } from './storage.js';

/** A stream that yields some bytes and then fails, as an upload refused half-way does. */
function failingStream(): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(Buffer.alloc(64 * 1024, 1));
      } else this.destroy(new Error('refused half-way'));
    },
  });
}

let root: string;
let fake: FakeS3;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'parta-storage-'));
  fake = await startFakeS3();
});
afterAll(async () => {
  await fake.close();
  await rm(root, { recursive: true, force: true });
});

const stores: [string, () => FileStorage][] = [
  ['local directory', () => new LocalStorage(path.join(root, 'files'))],
  ['S3 (fake server on 127.0.0.1)', () => new S3Storage(fake, { tmpDir: path.join(root, 's3tmp') })],
];

describe.each(stores)('storage: %s', (_name, make) => {
  it('stores a stream and a buffer and reads them back whole', async () => {
    const store = make();
    const a = newStorageKey();
    const b = newStorageKey();
    expect(await store.put(a, Readable.from([Buffer.from('Привет, '), Buffer.from('мир')]), { contentType: 'text/plain' })).toEqual({ size: 20 });
    expect(await store.put(b, Buffer.from('0123456789'), { contentType: 'application/octet-stream' })).toEqual({ size: 10 });
    const got = await store.get(a);
    expect(got?.size).toBe(20);
    expect(await text(got!.body)).toBe('Привет, мир');
    expect(await text((await store.get(b))!.body)).toBe('0123456789');
  });

  it('reads a byte range', async () => {
    const store = make();
    const key = newStorageKey();
    await store.put(key, Buffer.from('0123456789'), { contentType: 'text/plain' });
    const part = await store.get(key, { range: { start: 2, end: 5 } });
    expect(part?.size).toBe(4);
    expect(await text(part!.body)).toBe('2345');
    const tail = await store.get(key, { range: { start: 7, end: 9 } });
    expect(await text(tail!.body)).toBe('789');
  });

  it('deletes, and a missing object reads as null; deleting it again is fine', async () => {
    const store = make();
    const key = newStorageKey();
    await store.put(key, Buffer.from('x'), { contentType: 'text/plain' });
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    await expect(store.delete(key)).resolves.toBeUndefined();
    expect(await store.get(newStorageKey())).toBeNull();
  });

  it('a put whose stream fails half-way leaves nothing under the key', async () => {
    const store = make();
    const key = newStorageKey();
    await expect(store.put(key, failingStream(), { contentType: 'application/octet-stream' })).rejects.toThrow('refused half-way');
    expect(await store.get(key)).toBeNull();
  });

  it('refuses keys that are not its own, so none can walk out of the store', async () => {
    const store = make();
    await expect(store.put('../../etc/passwd', Buffer.from('x'), { contentType: 'text/plain' })).rejects.toThrow('invalid storage key');
    await expect(store.get('ab/../../x')).rejects.toThrow('invalid storage key');
  });
});

describe('local storage', () => {
  it('keeps no temporary or partial file after a refused put', async () => {
    const dir = path.join(root, 'clean');
    const store = new LocalStorage(dir);
    const key = newStorageKey();
    await expect(store.put(key, failingStream(), { contentType: 'x/y' })).rejects.toThrow();
    expect(await readdir(path.join(dir, '.tmp'))).toEqual([]);
    await expect(readdir(path.join(dir, key.slice(0, 2)))).resolves.toEqual([]);
  });
});

describe('S3 storage', () => {
  it('signs every request (the fake recomputes each signature) and addresses objects path-style', async () => {
    const store = new S3Storage(fake, { tmpDir: path.join(root, 's3tmp') });
    const key = newStorageKey();
    const before = fake.requests.length;
    await store.put(key, Readable.from([Buffer.from('hello')]), { contentType: 'text/plain' });
    await store.get(key, { range: { start: 1, end: 3 } });
    await store.delete(key);
    const seen = fake.requests.slice(before);
    expect(seen.map((r) => [r.method, r.path])).toEqual([
      ['PUT', `/parta-test/${key}`],
      ['GET', `/parta-test/${key}`],
      ['DELETE', `/parta-test/${key}`],
    ]);
    expect(seen[0]?.headers['x-amz-content-sha256']).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
    expect(seen[0]?.headers['content-length']).toBe('5');
    expect(seen[1]?.headers.authorization).toMatch(/SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,/);
    expect(fake.rejected).toBe(0);
  });

  it('a refused upload never reaches the bucket: nothing is sent', async () => {
    const store = new S3Storage(fake, { tmpDir: path.join(root, 's3tmp') });
    const before = fake.requests.length;
    await expect(store.put(newStorageKey(), failingStream(), { contentType: 'x/y' })).rejects.toThrow();
    expect(fake.requests.length).toBe(before);
    expect(await readdir(path.join(root, 's3tmp'))).toEqual([]);
  });

  it('a wrong secret is refused by the server and the put fails', async () => {
    const store = new S3Storage({ ...fake, secretAccessKey: 'wrong' }, { tmpDir: path.join(root, 's3tmp') });
    const key = newStorageKey();
    const rejectedBefore = fake.rejected;
    await expect(store.put(key, Buffer.from('x'), { contentType: 'text/plain' })).rejects.toThrow(/403/);
    expect(fake.rejected).toBe(rejectedBefore + 1);
    expect(fake.objects.has(key)).toBe(false);
  });
});
