import { type PollColorPreset, pollColorPresets } from '@parta/contracts';
import { contrast } from '../common/contrast';

/** A preset name or a #rrggbb colour, as a CSS colour; anything unexpected falls back to the first preset. */
export function pollBackground(color: string): string {
  if (Object.hasOwn(pollColorPresets, color)) return pollColorPresets[color as PollColorPreset];
  return /^#[0-9a-fA-F]{6}$/.test(color) ? color : pollColorPresets.blue;
}

export { contrast } from '../common/contrast';

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
