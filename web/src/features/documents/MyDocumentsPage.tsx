import type { FileUse, MyFile } from '@parta/contracts';
import { Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconDownload, IconExternalLink, IconUpload } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, query } from '../../api/client';
import { EmptyText, ErrorAlert, Loading, PageTitle } from '../common/ui';
import { documentKeys, fileUrls, type MyFilesResponse } from './api';
import { formatSize } from '../common/formatSize';
import { When } from '../common/When';
import { UploadDocumentModal } from './UploadDocumentModal';
import './texts';

function UseBadge({ use }: { use: FileUse }) {
  const { t } = useTranslation();
  if (use.kind === 'chat') {
    return (
      <Badge component={Link} to={`/chats/${use.chatId}`} size="sm" variant="light" style={{ cursor: 'pointer', textTransform: 'none' }}>
        {use.chatName ? t('documents.mine.inChat', { name: use.chatName }) : t('documents.mine.inPersonalChat')}
      </Badge>
    );
  }
  return (
    <Badge
      component={Link}
      to={`/schools/${use.schoolId}/${use.documentKind === 'video' ? 'videos' : 'documents'}`}
      size="sm"
      variant="light"
      color="teal"
      style={{ cursor: 'pointer', textTransform: 'none' }}
    >
      {t(use.documentKind === 'video' ? 'documents.mine.inVideos' : 'documents.mine.inDocuments', { school: use.schoolName })}
    </Badge>
  );
}

function MyFileRow({ item }: { item: MyFile }) {
  const { t, i18n } = useTranslation();
  const { file } = item;
  return (
    <Paper withBorder p="sm" component="li" aria-label={file.name}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Anchor
            href={item.viewable ? fileUrls.view(file.id) : fileUrls.download(file.id)}
            target={item.viewable ? '_blank' : undefined}
            rel="noopener"
            fw={600}
            style={{ overflowWrap: 'anywhere' }}
          >
            {file.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {formatSize(file.size, i18n.language)} · <When iso={item.createdAt} />
          </Text>
          <Group gap={4} mt={2}>
            {item.usedIn.length === 0 ? (
              <Text size="xs" c="dimmed">
                {t('documents.mine.notShared')}
              </Text>
            ) : (
              item.usedIn.map((u) => <UseBadge key={u.kind === 'chat' ? u.chatId : `${u.schoolId}-${u.documentKind}`} use={u} />)
            )}
          </Group>
        </Stack>
        <Group gap={4} wrap="nowrap">
          {item.viewable && (
            <Button component="a" href={fileUrls.view(file.id)} target="_blank" rel="noopener" size="xs" variant="subtle" leftSection={<IconExternalLink size={14} />} visibleFrom="sm">
              {t('documents.open')}
            </Button>
          )}
          <Button component="a" href={fileUrls.download(file.id)} download size="xs" variant="light" aria-label={t('documents.downloadNamed', { name: file.name })} leftSection={<IconDownload size={14} />}>
            <Text span size="xs" visibleFrom="sm" inherit>
              {t('documents.download')}
            </Text>
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}

/** DOC-2 «Мои документы»: every file I uploaded, including those I sent in chats, with where each is used. */
export function MyDocumentsPage() {
  const { t } = useTranslation();
  const [uploading, setUploading] = useState(false);
  const files = useInfiniteQuery({
    queryKey: documentKeys.mine,
    queryFn: ({ pageParam }) => api<MyFilesResponse>('GET', `/me/files${query({ before: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const items = files.data?.pages.flatMap((p) => p.data) ?? [];

  return (
    <Stack gap="md">
      <PageTitle
        right={
          <Button leftSection={<IconUpload size={16} />} onClick={() => setUploading(true)}>
            {t('documents.upload')}
          </Button>
        }
      >
        {t('documents.mine.title')}
      </PageTitle>
      <Text c="dimmed" size="sm">
        {t('documents.mine.text')}
      </Text>
      {files.isPending ? (
        <Loading />
      ) : files.isError ? (
        <ErrorAlert error={files.error} onRetry={() => void files.refetch()} />
      ) : items.length === 0 ? (
        <Paper withBorder p="md">
          <EmptyText>{t('documents.mine.empty')}</EmptyText>
        </Paper>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('documents.mine.title')}>
          {items.map((item) => (
            <MyFileRow key={item.file.id} item={item} />
          ))}
        </Stack>
      )}
      {files.hasNextPage && (
        <Button variant="default" onClick={() => void files.fetchNextPage()} loading={files.isFetchingNextPage}>
          {t('documents.mine.more')}
        </Button>
      )}
      <UploadDocumentModal opened={uploading} onClose={() => setUploading(false)} />
    </Stack>
  );
}
