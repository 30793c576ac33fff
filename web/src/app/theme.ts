import { Badge, type CSSVariablesResolver, createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  // Shade 8 keeps white button text and blue links above the WCAG AA contrast ratio (4.5:1).
  primaryShade: { light: 8, dark: 8 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'md',
  headings: { fontWeight: '700' },
  // Russian words in capitals read poorly («НА РАССМОТРЕНИИ»): badges keep the case of their text.
  components: {
    Badge: Badge.extend({ defaultProps: { tt: 'none' } }),
  },
});

/** Mantine's dimmed grey is below AA contrast on our light backgrounds; one shade darker passes. */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7] ?? '#495057',
    // Text on «light» backgrounds (active menu items, badges): the darkest shade passes AA.
    ...Object.fromEntries(
      (['blue', 'teal', 'red', 'yellow', 'gray'] as const).map((c) => [`--mantine-color-${c}-light-color`, t.colors[c]?.[9] ?? '#000']),
    ),
    '--mantine-primary-color-light-color': t.colors.blue?.[9] ?? '#1864ab',
  },
  dark: {},
});
