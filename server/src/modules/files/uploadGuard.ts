import { Transform, type TransformCallback } from 'node:stream';
import { AppError } from '../../lib/errors.js';
import { looksExecutable, type PreviewImageType, SNIFF_BYTES, sniffImageType } from './fileTypes.js';

/**
 * Sits between the upload and the storage: counts bytes and fails the stream the moment the limit
 * is passed, and looks at the first bytes to refuse programs and recognise images. Failing the
 * stream makes the storage drop what it wrote, so a refused upload leaves nothing behind.
 */
export class UploadGuard extends Transform {
  private head = Buffer.alloc(0);
  private checked = false;
  bytes = 0;
  image: PreviewImageType | null = null;

  constructor(
    private readonly maxBytes: number,
    /** The refusal past maxBytes: file_too_large unless the person's storage quota was the tighter bound. */
    private readonly refusal: () => AppError = () => new AppError('file_too_large', { maxBytes }),
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      done(this.refusal());
      return;
    }
    if (!this.checked) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, SNIFF_BYTES)]);
      const refusal = this.head.length >= SNIFF_BYTES ? this.inspect() : null;
      if (refusal) {
        done(refusal);
        return;
      }
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    done(this.checked ? null : this.inspect());
  }

  private inspect(): AppError | null {
    this.checked = true;
    if (looksExecutable(this.head)) return new AppError('file_type_forbidden');
    this.image = sniffImageType(this.head);
    return null;
  }
}
