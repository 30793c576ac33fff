import type { ArticleSummary } from '@parta/contracts';
import { ActionIcon, Anchor, Box, Group, Image, Paper, SegmentedControl, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBook, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { When } from '../common/When';
import { fullName } from '../common/personName';
import { EmptyText, ErrorAlert, Loading, PageTitle } from '../common/ui';
import { useArticleList, useLiveArticles } from './articlesApi';
import './articles.css';
import './texts';

/**
 * ART-5 «Статьи»: the school's published articles, newest first, with a search by words; «+» opens
 * the editor for those who may write, who also see their drafts («Черновики»).
 */
export function ArticlesPage() {
  const { t } = useTranslation();
  const { schoolId = '' } = useParams();
  const [q, setQ] = useState('');
  const [query] = useDebouncedValue(q.trim(), 300);
  const [tab, setTab] = useState<'published' | 'drafts'>('published');
  useLiveArticles();
  const list = useArticleList(schoolId, tab === 'drafts', query);
  const canCreate = list.data?.can.create ?? false;

  return (
    <Stack gap="sm">
      <PageTitle
        right={
          canCreate && (
            <Tooltip label={t('articles.new')}>
              <ActionIcon component={Link} to={`/schools/${schoolId}/articles/new`} size="lg" radius="xl" aria-label={t('articles.new')}>
                <IconPlus size={20} />
              </ActionIcon>
            </Tooltip>
          )
        }
      >
        {t('articles.title')}
      </PageTitle>
      <TextInput
        leftSection={<IconSearch size={16} />}
        placeholder={t('articles.searchPlaceholder')}
        aria-label={t('articles.search')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        type="search"
      />
      {canCreate && (
        <SegmentedControl
          value={tab}
          onChange={(v) => setTab(v as 'published' | 'drafts')}
          data={[
            { value: 'published', label: t('articles.published') },
            { value: 'drafts', label: t('articles.drafts') },
          ]}
          w="fit-content"
        />
      )}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.data.length === 0 ? (
        <EmptyText>{query ? t('articles.nothingFound') : tab === 'drafts' ? t('articles.noDrafts') : t('articles.empty')}</EmptyText>
      ) : (
        <Stack gap="sm" component="section" aria-label={tab === 'drafts' ? t('articles.drafts') : t('articles.title')}>
          {list.data.data.map((a) => (
            <ArticleCard key={a.id} article={a} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function ArticleCard({ article }: { article: ArticleSummary }) {
  const { t } = useTranslation();
  const date = article.publishedAt ?? article.updatedAt;
  const to = article.status === 'draft' ? `/articles/${article.id}/edit` : `/articles/${article.id}`;
  return (
    <Paper withBorder radius="md" p="sm" component="article" data-article-id={article.id} aria-label={article.title}>
      <Group gap="md" wrap="nowrap" align="flex-start">
        <Box w={{ base: 84, sm: 140 }} style={{ flexShrink: 0 }}>
          {article.cover ? (
            <Image src={article.cover.thumbnailUrl ?? `/api/files/${article.cover.id}/preview`} alt="" radius="sm" h={{ base: 64, sm: 96 }} fit="cover" />
          ) : (
            <Box h={{ base: 64, sm: 96 }} bg="var(--mantine-color-blue-light)" style={{ borderRadius: 4, display: 'grid', placeItems: 'center' }} aria-hidden>
              <IconBook size={28} color="var(--mantine-color-blue-4)" />
            </Box>
          )}
        </Box>
        <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Anchor component={Link} to={to} fw={700} size="md" c="bright" style={{ overflowWrap: 'anywhere' }}>
            {article.title}
          </Anchor>
          {article.excerpt && (
            <Text size="sm" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
              {article.excerpt}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {article.author ? fullName(article.author) : t('articles.unknownAuthor')} · <When iso={date} />
            {article.status === 'draft' && ` · ${t('articles.draftBadge')}`}
          </Text>
        </Stack>
      </Group>
    </Paper>
  );
}
