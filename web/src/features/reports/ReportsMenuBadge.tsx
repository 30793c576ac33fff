import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useReportBadge } from './api';

/** Beside «Жалобы» in the school's menu: new reports (red), live; only the administration sees the item at all. */
export function ReportsMenuBadge({ schoolId }: { schoolId: string }) {
  const { t } = useTranslation();
  const count = useReportBadge(schoolId, true).data?.data.count ?? 0;
  if (count === 0) return null;
  return (
    <Badge size="sm" color="red" circle={count < 10} aria-label={t('nav.reportsNew', { count })}>
      {count > 99 ? '99+' : count}
    </Badge>
  );
}
