import { CloseButton, Group, Progress, Stack, Text } from '@mantine/core';
import { IconFile } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatSize } from '../common/formatSize';
import type { Upload } from './useUploads';

/** Files being attached: name and size, a progress bar while uploading, why one was refused, «×» to drop it. */
export function UploadRows({ uploads, onRemove }: { uploads: Upload[]; onRemove: (key: string) => void }) {
  const { t, i18n } = useTranslation();
  return uploads.map((u) => (
    <Group key={u.key} gap="xs" wrap="nowrap">
      <IconFile size={16} aria-hidden style={{ flexShrink: 0 }} />
      <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
        <Text size="sm" truncate>
          {u.name} · {formatSize(u.size, i18n.language)}
        </Text>
        {u.error ? (
          <Text size="xs" c="red" role="alert">
            {u.error}
          </Text>
        ) : (
          !u.stored && <Progress value={Math.round(u.progress * 100)} size="sm" animated aria-label={t('chats.uploading')} />
        )}
      </Stack>
      <CloseButton size="sm" aria-label={t('news.removeFile', { name: u.name })} onClick={() => onRemove(u.key)} />
    </Group>
  ));
}
