import { Badge } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { type SupportBadge as BadgeData, supportKeys, useSupportLive } from './api';

/** The operator's menu: questions waiting for support, live over the socket. */
export function SupportBadge() {
  const { t } = useTranslation();
  useSupportLive();
  const count = useQuery({ queryKey: supportKeys.badge, queryFn: () => api<BadgeData>('GET', '/operator/support/badge') }).data?.data.unanswered ?? 0;
  if (count === 0) return null;
  return (
    <Badge size="sm" color="red" circle={count < 10} aria-label={t('nav.supportNew', { count })}>
      {count > 99 ? '99+' : count}
    </Badge>
  );
}
