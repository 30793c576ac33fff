import { type PollColorPreset, pollColorPresets } from '@parta/contracts';

/** A preset name or a #rrggbb colour, as a CSS colour; anything unexpected falls back to the first preset. */
export function pollBackground(color: string): string {
  if (Object.hasOwn(pollColorPresets, color)) return pollColorPresets[color as PollColorPreset];
  return /^#[0-9a-fA-F]{6}$/.test(color) ? color : pollColorPresets.blue;
}

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * White or near-black text, whichever reads better on the background (a custom colour may be light or mid-tone):
 * white is kept while it reaches WCAG AA's 4.5:1, as on every dark preset.
 */
export function textOn(hex: string): string {
  const white = contrast(hex, '#ffffff');
  return white >= 4.5 || white >= contrast(hex, '#111111') ? '#ffffff' : '#111111';
}

/** Whole percent of voters who chose an option. */
export function percentOf(votes: number, voters: number): number {
  return voters > 0 ? Math.round((votes / voters) * 100) : 0;
}
