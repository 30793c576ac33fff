import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../common/ui';
import type { SchoolMenuKey } from './schoolMenu';

/** A school section that arrives in a later version: a clear state instead of a broken page. */
export function SoonSection({ item }: { item: SchoolMenuKey }) {
  const { t } = useTranslation();
  return <ComingSoon title={t(`schoolMenu.${item}`)} />;
}
