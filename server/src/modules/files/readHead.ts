import type { FileStorage } from '../../platform/storage/index.js';
import { SNIFF_BYTES } from './fileTypes.js';

/**
 * The first bytes of a stored file (empty when it is gone), to judge a file by its content at the
 * moment it is served or shared: the name a person gave it decides nothing.
 */
export async function readHead(storage: FileStorage, storageKey: string, size: number, bytes = SNIFF_BYTES): Promise<Buffer> {
  if (size === 0) return Buffer.alloc(0);
  const object = await storage.get(storageKey, { range: { start: 0, end: Math.min(bytes, size) - 1 } });
  if (!object) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of object.body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).subarray(0, bytes);
}
