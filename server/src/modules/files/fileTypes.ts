import { fileExtension, type previewImageTypes } from '@parta/contracts';
import { cleanText } from '../../lib/storableText.js';

export type PreviewImageType = (typeof previewImageTypes)[number];

/** Bytes enough to recognise every signature below. */
export const SNIFF_BYTES = 16;

/** The image type the bytes really are, or null: only these ever get an inline preview. */
export function sniffImageType(head: Buffer): PreviewImageType | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  const ascii = head.subarray(0, 12).toString('latin1');
  if (ascii.startsWith('GIF87a') || ascii.startsWith('GIF89a')) return 'image/gif';
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** A PDF by its bytes: «%PDF-» at the start. Only such files open inline as PDFs, whatever their name. */
export function looksLikePdf(head: Buffer): boolean {
  return head.subarray(0, 5).toString('latin1') === '%PDF-';
}

/**
 * DOC-3: the video container the bytes really are, or null. MP4 (ISO BMFF: an «ftyp» box first, but
 * not QuickTime's «qt  » brand, which browsers may not play) and WebM (an EBML header).
 */
export function sniffVideoType(head: Buffer): 'video/mp4' | 'video/webm' | null {
  if (head.length >= 12 && head.subarray(4, 8).toString('latin1') === 'ftyp' && head.subarray(8, 12).toString('latin1') !== 'qt  ') {
    return 'video/mp4';
  }
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return 'video/webm';
  return null;
}

/**
 * Programs by their first bytes, whatever the name says: ELF (Linux), MZ (Windows .exe/.dll/.com),
 * Mach-O and universal binaries / Java classes (CAFEBABE), and «#!» scripts.
 */
export function looksExecutable(head: Buffer): boolean {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  return (
    starts(0x7f, 0x45, 0x4c, 0x46) ||
    starts(0x4d, 0x5a) ||
    starts(0xfe, 0xed, 0xfa, 0xce) ||
    starts(0xfe, 0xed, 0xfa, 0xcf) ||
    starts(0xce, 0xfa, 0xed, 0xfe) ||
    starts(0xcf, 0xfa, 0xed, 0xfe) ||
    starts(0xca, 0xfe, 0xba, 0xbe) ||
    starts(0x23, 0x21)
  );
}

/** What we call a file's type, by its name: shown to people and used to pick a safe Content-Type. */
const typeByExtension: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  rtf: 'application/rtf',
  txt: 'text/plain',
  csv: 'text/csv',
  zip: 'application/zip',
  rar: 'application/vnd.rar',
  '7z': 'application/x-7z-compressed',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  m4a: 'audio/mp4',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  bmp: 'image/bmp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  djvu: 'image/vnd.djvu',
  epub: 'application/epub+zip',
  fb2: 'application/x-fictionbook+xml',
  // Types a browser would run or render as a page: recorded truthfully, never served as themselves.
  html: 'text/html',
  htm: 'text/html',
  xhtml: 'application/xhtml+xml',
  svg: 'image/svg+xml',
  xml: 'application/xml',
  json: 'application/json',
};

/** Content types a download may carry as they are: none of them is rendered as a page or runs script. */
const servedAsIs = new Set([
  'application/pdf', 'application/msword', 'application/vnd.ms-excel', 'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text', 'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation', 'application/rtf', 'text/plain', 'text/csv', 'application/zip',
  'application/vnd.rar', 'application/x-7z-compressed', 'audio/mpeg', 'audio/wav', 'audio/ogg', 'audio/mp4',
  'video/mp4', 'video/quicktime', 'video/webm', 'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/heic',
  'image/bmp', 'image/tiff', 'image/vnd.djvu', 'application/epub+zip',
]);

/** The stored type: the sniffed image type when the bytes are one, else by extension, else octet-stream. */
export function mimeFor(name: string, sniffedImage: PreviewImageType | null): string {
  return sniffedImage ?? typeByExtension[fileExtension(name)] ?? 'application/octet-stream';
}

/** The Content-Type a download goes out with: HTML, SVG, XML, JSON and anything unknown become octet-stream. */
export function safeContentType(mime: string): string {
  if (!servedAsIs.has(mime)) return 'application/octet-stream';
  return mime.startsWith('text/') ? `${mime}; charset=utf-8` : mime;
}

/**
 * A file name as people gave it, made harmless to store and show: no directories, no NUL or unpaired
 * surrogate, no control or bidirectional-override characters (which make «gpj.exe» look like «exe.jpg»),
 * at most 200 characters (whole characters: an emoji is never cut in half). A part sent without a name
 * (a Blob with no file name, or Content-Type application/octet-stream and no filename) is «file», and so is
 * a name of nothing but dots and spaces, which no disk would save.
 */
export function cleanFileName(raw: string | undefined): string {
  const base = cleanText(raw ?? '').split(/[/\\]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  const chars = Array.from(cleaned);
  const name = chars.length > 200 ? chars.slice(chars.length - 200).join('') : cleaned;
  return /^[.\s]*$/.test(name) ? 'file' : name;
}

/** Content-Disposition with an ASCII fallback and the exact UTF-8 name (RFC 6266 / RFC 8187). */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
