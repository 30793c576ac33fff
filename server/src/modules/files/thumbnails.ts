import sharp, { type Metadata } from 'sharp';

/** The longest side of the thumbnail a chat shows, and of the sharper one for wide or dense screens. */
export const THUMB_SIDE = 640;
export const LARGE_THUMB_SIDE = 1280;
/**
 * Decoded pixels an image may have (all its frames together). 100 MP passes a 108 MP phone camera; a
 * decompression bomb (a few kB of PNG that claims 50 000 × 50 000 pixels) is refused from its header,
 * before a pixel is decoded.
 */
export const MAX_INPUT_PIXELS = 100_000_000;
/** Bytes read into memory to make thumbnails; a bigger picture is kept as a file, not shown inline. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/**
 * What the server learnt from an image's bytes:
 * - `still`: its upright size and thumbnails (the large one only when the image is bigger than the small);
 * - `animated`: its size, no thumbnail (a still one would stop the animation): the original is shown;
 * - `tooBig`: over MAX_INPUT_PIXELS or MAX_INPUT_BYTES: never shown inline, only downloaded;
 * - `unreadable`: bytes that start like an image but do not decode: no size, no thumbnail.
 */
export type ImageFacts =
  | { kind: 'still'; width: number; height: number; thumb: Buffer; large: Buffer | null }
  | { kind: 'animated'; width: number; height: number }
  | { kind: 'tooBig' }
  | { kind: 'unreadable' };

// One image at a time per process: two cores are shared with the API, and a burst of pasted photos
// must not starve it. sharp's own threads still work on the one image.
let queue: Promise<unknown> = Promise.resolve();
function inTurn<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

/** Reads the size from the header and makes WebP thumbnails; never throws for bad input. */
export function describeImage(bytes: Buffer): Promise<ImageFacts> {
  if (bytes.length > MAX_INPUT_BYTES) return Promise.resolve({ kind: 'tooBig' });
  return inTurn(async () => {
    let meta: Metadata;
    try {
      // The header only: nothing is decoded yet, so no limit is needed to read it.
      meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    } catch {
      return { kind: 'unreadable' };
    }
    const frames = meta.pages ?? 1;
    const frameHeight = meta.pageHeight ?? meta.height;
    if (!meta.width || !frameHeight) return { kind: 'unreadable' };
    if (meta.width * frameHeight * frames > MAX_INPUT_PIXELS) return { kind: 'tooBig' };
    const { width, height } = frames > 1 ? { width: meta.width, height: frameHeight } : meta.autoOrient;
    if (frames > 1) return { kind: 'animated', width, height };
    try {
      return { kind: 'still', width, height, ...(await thumbnails(bytes, Math.max(width, height) > THUMB_SIDE)) };
    } catch {
      return { kind: 'unreadable' };
    }
  });
}

const fitInside = (side: number) => ({ width: side, height: side, fit: 'inside', withoutEnlargement: true }) as const;
const WEBP = { quality: 78, effort: 3 } as const;

/**
 * Upright (EXIF orientation applied), within 1280 and 640 px, never enlarged, re-encoded as WebP. The
 * original is decoded once (JPEG and WebP shrink while decoding), to 1280 px; the 640 one is made from
 * those pixels. sharp copies no metadata unless asked, so a photo's GPS position and camera fields stay
 * in the original only.
 */
async function thumbnails(bytes: Buffer, wantLarge: boolean): Promise<{ thumb: Buffer; large: Buffer | null }> {
  const { data, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
    .autoOrient()
    .resize(fitInside(LARGE_THUMB_SIDE))
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const pixels = () => sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
  const thumb = await pixels().resize(fitInside(THUMB_SIDE)).webp(WEBP).toBuffer();
  const large = wantLarge ? await pixels().webp(WEBP).toBuffer() : null;
  return { thumb, large };
}
