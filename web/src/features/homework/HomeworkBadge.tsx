import { Badge } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { type BadgeResponse, homeworkKeys, useHomeworkLive } from './api';

/** The left menu's count beside «Задания»: new assignments and marks since I last opened it; live over the socket. */
export function HomeworkBadge() {
  const { t } = useTranslation();
  useHomeworkLive();
  const count = useQuery({ queryKey: homeworkKeys.badge, queryFn: () => api<BadgeResponse>('GET', '/homework/badge') }).data?.data.count ?? 0;
  if (count === 0) return null;
  return (
    <Badge size="sm" color="red" circle={count < 10} aria-label={t('nav.homeworkNew', { count })}>
      {count > 99 ? '99+' : count}
    </Badge>
  );
}
