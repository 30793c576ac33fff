import { type CSSVariablesResolver, createTheme, type MantineThemeColors } from '@mantine/core';
import type { TFunction } from 'i18next';
import { darker, readable } from '../features/common/contrast';

export const theme = createTheme({
  primaryColor: 'blue',
  // Shade 8 keeps white button text and blue links above the WCAG AA contrast ratio (4.5:1).
  primaryShade: { light: 8, dark: 8 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'md',
  headings: { fontWeight: '700' },
  // Components are named here, not `Badge.extend(…)`: importing one would put its code (a modal's focus trap and
  // scroll lock, a date picker) into every first screen; they load with the screens that show them.
  components: {
    // Russian words in capitals read poorly («НА РАССМОТРЕНИИ»): badges keep the case of their text.
    Badge: { defaultProps: { tt: 'none' } },
    // A menu opens with its first item focused (the WAI-ARIA menu pattern), not an unnamed focusable placeholder,
    // which axe-core reports inside role="menu" (aria-required-children).
    Menu: { defaultProps: { withInitialFocusPlaceholder: false } },
  },
});

/**
 * The theme in the UI's language: Mantine's own labels are English («Toggle password visibility»),
 * and the calendar's arrows have none, so every one a screen reader announces is given ours here.
 */
export function localizedTheme(t: TFunction) {
  const ariaLabels = {
    previousMonth: t('ui.previousMonth'),
    nextMonth: t('ui.nextMonth'),
    previousYear: t('ui.previousYear'),
    nextYear: t('ui.nextYear'),
    previousDecade: t('ui.previousDecade'),
    nextDecade: t('ui.nextDecade'),
    monthLevelControl: t('ui.chooseMonth'),
    yearLevelControl: t('ui.chooseYear'),
  };
  const time = { hoursInputLabel: t('ui.hours'), minutesInputLabel: t('ui.minutes') };
  return createTheme({
    ...theme,
    components: {
      ...theme.components,
      PasswordInput: {
        defaultProps: { visibilityToggleButtonProps: { 'aria-label': t('ui.togglePassword') } },
      },
      DateInput: { defaultProps: { ariaLabels } },
      DateTimePicker: {
        defaultProps: {
          ariaLabels,
          timePickerProps: time,
          submitButtonProps: { 'aria-label': t('ui.dateDone') },
        },
      },
      TimePicker: { defaultProps: time },
      // A modal's or drawer's «×» has no name of its own: every one says «Закрыть» unless a screen names it.
      Modal: { defaultProps: { closeButtonProps: { 'aria-label': t('app.close') } } },
      Drawer: { defaultProps: { closeButtonProps: { 'aria-label': t('app.close') } } },
    },
  });
}

/** Text reaches WCAG AA (4.5:1) with a little to spare, so a slightly different background nearby still passes. */
const AA = 4.7;

/**
 * Every palette colour's variants made readable in both themes, as near to Mantine's shades as AA allows:
 * - filled (buttons, badges, the call's green «Присоединиться»): shade 8 carries white text; green, teal, orange,
 *   yellow… are darkened until it is 4.5:1 (green 8 is 3.4:1). The same colour is `X-text` (c="green") on white.
 * - light (active menu items, badges, avatars) in the light theme: shade 1 under shade 9 text, a hover a touch
 *   darker; shade 9 is darkened where it falls short (teal 9 on teal 1 is 4.3:1, blue 9 on the hover 4.0:1).
 * - text in the dark theme stays Mantine's shade 4 (c="red" is red 4), which is 4.6:1 or more on the dark body.
 */
function readableVariants(colors: MantineThemeColors, scheme: 'light' | 'dark'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, shades] of Object.entries(colors)) {
    if (name === 'dark' || !shades?.[9]) continue;
    const filled = readable(shades[8], ['#ffffff'], AA);
    out[`--mantine-color-${name}-filled`] = filled;
    out[`--mantine-color-${name}-filled-hover`] = darker(filled, 0.1);
    if (scheme === 'light') {
      const hover = darker(shades[1], 0.04);
      out[`--mantine-color-${name}-text`] = filled;
      out[`--mantine-color-${name}-light`] = shades[1];
      out[`--mantine-color-${name}-light-hover`] = hover;
      out[`--mantine-color-${name}-light-color`] = readable(shades[9], [shades[1], hover], AA);
    }
  }
  return out;
}

/**
 * Colours Mantine leaves below AA contrast, fixed for both themes: dimmed grey, a field's error, and the palette's
 * variants (readableVariants).
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    ...readableVariants(t.colors, 'light'),
    // Mantine's dimmed (gray 6) is 3.3:1 on the page's gray 0: one shade darker passes.
    '--mantine-color-dimmed': t.colors.gray[7] ?? '#495057',
    // A field's error («Неверный пароль», «Слишком много попыток…») in Mantine's red 6 is 3.6:1 on white: red 9 passes AA.
    '--mantine-color-error': t.colors.red?.[9] ?? '#c92a2a',
    '--mantine-primary-color-light-color': 'var(--mantine-color-blue-light-color)',
  },
  dark: {
    ...readableVariants(t.colors, 'dark'),
    // Mantine's dark dimmed (dark 2, #828282) is 4.0:1 on the dark body and 3.5:1 on a card: dark 1 passes AA on both.
    '--mantine-color-dimmed': t.colors.dark?.[1] ?? '#b8b8b8',
    // Red 8 is 3.4:1 on the dark body; red 5 is 5.6:1.
    '--mantine-color-error': t.colors.red?.[5] ?? '#ff6b6b',
  },
});
