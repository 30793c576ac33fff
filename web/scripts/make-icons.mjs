// Draws Parta's app icons (the mark of web/src/app/Logo.tsx: a white «P» on the theme's blue) and writes
// them to web/public. Run by hand when the mark changes — `node web/scripts/make-icons.mjs` — and commit the
// output: the build only copies the files, so it needs neither sharp nor fonts.
//
// The «P» is a path, not text, so every icon looks the same whatever fonts the machine has.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const publicDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'public');
/** Mantine's blue 8: the theme's primary shade (web/src/app/theme.ts), as the logo's ThemeIcon shows it. */
const blue = '#1971c2';

/** The «P» on a 512 × 512 grid, centred; the bowl's counter is cut out with evenodd. */
const letterP =
  'M148 106H268A96 96 0 0 1 268 298H214V406H148Z' + // stem and the bowl's outline
  'M214 160H264A42 42 0 0 1 264 244H214Z'; // the counter

/**
 * `rounded`: the logo's rounded square on a transparent ground (favicon, «any» icons).
 * `fullBleed`: a full square of blue, the «P» scaled into the maskable safe zone (a circle of 40 % radius),
 * for launchers that cut their own shape, and for iOS, which fills transparency with black.
 */
function svg({ shape, scale = 1 }) {
  const ground = shape === 'rounded' ? `<rect width="512" height="512" rx="112" fill="${blue}"/>` : `<rect width="512" height="512" fill="${blue}"/>`;
  const transform = scale === 1 ? '' : ` transform="translate(256 256) scale(${scale}) translate(-256 -256)"`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">${ground}<path fill="#fff" fill-rule="evenodd"${transform} d="${letterP}"/></svg>`;
}

async function png(file, size, source) {
  const out = path.join(publicDir, file);
  mkdirSync(path.dirname(out), { recursive: true });
  await sharp(Buffer.from(source), { density: 72 * (size / 512) * 4 })
    .resize(size, size)
    .png({ compressionLevel: 9, palette: true, quality: 90 })
    .toFile(out);
  console.log(`${file} ${size}×${size}`);
}

const rounded = svg({ shape: 'rounded' });
// The letter spans 300 of 512 units; in the safe zone's 410-unit circle it is drawn at 80 %.
const fullBleed = svg({ shape: 'full', scale: 0.8 });

await png('icons/icon-192.png', 192, rounded);
await png('icons/icon-512.png', 512, rounded);
await png('icons/icon-maskable-512.png', 512, fullBleed);
await png('icons/apple-touch-icon.png', 180, fullBleed);
// Small enough for notification badges and the tab's favicon with its unread count (drawn on a canvas).
await png('icons/icon-96.png', 96, rounded);
// Android's status bar draws a notification's badge from its alpha alone: the «P» in white on nothing.
await png('icons/badge-96.png', 96, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><path fill="#fff" fill-rule="evenodd" d="${letterP}"/></svg>`);
writeFileSync(path.join(publicDir, 'favicon.svg'), `${svg({ shape: 'rounded' }).replace('<svg ', '<svg role="img" aria-label="Parta" ')}\n`);
console.log('favicon.svg');
