import type { ArticleDetails, Attachment } from '@parta/contracts';
import { Anchor, Badge, Box, Button, Group, Image, Modal, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconEdit, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { When } from '../common/When';
import { fullName } from '../common/personName';
import { ErrorAlert, Loading, NotFound, useDocumentTitle } from '../common/ui';
import { LivePoll } from '../polls/LivePoll';
import { articleKeys, articlesApi, useArticle, useLiveArticles } from './articlesApi';
import { SafeHtml } from './SafeHtml';
import './articles.css';
import './texts';
import { useMe } from '../auth/useMe';
import { ReportButton } from '../reports/ReportButton';

/** ART-5: one article to read — cover, title, author and date, the text, photos and videos, polls. */
export function ArticlePage() {
  const { articleId = '' } = useParams();
  useLiveArticles();
  const article = useArticle(articleId);
  if (article.isPending) return <Loading />;
  if (article.isError) {
    if (article.error instanceof ApiError && article.error.status === 404) return <NotFound />;
    return <ErrorAlert error={article.error} onRetry={() => void article.refetch()} />;
  }
  return <ArticleView article={article.data.data} />;
}

function ArticleView({ article }: { article: ArticleDetails }) {
  const { t } = useTranslation();
  const me = useMe().data;
  useDocumentTitle(article.title);
  const navigate = useNavigate();
  const client = useQueryClient();
  const [confirm, setConfirm] = useState(false);
  const remove = useMutation({
    mutationFn: () => articlesApi.remove(article.id),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: articleKeys.all });
      navigate(`/schools/${article.schoolId}/articles`, { replace: true });
    },
  });
  const publish = useMutation({
    mutationFn: () => articlesApi.publish(article.id),
    onSuccess: (r) => {
      client.setQueryData(articleKeys.one(article.id), r);
      void client.invalidateQueries({ queryKey: ['articles', 'list'] });
    },
  });
  const photos = article.attachments.filter((a) => a.kind === 'image');
  const videos = article.attachments.filter((a) => a.mime.startsWith('video/'));
  const date = article.publishedAt ?? article.updatedAt;

  return (
    <Box maw={760} mx="auto" component="article" aria-labelledby="article-title">
      <Stack gap="md">
        <Anchor component={Link} to={`/schools/${article.schoolId}/articles`} size="sm">
          <Group gap={4}>
            <IconArrowLeft size={16} />
            {t('articles.backToList')}
          </Group>
        </Anchor>
        {article.cover && <img className="article-cover" src={`/api/files/${article.cover.id}/preview`} alt="" />}
        <Stack gap={6}>
          <Title order={1} id="article-title" size="h2" style={{ overflowWrap: 'anywhere' }}>
            {article.title}
          </Title>
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {article.author ? fullName(article.author) : t('articles.unknownAuthor')} · <When iso={date} />
            </Text>
            {article.status === 'draft' && (
              <Badge color="gray" variant="light">
                {t('articles.draftBadge')}
              </Badge>
            )}
          </Group>
        </Stack>
        {(article.can.edit || article.can.delete || article.can.publish) && (
          <Group gap="xs">
            {article.can.edit && (
              <Button component={Link} to={`/articles/${article.id}/edit`} variant="default" size="xs" leftSection={<IconEdit size={16} />}>
                {t('articles.edit')}
              </Button>
            )}
            {article.can.publish && (
              <Button size="xs" loading={publish.isPending} onClick={() => publish.mutate()}>
                {t('articles.publish')}
              </Button>
            )}
            {article.can.delete && (
              <Button variant="subtle" color="red" size="xs" leftSection={<IconTrash size={16} />} onClick={() => setConfirm(true)}>
                {t('articles.delete')}
              </Button>
            )}
          </Group>
        )}
        {article.author && article.author.id !== me?.id && (
          <Group>
            <ReportButton target={{ targetType: 'article', targetId: article.id }} compact={false} />
          </Group>
        )}
        <ErrorAlert error={publish.error} />
        <SafeHtml html={article.bodyHtml} />
        {photos.length > 0 && <Photos items={photos} />}
        {videos.length > 0 && (
          <Stack gap="xs">
            <Title order={2} size="h4">
              {t('articles.videos')}
            </Title>
            {videos.map((v) => (
              // biome-ignore lint/a11y/useMediaCaption: school videos come without captions
              <video key={v.id} src={`/api/files/${v.id}`} controls preload="metadata" style={{ width: '100%', borderRadius: 8, background: '#000' }} aria-label={v.name} />
            ))}
          </Stack>
        )}
        {article.polls.length > 0 && (
          <Stack gap="xs">
            <Title order={2} size="h4">
              {t('articles.polls')}
            </Title>
            {article.polls.map((p) => (
              <LivePoll key={p.id} pollId={p.id} initial={p} />
            ))}
          </Stack>
        )}
      </Stack>
      <Modal opened={confirm} onClose={() => setConfirm(false)} title={t('articles.deleteTitle')} closeButtonProps={{ 'aria-label': t('app.close') }}>
        <Stack>
          <Text size="sm">{t('articles.deleteText')}</Text>
          <ErrorAlert error={remove.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(false)}>
              {t('articles.cancel')}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
              {t('articles.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Box>
  );
}

function Photos({ items }: { items: Attachment[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('articles.photos')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs">
        {items.map((p) => (
          <a key={p.id} href={`/api/files/${p.id}/preview`} target="_blank" rel="noopener noreferrer">
            <Image src={p.thumbnailUrl ?? `/api/files/${p.id}/preview`} alt={t('chats.image', { name: p.name })} radius="sm" h={140} fit="cover" />
          </a>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
