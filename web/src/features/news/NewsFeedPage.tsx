import type { NewsFeed, NewsPost, NewsUnread } from '@parta/contracts';
import { Button, Center, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { EmptyText, ErrorAlert, Loading, PageTitle } from '../common/ui';
import { ConfirmDelete } from './ConfirmDelete';
import { markRead, newsKeys, useLiveNews, useNewsFeed } from './newsApi';
import { PostCard } from './PostCard';
import { PostComposer } from './PostComposer';
import { PostPoll, pollEditor } from './PostPoll';

/**
 * NEWS-1 «Новости школы» (the channel) and NEWS-2 «Сообщество» (the closed community): the composer
 * for those who may post, then posts newest first, «Показать ещё» for older ones. New posts arrive
 * without a reload; opening the feed moves my read mark to its newest post.
 */
export function NewsFeedPage({ feed }: { feed: NewsFeed }) {
  const { t } = useTranslation();
  const { schoolId = '' } = useParams();
  const client = useQueryClient();
  useLiveNews(schoolId);
  const posts = useNewsFeed(schoolId, feed);
  const [deleting, setDeleting] = useState<NewsPost | null>(null);
  // «Новое» stays on what was new when this visit began, even after the mark has moved.
  const seenNew = useRef(new Set<string>());
  const all = posts.data?.pages.flatMap((p) => p.data) ?? [];
  for (const p of all) if (p.isNew) seenNew.current.add(p.id);
  const newest = all[0]?.id;

  useEffect(() => {
    if (!newest) return;
    markRead(schoolId, feed, newest)
      .then((r) => client.setQueryData<{ data: NewsUnread }>(newsKeys.unread(schoolId), r))
      .catch(() => undefined);
  }, [client, schoolId, feed, newest]);

  const can = posts.data?.pages[0]?.can;
  const title = feed === 'channel' ? t('news.channelTitle') : t('news.communityTitle');

  return (
    <Stack gap="md">
      <PageTitle>{title}</PageTitle>
      <Text c="dimmed" size="sm" mt={-12}>
        {feed === 'channel' ? t('news.channelAbout') : t('news.communityAbout')}
      </Text>
      {can?.post && <PostComposer schoolId={schoolId} feed={feed} canPoll={can.poll} pollEditor={pollEditor} />}
      {posts.isPending ? (
        <Loading />
      ) : posts.isError ? (
        <ErrorAlert error={posts.error} onRetry={() => void posts.refetch()} />
      ) : all.length === 0 ? (
        <EmptyText>{feed === 'channel' ? t('news.channelEmpty') : t('news.communityEmpty')}</EmptyText>
      ) : (
        <Stack gap="sm" component="section" aria-label={title}>
          {all.map((p) => (
            <PostCard
              key={p.id}
              post={p}
              isNew={seenNew.current.has(p.id)}
              onDelete={setDeleting}
              poll={p.poll ? <PostPoll post={p} /> : null}
            />
          ))}
          {posts.hasNextPage && (
            <Center>
              <Button variant="default" loading={posts.isFetchingNextPage} onClick={() => void posts.fetchNextPage()}>
                {t('news.more')}
              </Button>
            </Center>
          )}
        </Stack>
      )}
      <ConfirmDelete
        target={deleting ? { kind: 'post', id: deleting.id } : null}
        onClose={() => setDeleting(null)}
        onDeleted={() => void client.invalidateQueries({ queryKey: newsKeys.feed(schoolId, feed) })}
      />
    </Stack>
  );
}
