import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useUnread } from './hooks';

/** The left menu's count beside «Сообщения». */
export function UnreadBadge() {
  const { t } = useTranslation();
  const unread = useUnread().data?.data.totalUnread ?? 0;
  if (unread === 0) return null;
  return (
    <Badge size="sm" color="red" circle={unread < 10} aria-label={t('chats.unread', { count: unread })}>
      {unread > 99 ? '99+' : unread}
    </Badge>
  );
}
