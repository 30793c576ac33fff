import type { Readable } from 'node:stream';
import { AppError } from '../../lib/errors.js';

/**
 * The whole upload in memory, counting as it goes: the moment it passes `maxBytes` the upload is
 * refused, whatever Content-Length the client claimed. Photos are small, so memory is the simple place.
 */
export async function readUpload(stream: Readable, maxBytes: number, truncated?: () => boolean): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buf.length;
    if (size > maxBytes) {
      stream.resume();
      throw new AppError('file_too_large', { maxBytes });
    }
    chunks.push(buf);
  }
  if (truncated?.()) throw new AppError('file_too_large', { maxBytes });
  return Buffer.concat(chunks);
}
