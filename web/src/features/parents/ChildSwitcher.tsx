import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { chooseChild, useChosenChild, useMyChildren } from './chosenChild';

/**
 * «Ребёнок: Маша, 7А» — the parent's child switcher, shown to a parent with more than one child. The header holds it
 * from tablet width; on a phone each parent's screen shows it under its title (`where`).
 */
export function ChildSwitcher({ where }: { where: 'header' | 'page' }) {
  const { t } = useTranslation();
  const children = useMyChildren();
  const chosen = useChosenChild(children.map((c) => c.child.id));
  if (children.length < 2 || !chosen) return null;
  return (
    <NativeSelect
      aria-label={t('nav.child')}
      value={chosen}
      onChange={(e) => chooseChild(e.currentTarget.value)}
      data={children.map((c) => ({ value: c.child.id, label: `${c.child.firstName} ${c.child.lastName}, ${c.className}` }))}
      size={where === 'header' ? 'sm' : 'md'}
      visibleFrom={where === 'header' ? 'sm' : undefined}
      hiddenFrom={where === 'page' ? 'sm' : undefined}
      data-testid={`child-switcher-${where}`}
      w={where === 'header' ? 220 : undefined}
    />
  );
}
