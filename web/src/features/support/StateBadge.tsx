import { Badge } from '@mantine/core';
import type { QuestionState } from '@parta/contracts';
import { useTranslation } from 'react-i18next';
import './texts';

const colors: Record<QuestionState, string> = { new: 'blue', answered: 'green', clarify: 'orange', closed: 'gray' };

/** Новый · Отвечен · Нужно уточнение · Закрыт. */
export function StateBadge({ state }: { state: QuestionState }) {
  const { t } = useTranslation();
  return (
    <Badge color={colors[state]} variant="light" style={{ flexShrink: 0 }}>
      {t(`support.state.${state}`)}
    </Badge>
  );
}
