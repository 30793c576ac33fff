import type { SchoolDocument } from '@parta/contracts';
import { ActionIcon, Anchor, Badge, Button, Group, Menu, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import {
  IconDots, IconDownload, IconExternalLink, IconFile, IconFileTypePdf, IconFolder, IconPhoto, IconPencil, IconTrash,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formalName } from '../common/personName';
import { fileUrls } from './api';
import { formatSize } from '../common/formatSize';
import { When } from '../common/When';
import './texts';

function FileIcon({ mime }: { mime: string }) {
  const Icon = mime === 'application/pdf' ? IconFileTypePdf : mime.startsWith('image/') ? IconPhoto : IconFile;
  return (
    <ThemeIcon variant="light" size="lg" radius="md" aria-hidden>
      <Icon size={20} />
    </ThemeIcon>
  );
}

/** One document of «Документы школы»: name, size, who uploaded it and when; open, download, and for some, edit and delete. */
export function DocumentRow({
  doc,
  onEdit,
  onDelete,
}: {
  doc: SchoolDocument;
  onEdit: (doc: SchoolDocument) => void;
  onDelete: (doc: SchoolDocument) => void;
}) {
  const { t, i18n } = useTranslation();
  const meta = [
    formatSize(doc.file.size, i18n.language),
    doc.uploadedBy ? formalName(doc.uploadedBy) : null,
  ].filter(Boolean);
  return (
    <Paper withBorder p="sm" component="li" aria-label={doc.title}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
        <Group gap="sm" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
          <FileIcon mime={doc.file.mime} />
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Anchor
              href={doc.viewable ? fileUrls.view(doc.file.id) : fileUrls.download(doc.file.id)}
              target={doc.viewable ? '_blank' : undefined}
              rel="noopener"
              fw={600}
              style={{ overflowWrap: 'anywhere' }}
            >
              {doc.title}
            </Anchor>
            <Text size="xs" c="dimmed">
              {meta.join(' · ')} · <When iso={doc.createdAt} />
            </Text>
            {(doc.folder || doc.tags.length > 0) && (
              <Group gap={4} mt={2}>
                {doc.folder && (
                  <Badge size="sm" variant="outline" leftSection={<IconFolder size={12} />}>
                    {doc.folder.name}
                  </Badge>
                )}
                {doc.tags.map((tag) => (
                  <Badge key={tag} size="sm" variant="light" color="gray">
                    #{tag}
                  </Badge>
                ))}
              </Group>
            )}
          </Stack>
        </Group>
        <Group gap={4} wrap="nowrap">
          {doc.viewable && (
            <Button
              component="a"
              href={fileUrls.view(doc.file.id)}
              target="_blank"
              rel="noopener"
              size="xs"
              variant="subtle"
              leftSection={<IconExternalLink size={14} />}
              visibleFrom="sm"
            >
              {t('documents.open')}
            </Button>
          )}
          <Button
            component="a"
            href={fileUrls.download(doc.file.id)}
            download
            size="xs"
            variant="light"
            leftSection={<IconDownload size={14} />}
            visibleFrom="sm"
          >
            {t('documents.download')}
          </Button>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={t('documents.actions', { title: doc.title })}>
                <IconDots size={18} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              {doc.viewable && (
                <Menu.Item component="a" href={fileUrls.view(doc.file.id)} target="_blank" rel="noopener" leftSection={<IconExternalLink size={14} />}>
                  {t('documents.open')}
                </Menu.Item>
              )}
              <Menu.Item component="a" href={fileUrls.download(doc.file.id)} download leftSection={<IconDownload size={14} />}>
                {t('documents.download')}
              </Menu.Item>
              {doc.can.edit && (
                <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => onEdit(doc)}>
                  {t('documents.edit')}
                </Menu.Item>
              )}
              {doc.can.delete && (
                <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => onDelete(doc)}>
                  {t('documents.delete')}
                </Menu.Item>
              )}
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
    </Paper>
  );
}
