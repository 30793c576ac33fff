import { type CSSVariablesResolver, createTheme } from '@mantine/core';
import type { TFunction } from 'i18next';

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

/** Mantine's dimmed grey is below AA contrast on our light backgrounds; one shade darker passes. */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7] ?? '#495057',
    // A field's error («Неверный пароль», «Слишком много попыток…») in Mantine's red 6 is 3.6:1 on white: red 9 passes AA.
    '--mantine-color-error': t.colors.red?.[9] ?? '#c92a2a',
    // Text on «light» backgrounds (active menu items, badges): the darkest shade passes AA.
    ...Object.fromEntries(
      (['blue', 'teal', 'red', 'yellow', 'gray'] as const).map((c) => [`--mantine-color-${c}-light-color`, t.colors[c]?.[9] ?? '#000']),
    ),
    '--mantine-primary-color-light-color': t.colors.blue?.[9] ?? '#1864ab',
  },
  dark: {},
});
