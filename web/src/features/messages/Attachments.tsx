import type { Attachment } from '@parta/contracts';
import { Anchor, Group, Image, Stack, Text } from '@mantine/core';
import { IconFile } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatSize } from '../common/formatSize';

/** Images as previews (the server serves previews only for real png/jpeg/gif/webp); other files as download links. */
export function Attachments({ items }: { items: Attachment[] }) {
  const { t, i18n } = useTranslation();
  if (items.length === 0) return null;
  return (
    <Stack gap={6} mt={4}>
      {items.map((a) =>
        a.kind === 'image' ? (
          <a key={a.id} href={`/api/files/${a.id}/preview`} target="_blank" rel="noopener noreferrer">
            <Image
              src={`/api/files/${a.id}/preview`}
              alt={t('chats.image', { name: a.name })}
              maw={320}
              mah={240}
              fit="contain"
              radius="sm"
              w="auto"
            />
          </a>
        ) : (
          <Group key={a.id} gap={6} wrap="nowrap">
            <IconFile size={18} aria-hidden />
            <Anchor href={`/api/files/${a.id}`} download={a.name} size="sm" style={{ wordBreak: 'break-all' }}>
              {a.name}
            </Anchor>
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              {formatSize(a.size, i18n.language)}
            </Text>
          </Group>
        ),
      )}
    </Stack>
  );
}
