// The unread count on the tab's icon: the app's icon with a red badge, drawn on a canvas and set as a data: URL
// (the page's CSP lets images come from data:, which favicons are; nothing else is needed).
import { countLabel } from './titleCount';

const SIZE = 64;
const ICON = '/icons/icon-96.png';
let original: { href: string; type: string } | null = null;
let icon: Promise<HTMLImageElement> | null = null;
/** Each call supersedes the ones before it (an image that loads late must not draw an old count). */
let generation = 0;

function iconLink(): HTMLLinkElement | null {
  return document.querySelector<HTMLLinkElement>('link[rel="icon"]');
}

function loadIcon(): Promise<HTMLImageElement> {
  icon ??= new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => {
      icon = null;
      reject(new Error('icon'));
    };
    img.src = ICON;
  });
  return icon;
}

export async function setFaviconCount(n: number): Promise<void> {
  const link = iconLink();
  if (!link) return;
  original ??= { href: link.getAttribute('href') ?? '/favicon.svg', type: link.type };
  const mine = ++generation;
  if (n <= 0) {
    // Setting the same address again makes the browser fetch and decode the icon again: only when it was a badge.
    if (link.getAttribute('href') === original.href) return;
    link.type = original.type;
    link.href = original.href;
    return;
  }
  let img: HTMLImageElement;
  try {
    img = await loadIcon();
  } catch {
    return;
  }
  const canvas = document.createElement('canvas');
  canvas.width = SIZE;
  canvas.height = SIZE;
  const ctx = canvas.getContext('2d');
  if (!ctx || mine !== generation) return;
  ctx.drawImage(img, 0, 0, SIZE, SIZE);
  const label = countLabel(n);
  ctx.font = `700 ${label.length > 2 ? 24 : 30}px system-ui, sans-serif`;
  const width = Math.max(36, ctx.measureText(label).width + 14);
  const height = 36;
  const x = SIZE - width;
  // A red pill at the top right, ringed in white so it stands apart from the blue icon.
  ctx.fillStyle = '#ffffff';
  roundRect(ctx, x - 2, 0, width + 2, height + 2, (height + 2) / 2);
  ctx.fillStyle = '#e03131';
  roundRect(ctx, x, 1, width - 1, height, height / 2);
  ctx.fillStyle = '#ffffff';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(label, x + (width - 1) / 2, 1 + height / 2 + 1);
  link.type = 'image/png';
  link.href = canvas.toDataURL('image/png');
}

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number) {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
  ctx.fill();
}
