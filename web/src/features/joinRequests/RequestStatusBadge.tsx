import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const colors = { pending: 'orange.9', approved: 'teal.9', rejected: 'red.9' } as const;

/** «На рассмотрении», «Одобрена», «Отклонена». */
export function RequestStatusBadge({ status }: { status: 'pending' | 'approved' | 'rejected' }) {
  const { t } = useTranslation();
  return (
    <Badge color={colors[status]} variant="light">
      {t(`requestStatus.${status}`)}
    </Badge>
  );
}
