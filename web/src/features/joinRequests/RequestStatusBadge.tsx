import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const colors = { pending: 'orange', approved: 'teal', rejected: 'red' } as const;

/** «На рассмотрении», «Одобрена», «Отклонена». */
export function RequestStatusBadge({ status }: { status: 'pending' | 'approved' | 'rejected' }) {
  const { t } = useTranslation();
  return (
    // A shade in `color` («teal.9») made the light badge a solid pill with its word in the same colour, unreadable.
    // A dot of the status's colour beside dark text reads at any colour and passes contrast.
    <Badge color={colors[status]} variant="dot" size="lg">
      {t(`requestStatus.${status}`)}
    </Badge>
  );
}
