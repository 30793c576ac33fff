import { Button, Group, Text } from '@mantine/core';
import { IconAlertCircle, IconClock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type PendingMessage, useLive } from '../chats/RealtimeProvider';
import { fullDateTime } from '../common/dates';

/** A message typed here and not yet stored: «Отправляется…», or the refusal with the text kept to send again. */
export function PendingItem({ item }: { item: PendingMessage }) {
  const { t, i18n } = useTranslation();
  const live = useLive();
  // SAFE-1: a chat's flood limit and a write ban say how long: «Слишком часто — подождите 12 с», «…до 14:05».
  const reason = item.error === 'rate_limited' && item.retryInSeconds
    ? t('chats.sendErrors.tooOften', { n: item.retryInSeconds })
    : item.error === 'write_banned' && item.until
      ? t('chats.sendErrors.writeBanned', { until: fullDateTime(item.until, i18n.language) })
      : i18n.exists(`chats.sendErrors.${item.error}`)
    ? t(`chats.sendErrors.${item.error}`)
    : i18n.exists(`errors.${item.error}`)
      ? t(`errors.${item.error}`)
      : t('errors.internal');
  return (
    <li style={{ padding: '4px 0 4px 50px', opacity: item.status === 'sending' ? 0.7 : 1 }} data-pending={item.status}>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {item.text}
      </Text>
      {item.status === 'sending' ? (
        <Group gap={4}>
          <IconClock size={12} aria-hidden />
          <Text size="xs" c="dimmed">
            {t('chats.sending')}
          </Text>
        </Group>
      ) : (
        <Group gap="xs" role="alert">
          <IconAlertCircle size={14} color="var(--mantine-color-red-7)" aria-hidden />
          <Text size="xs" c="red">
            {t('chats.notSent', { error: reason })}
          </Text>
          <Button size="compact-xs" variant="light" onClick={() => void live.send(item)}>
            {t('chats.resend')}
          </Button>
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            onClick={() => live.state.setPending((p) => p.filter((x) => x.clientId !== item.clientId))}
          >
            {t('chats.discard')}
          </Button>
        </Group>
      )}
    </li>
  );
}
