import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatSize } from '../common/formatSize';
import type { UploadState } from './useResumableUpload';

/** The line under a big upload: percent and sizes, what is happening, «Пауза» / «Продолжить». */
export function UploadProgress({ state, sent, total, onPause, onResume }: {
  state: UploadState;
  sent: number;
  total: number;
  onPause: () => void;
  onResume: () => void;
}) {
  const { t, i18n } = useTranslation();
  if (state === 'idle' || state === 'failed') return null;
  const percent = total > 0 ? Math.floor((sent / total) * 100) : 0;
  const sizes = t('uploads.sizes', { sent: formatSize(sent, i18n.language), total: formatSize(total, i18n.language) });
  const status = t(`uploads.state.${state}`);
  return (
    <Stack gap={6}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm" fw={500}>
          {t('uploads.percent', { percent })} · {sizes}
        </Text>
        <Text size="sm" fw={state === 'offline' || state === 'retrying' ? 600 : 400} role="status" aria-live="polite">
          {status}
        </Text>
      </Group>
      <Progress value={percent} aria-label={t('uploads.progress')} animated={state === 'uploading'} />
      {(state === 'uploading' || state === 'retrying') && (
        <Button variant="default" size="xs" leftSection={<IconPlayerPause size={14} />} onClick={onPause} style={{ alignSelf: 'flex-start' }}>
          {t('uploads.pause')}
        </Button>
      )}
      {(state === 'paused' || state === 'offline') && (
        <Button size="xs" leftSection={<IconPlayerPlay size={14} />} onClick={onResume} style={{ alignSelf: 'flex-start' }}>
          {t('uploads.resume')}
        </Button>
      )}
    </Stack>
  );
}
