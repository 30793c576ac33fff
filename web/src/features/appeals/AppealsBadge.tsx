import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAppealsBadge } from './api';

/** Beside «Обращения в школу» in the school's menu: new appeals waiting for the administration, live. */
export function AppealsBadge({ schoolId, ml }: { schoolId: string; ml?: number }) {
  const { t } = useTranslation();
  const n = useAppealsBadge(schoolId).data?.data.count ?? 0;
  if (n === 0) return null;
  return (
    <Badge size="sm" color="red" circle ml={ml} aria-label={t('nav.appealsNew', { count: n })}>
      {n > 99 ? '99+' : n}
    </Badge>
  );
}
