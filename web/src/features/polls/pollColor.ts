import { type PollColorPreset, pollColorPresets } from '@parta/contracts';

/** A preset name or a #rrggbb colour, as a CSS colour; anything unexpected falls back to the first preset. */
export function pollBackground(color: string): string {
  if (Object.hasOwn(pollColorPresets, color)) return pollColorPresets[color as PollColorPreset];
  return /^#[0-9a-fA-F]{6}$/.test(color) ? color : pollColorPresets.blue;
}

/** White text on dark backgrounds, near-black on light ones (a custom colour may be light). */
export function textOn(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.3 ? '#111111' : '#ffffff';
}

/** Whole percent of voters who chose an option. */
export function percentOf(votes: number, voters: number): number {
  return voters > 0 ? Math.round((votes / voters) * 100) : 0;
}
