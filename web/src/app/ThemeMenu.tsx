import { type MantineColorScheme, Menu, useMantineColorScheme } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const choices = ['auto', 'light', 'dark'] as const satisfies readonly MantineColorScheme[];

/**
 * «Тема: как в системе / светлая / тёмная» in the profile menu: three radio items under one label, the choice kept
 * on this device (Mantine's colour scheme manager, Providers.tsx).
 */
export function ThemeMenuItems() {
  const { t } = useTranslation();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <fieldset className="parta-menu-group" aria-labelledby="theme-menu-label">
      <Menu.Label id="theme-menu-label">{t('app.theme')}</Menu.Label>
      <Menu.RadioGroup value={colorScheme} onChange={(v) => setColorScheme(v as MantineColorScheme)}>
        {choices.map((c) => (
          <Menu.RadioItem key={c} value={c}>
            {t(`app.themes.${c}`)}
          </Menu.RadioItem>
        ))}
      </Menu.RadioGroup>
    </fieldset>
  );
}
