import { describe, expect, it } from 'vitest';
import { pollColorPresetNames } from '@parta/contracts';
import { contrast, percentOf, pollBackground, textOn } from './pollColor';

describe('poll colours', () => {
  it('maps presets and custom colours, never passing anything else to CSS', () => {
    expect(pollBackground('violet')).toBe('#6a4ae0');
    expect(pollBackground('#a1b2c3')).toBe('#a1b2c3');
    expect(pollBackground('red;background:url(x)')).toBe('#1f6bc4');
  });
  it('picks readable text', () => {
    expect(textOn('#4b5563')).toBe('#ffffff');
    expect(textOn('#ffee88')).toBe('#111111');
  });
  it('every preset and a mid-tone custom colour get text at WCAG AA contrast (4.5:1)', () => {
    for (const name of pollColorPresetNames) {
      const bg = pollBackground(name);
      expect(contrast(bg, textOn(bg)), name).toBeGreaterThanOrEqual(4.5);
    }
    // The old default blue: white reached only 3.9:1, so its text is now near-black.
    expect(textOn('#2d81e0')).toBe('#111111');
    expect(textOn('#1f6f5c')).toBe('#ffffff');
  });
  it('counts percent of voters', () => {
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(0, 0)).toBe(0);
  });
});
