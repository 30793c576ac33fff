import { Badge } from '@mantine/core';
import type { AppealState } from '@parta/contracts';
import { useTranslation } from 'react-i18next';
import './texts';

const colors: Record<AppealState, string> = { new: 'blue', in_work: 'orange', answered: 'green', closed: 'gray' };

/** Новое · В работе · Есть ответ · Закрыто. */
export function AppealStateBadge({ state }: { state: AppealState }) {
  const { t } = useTranslation();
  return (
    <Badge color={colors[state]} variant="light" style={{ flexShrink: 0 }}>
      {t(`appeals.state.${state}`)}
    </Badge>
  );
}
