import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { contrast } from '../features/common/contrast';
import { cssVariablesResolver, theme } from './theme';

const full = mergeMantineTheme(DEFAULT_THEME, theme);
const vars = cssVariablesResolver(full);
const used = ['blue', 'teal', 'green', 'red', 'orange', 'yellow', 'gray', 'violet', 'cyan', 'grape', 'pink', 'indigo', 'lime'];

describe('theme colours reach WCAG AA (4.5:1) in both themes', () => {
  it('white text on every filled colour (buttons, badges), in light and dark', () => {
    for (const scheme of ['light', 'dark'] as const) {
      for (const c of used) expect(contrast(vars[scheme][`--mantine-color-${c}-filled`] ?? '', '#ffffff'), `${scheme} ${c}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('text on «light» backgrounds, resting and hovered, in the light theme', () => {
    for (const c of used) {
      const text = vars.light[`--mantine-color-${c}-light-color`] ?? '';
      expect(contrast(text, vars.light[`--mantine-color-${c}-light`] ?? ''), c).toBeGreaterThanOrEqual(4.5);
      expect(contrast(text, vars.light[`--mantine-color-${c}-light-hover`] ?? ''), `${c} hover`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('dimmed text and errors on the dark body and on a dark card', () => {
    const dark = full.colors.dark;
    for (const bg of [dark[7], dark[6], dark[8]]) {
      expect(contrast(dark[1], bg)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(full.colors.red[5], bg)).toBeGreaterThanOrEqual(4.5);
    }
    expect(vars.dark['--mantine-color-dimmed']).toBe(dark[1]);
    expect(vars.dark['--mantine-color-error']).toBe(full.colors.red[5]);
  });

  it('keeps Mantine\'s shade where it already passes (blue buttons stay blue 8)', () => {
    expect(vars.light['--mantine-color-blue-filled']).toBe(full.colors.blue[8]);
    expect(vars.light['--mantine-color-blue-light']).toBe(full.colors.blue[1]);
  });
});
