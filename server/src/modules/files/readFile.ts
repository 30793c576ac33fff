import type { Readable } from 'node:stream';
import { notFound } from '../../lib/errors.js';
import type { ByteRange } from '../../platform/storage/index.js';
import type { Actor } from '../../policy/actor.js';
import type { FileDeps } from './deps.js';
import { type FileRow, readableFile } from './queries.js';

export interface FileDownload {
  file: FileRow;
  body: Readable;
  /** Bytes in body. */
  size: number;
  /** Set when a byte range of the file is sent. */
  range: ByteRange | null;
}

/** What a Range header asked for, against the file's size. */
export type RangeRequest = { kind: 'whole' } | { kind: 'range'; range: ByteRange } | { kind: 'unsatisfiable' };

/**
 * One byte range from a Range header (`bytes=a-b`, `bytes=a-`, `bytes=-n`). Several ranges, other
 * units or a malformed header are ignored and the whole file is sent, as RFC 9110 allows.
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return { kind: 'whole' };
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', range: { start: Math.max(0, size - suffix), end: size - 1 } };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return { kind: 'unsatisfiable' };
  return { kind: 'range', range: { start, end } };
}

/**
 * CHT-3: a download, for the owner or whoever may view a chat where a message carries the file;
 * everyone else, signed in or not, gets the same 404 as for a file that does not exist.
 * `preview` serves only images whose bytes were recognised at upload.
 */
export async function readFile(
  deps: FileDeps,
  actor: Actor | null,
  fileId: string,
  opts: { rangeHeader?: string | undefined; preview?: boolean } = {},
): Promise<FileDownload | { unsatisfiable: true; file: FileRow }> {
  if (!actor) throw notFound();
  const file = await readableFile(deps.db, actor, fileId);
  if (!file || (opts.preview && !file.isImage)) throw notFound();
  const asked = opts.preview ? ({ kind: 'whole' } as const) : parseRange(opts.rangeHeader, file.size);
  if (asked.kind === 'unsatisfiable') return { unsatisfiable: true, file };
  const range = asked.kind === 'range' ? asked.range : null;
  const object = await deps.storage.get(file.storageKey, range ? { range } : {});
  // A row without its bytes is our fault, but to the reader it is simply not there.
  if (!object) throw notFound();
  return { file, body: object.body, size: object.size, range };
}

/**
 * An image's WebP thumbnail, read under the same rule as the file itself. 1280 falls back to 640 for an
 * image no bigger than that; a file with no thumbnail (not an image, animated, unreadable) is a 404.
 */
export async function readThumbnail(deps: FileDeps, actor: Actor | null, fileId: string, side: 640 | 1280): Promise<FileDownload> {
  if (!actor) throw notFound();
  const file = await readableFile(deps.db, actor, fileId);
  const key = file?.isImage ? (side === 1280 ? (file.thumbLargeKey ?? file.thumbKey) : file.thumbKey) : null;
  if (!file || !key) throw notFound();
  const object = await deps.storage.get(key);
  if (!object) throw notFound();
  return { file, body: object.body, size: object.size, range: null };
}
