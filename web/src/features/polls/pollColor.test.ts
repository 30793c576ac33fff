import { describe, expect, it } from 'vitest';
import { percentOf, pollBackground, textOn } from './pollColor';

describe('poll colours', () => {
  it('maps presets and custom colours, never passing anything else to CSS', () => {
    expect(pollBackground('violet')).toBe('#7a5af8');
    expect(pollBackground('#a1b2c3')).toBe('#a1b2c3');
    expect(pollBackground('red;background:url(x)')).toBe('#2d81e0');
  });
  it('picks readable text', () => {
    expect(textOn('#4b5563')).toBe('#ffffff');
    expect(textOn('#ffee88')).toBe('#111111');
  });
  it('counts percent of voters', () => {
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(0, 0)).toBe(0);
  });
});
