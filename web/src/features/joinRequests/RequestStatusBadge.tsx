import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A pale background with dark text of the same hue, at WCAG AA contrast. (Mantine's "light" variant with a shaded
 * colour such as `red.9` paints the shade itself as the background under light-red text: «Отклонена» was unreadable.)
 */
const colors = {
  pending: { bg: 'orange', text: '#a63d00' },
  approved: { bg: 'teal', text: 'teal.9' },
  rejected: { bg: 'red', text: 'red.9' },
} as const;

/** «На рассмотрении», «Одобрена», «Отклонена». */
export function RequestStatusBadge({ status }: { status: 'pending' | 'approved' | 'rejected' }) {
  const { t } = useTranslation();
  return (
    <Badge color={colors[status].bg} c={colors[status].text} variant="light">
      {t(`requestStatus.${status}`)}
    </Badge>
  );
}
