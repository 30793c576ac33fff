import { Anchor, Group, Stack, Text } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { type Attachment, formatSize } from '@parta/contracts';
import { useTranslation } from 'react-i18next';

/** Files to download (the server serves them as attachments, to those homework's policy allows). */
export function FileLinks({ files }: { files: Attachment[] }) {
  const { i18n } = useTranslation();
  if (files.length === 0) return null;
  return (
    <Stack gap={4}>
      {files.map((f) => (
        <Group key={f.id} gap={6} wrap="nowrap">
          <IconPaperclip size={16} aria-hidden />
          <Anchor href={`/api/files/${f.id}`} download={f.name} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {f.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {formatSize(f.size, i18n.language === 'en' ? 'en' : 'ru')}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
