import sharp from 'sharp';
import { AppError } from '../../lib/errors.js';

/** DOC-3: posters are 16:9, the shape of the player they stand in for. */
export const POSTER_WIDTH = 640;
export const POSTER_HEIGHT = 360;

/** Muted backgrounds with white text at good contrast; a title always gets the same one. */
const palette = ['#2f3b52', '#27575b', '#4a3f6b', '#5b3a3a', '#2d4a2f', '#3b4a63'];

const escapeXml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

/** Up to three lines of about `width` characters, the last one cut with «…» when the title is longer. */
export function wrapTitle(title: string, width = 26, maxLines = 3): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of title.split(/\s+/).filter(Boolean)) {
    const piece = word.length > width ? `${word.slice(0, width - 1)}…` : word;
    if (line && line.length + 1 + piece.length > width) {
      lines.push(line);
      line = piece;
    } else {
      line = line ? `${line} ${piece}` : piece;
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    const last = kept[maxLines - 1] ?? '';
    kept[maxLines - 1] = `${last.length > width - 1 ? last.slice(0, width - 1) : last}…`;
    return kept;
  }
  return lines;
}

/**
 * A neutral poster drawn from the title, for a video uploaded without one: a play sign and the
 * title on a muted background. Needs nothing but sharp (no ffmpeg); the title is XML-escaped text.
 */
export async function drawnPoster(title: string): Promise<Buffer> {
  let hash = 0;
  for (const ch of title) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  const background = palette[hash % palette.length];
  const lines = wrapTitle(title);
  const lineHeight = 40;
  const top = 235 - ((lines.length - 1) * lineHeight) / 2;
  const text = lines
    .map((l, i) => `<text x="320" y="${top + i * lineHeight}" text-anchor="middle">${escapeXml(l)}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${POSTER_WIDTH}" height="${POSTER_HEIGHT}">
<rect width="100%" height="100%" fill="${background}"/>
<circle cx="320" cy="120" r="46" fill="#ffffff" fill-opacity="0.18"/>
<path d="M306 96 L346 120 L306 144 Z" fill="#ffffff"/>
<g font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="30" fill="#ffffff">${text}</g>
</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer();
}

/** A poster from a picture the uploader chose: cropped to 16:9 and re-encoded, so only its pixels are kept. */
export async function posterFromImage(image: Buffer): Promise<Buffer> {
  try {
    return await sharp(image, { limitInputPixels: 50_000_000 })
      .rotate()
      .resize(POSTER_WIDTH, POSTER_HEIGHT, { fit: 'cover' })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82 })
      .toBuffer();
  } catch {
    throw new AppError('image_invalid');
  }
}
