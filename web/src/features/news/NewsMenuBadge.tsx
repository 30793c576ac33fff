import type { NewsFeed } from '@parta/contracts';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLiveNews, useNewsUnread } from './newsApi';

/** The unread count beside «Новости школы» / «Сообщество» in the school's menu; it grows live. */
export function NewsMenuBadge({ schoolId, feed }: { schoolId: string; feed: NewsFeed }) {
  const { t } = useTranslation();
  useLiveNews(schoolId);
  const n = useNewsUnread(schoolId).data?.data[feed] ?? 0;
  if (n === 0) return null;
  return (
    <Badge size="sm" color="blue" circle aria-label={t('news.unread', { count: n })}>
      {n > 99 ? '99+' : n}
    </Badge>
  );
}

/** Beside «Моя школа» in the left menu: the school's unread news of both feeds, growing live. */
export function SchoolNewsBadge({ schoolId }: { schoolId: string }) {
  const { t } = useTranslation();
  useLiveNews(schoolId);
  const unread = useNewsUnread(schoolId).data?.data;
  const n = (unread?.channel ?? 0) + (unread?.community ?? 0);
  if (n === 0) return null;
  return (
    <Badge size="sm" color="blue" circle aria-label={t('news.unread', { count: n })}>
      {n > 99 ? '99+' : n}
    </Badge>
  );
}
