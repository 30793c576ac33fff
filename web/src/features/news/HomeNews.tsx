import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { When } from '../common/When';
import { useLiveNews, useNewsFeed, useNewsUnread } from './newsApi';

/**
 * «Главная»: the latest unread news of a school's channel in a small card; nothing when all is
 * read. Looking here does not move the read mark: only opening the channel does.
 */
export function HomeNews({ schoolId, schoolName }: { schoolId: string; schoolName: string }) {
  const { t } = useTranslation();
  useLiveNews(schoolId);
  const unread = useNewsUnread(schoolId).data?.data.channel ?? 0;
  const feed = useNewsFeed(schoolId, 'channel', unread > 0);
  const fresh = (feed.data?.pages[0]?.data ?? []).filter((p) => p.isNew).slice(0, 3);
  if (unread === 0 || fresh.length === 0) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`home-news-${schoolId}`}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={2} size="h4" id={`home-news-${schoolId}`}>
          {t('news.homeTitle')}{' '}
          <Badge color="blue" variant="filled" size="sm" aria-label={t('news.unread', { count: unread })}>
            {unread}
          </Badge>
        </Title>
        <Text size="xs" c="dimmed" truncate>
          {schoolName}
        </Text>
      </Group>
      <Stack gap="xs">
        {fresh.map((p) => (
          <Anchor key={p.id} component={Link} to={`/news/${p.id}`} underline="never" c="inherit">
            <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
              {p.text || p.attachments.map((a) => a.name).join(', ') || p.poll?.question}
            </Text>
            <Text size="xs" c="dimmed">
              <When iso={p.createdAt} />
            </Text>
          </Anchor>
        ))}
        <Anchor component={Link} to={`/schools/${schoolId}/news`} size="sm">
          {t('news.homeMore')}
        </Anchor>
      </Stack>
    </Paper>
  );
}
