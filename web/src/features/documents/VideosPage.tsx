import type { SchoolDocument } from '@parta/contracts';
import { ActionIcon, Group, Paper, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { IconDownload, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formalName } from '../common/personName';
import { EmptyText, ErrorAlert, Loading, PageTitle } from '../common/ui';
import { useSchoolContext } from '../school/useSchool';
import { fileUrls, useDocuments } from './api';
import { ConfirmDeleteModal } from './ConfirmDeleteModal';
import { formatSize } from '../common/formatSize';
import { When } from '../common/When';
import { UploadVideoModal } from './UploadVideoModal';
import './texts';

/** One video: plays right here, with seeking (the file is served with byte ranges), under its poster. */
function VideoCard({ video, onDelete }: { video: SchoolDocument; onDelete: (v: SchoolDocument) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p={0} component="li" style={{ overflow: 'hidden' }} aria-label={video.title}>
      {/* biome-ignore lint/a11y/useMediaCaption: school videos are uploaded without caption files */}
      <video
        controls
        preload="metadata"
        poster={video.posterFileId ? fileUrls.preview(video.posterFileId) : undefined}
        src={fileUrls.download(video.file.id)}
        style={{ display: 'block', width: '100%', aspectRatio: '16 / 9', background: '#000' }}
        aria-label={video.title}
      />
      <Group p="sm" justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {video.title}
          </Text>
          <Text size="xs" c="dimmed">
            {[formatSize(video.file.size, i18n.language), video.uploadedBy ? formalName(video.uploadedBy) : null].filter(Boolean).join(' · ')}
            {' · '}
            <When iso={video.createdAt} />
          </Text>
        </Stack>
        <Group gap={2} wrap="nowrap">
          <Tooltip label={t('documents.download')}>
            <ActionIcon component="a" href={fileUrls.download(video.file.id)} download variant="subtle" aria-label={t('documents.download')}>
              <IconDownload size={18} />
            </ActionIcon>
          </Tooltip>
          {video.can.delete && (
            <Tooltip label={t('documents.delete')}>
              <ActionIcon variant="subtle" color="red" onClick={() => onDelete(video)} aria-label={t('documents.delete')}>
                <IconTrash size={18} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </Group>
    </Paper>
  );
}

/** DOC-3 «Видео школы»: the school's video library, newest first. */
export function VideosPage() {
  const { t } = useTranslation();
  const { data: school } = useSchoolContext();
  const [uploading, setUploading] = useState(false);
  const [deleting, setDeleting] = useState<SchoolDocument | null>(null);
  const videos = useDocuments(school.id, 'video');

  return (
    <Stack gap="md">
      <PageTitle
        right={
          videos.data?.can.upload && (
            <Tooltip label={t('videos.add')}>
              <ActionIcon size="lg" radius="xl" onClick={() => setUploading(true)} aria-label={t('videos.add')}>
                <IconPlus size={20} />
              </ActionIcon>
            </Tooltip>
          )
        }
      >
        {t('schoolMenu.videos')}
      </PageTitle>
      {videos.isPending ? (
        <Loading />
      ) : videos.isError ? (
        <ErrorAlert error={videos.error} onRetry={() => void videos.refetch()} />
      ) : videos.data.data.length === 0 ? (
        <Paper withBorder p="md">
          <EmptyText>{t('videos.empty')}</EmptyText>
        </Paper>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('schoolMenu.videos')}>
          {videos.data.data.map((v) => (
            <VideoCard key={v.id} video={v} onDelete={setDeleting} />
          ))}
        </SimpleGrid>
      )}
      <UploadVideoModal opened={uploading} onClose={() => setUploading(false)} schoolId={school.id} maxBytes={school.videoMaxBytes} />
      <ConfirmDeleteModal doc={deleting} onClose={() => setDeleting(null)} />
    </Stack>
  );
}
