import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';

/** An inclusive byte range, as HTTP Range counts it. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface StoredObject {
  body: Readable;
  /** Bytes in `body`: the range's length when a range was asked for. */
  size: number;
}

/**
 * Where uploaded bytes live. Keys are ours (random), never a person's file name. A put that fails
 * part-way (the source stream errors, e.g. a size limit) leaves nothing behind under the key.
 */
export interface FileStorage {
  readonly kind: 'local' | 's3';
  put(key: string, body: Readable | Buffer, opts: { contentType: string }): Promise<{ size: number }>;
  /** Null when there is no such object. */
  get(key: string, opts?: { range?: ByteRange }): Promise<StoredObject | null>;
  /** Removes the object; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
}

const keyPattern = /^[a-z0-9]{2}\/[a-z0-9]{8,64}$/;

/** A fresh random key, «ab/abcdef…»: the prefix spreads files over 1296 directories. */
export function newStorageKey(): string {
  const id = randomBytes(16).toString('hex');
  return `${id.slice(0, 2)}/${id}`;
}

/** Refuses anything that is not one of our keys, so no key can walk out of the store. */
export function assertStorageKey(key: string): void {
  if (!keyPattern.test(key)) throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
}
