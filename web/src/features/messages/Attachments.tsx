import type { Attachment } from '@parta/contracts';
import { Anchor, Box, Group, Stack, Text } from '@mantine/core';
import { IconFile } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatSize } from '../common/formatSize';
import { pictureBox } from './pictureBox';

/**
 * Images as thumbnails in a box of their own proportions, sized before a byte arrives, so the chat does
 * not jump as they load; a click opens the original. Other files as download links.
 */
export function Attachments({ items }: { items: Attachment[] }) {
  const { t, i18n } = useTranslation();
  if (items.length === 0) return null;
  return (
    <Stack gap={6} mt={4}>
      {items.map((a) =>
        a.kind === 'image' ? (
          <Picture key={a.id} item={a} alt={t('chats.image', { name: a.name })} />
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

function Picture({ item: a, alt }: { item: Attachment; alt: string }) {
  const box = pictureBox(a.width, a.height);
  const original = `/api/files/${a.id}/preview`;
  const srcSet = a.thumbnailUrl && a.largeThumbnailUrl ? `${a.thumbnailUrl} 640w, ${a.largeThumbnailUrl} 1280w` : undefined;
  return (
    <a href={original} target="_blank" rel="noopener noreferrer" style={{ display: 'block', width: box.width, maxWidth: '100%' }}>
      <Box
        component="img"
        src={a.thumbnailUrl ?? original}
        srcSet={srcSet}
        sizes={srcSet ? `${box.width}px` : undefined}
        width={a.width ?? undefined}
        height={a.height ?? undefined}
        alt={alt}
        loading="lazy"
        decoding="async"
        data-reserved={box.known ? 'size' : 'box'}
        style={{
          display: 'block',
          width: '100%',
          height: 'auto',
          aspectRatio: box.aspectRatio,
          // A picture of unknown size gets a fixed box and fits inside it: the chat never moves when it loads.
          objectFit: box.known ? undefined : 'contain',
          borderRadius: 'var(--mantine-radius-sm)',
          background: 'var(--mantine-color-default-hover)',
        }}
      />
    </a>
  );
}
