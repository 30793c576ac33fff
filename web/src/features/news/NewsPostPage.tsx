import { newsLimits } from '@parta/contracts';
import { Anchor, Button, Center, Group, Paper, Stack, Textarea, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import { EmptyText, ErrorAlert, Loading, NotFound, PageTitle } from '../common/ui';
import { CommentItem } from './CommentItem';
import { commentsInOrder } from './commentThread';
import { ConfirmDelete } from './ConfirmDelete';
import { fetchNewerComments, newsKeys, refreshComment, useComments, useLiveNews, usePost } from './newsApi';
import { PostCard } from './PostCard';
import { PostPoll } from './PostPoll';

/**
 * A post's own page (its permalink): the post, and in the community its comments — the newest 20,
 * «Показать предыдущие комментарии» for older ones — with «Комментировать».
 */
export function NewsPostPage() {
  const { t } = useTranslation();
  const { postId = '' } = useParams();
  const client = useQueryClient();
  const post = usePost(postId);
  const p = post.data?.data;
  useLiveNews(p?.schoolId);
  const comments = useComments(postId, p?.feed === 'community' && !p.deleted);
  const [deleting, setDeleting] = useState<{ kind: 'post' | 'comment'; id: string } | null>(null);

  if (post.isPending) return <Loading />;
  if (post.isError) {
    if (post.error instanceof ApiError && post.error.status === 404) return <NotFound />;
    return <ErrorAlert error={post.error} onRetry={() => void post.refetch()} />;
  }
  const data = post.data.data;
  const feedPath = `/schools/${data.schoolId}/${data.feed === 'channel' ? 'news' : 'community'}`;
  // The post's count of comments and its feed follow; the comments shown stay, and change in place.
  const refreshPost = () => {
    void client.invalidateQueries({ queryKey: newsKeys.post(postId) });
    void client.invalidateQueries({ queryKey: newsKeys.feed(data.schoolId, data.feed) });
  };
  const shown = commentsInOrder(comments.data);
  const canComment = comments.data?.pages[0]?.can.comment ?? false;

  return (
    <Stack gap="md" maw={760}>
      <Anchor component={Link} to={feedPath} size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          {t('news.allPosts')}
        </Group>
      </Anchor>
      <PageTitle>{data.feed === 'channel' ? t('news.channelTitle') : t('news.communityTitle')}</PageTitle>
      <PostCard
        post={data}
        isNew={false}
        onDelete={(x) => setDeleting({ kind: 'post', id: x.id })}
        showCommentsLink={false}
        poll={data.poll ? <PostPoll post={data} /> : null}
      />
      {data.feed === 'community' && !data.deleted && (
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="news-comments">
          <Title order={2} size="h5" id="news-comments" mb="sm">
            {t('news.commentsTitle')}
          </Title>
          {comments.isPending ? (
            <Loading />
          ) : comments.isError ? (
            <ErrorAlert error={comments.error} onRetry={() => void comments.refetch()} />
          ) : (
            <Stack gap="sm">
              {shown.length === 0 && <EmptyText>{t('news.noComments')}</EmptyText>}
              {comments.hasNextPage && (
                <Center>
                  {/* The label wraps on a phone rather than being cut. */}
                  <Button
                    variant="subtle"
                    size="sm"
                    h="auto"
                    py={6}
                    styles={{ label: { whiteSpace: 'normal', textAlign: 'center' } }}
                    loading={comments.isFetchingNextPage}
                    onClick={() => void comments.fetchNextPage()}
                  >
                    {t('news.olderComments')}
                  </Button>
                </Center>
              )}
              <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('news.commentsTitle')}>
                {shown.map((c) => (
                  <CommentItem key={c.id} comment={c} onDelete={() => setDeleting({ kind: 'comment', id: c.id })} />
                ))}
              </Stack>
              {canComment && (
                <CommentForm
                  postId={postId}
                  onDone={() => {
                    void fetchNewerComments(client, postId);
                    refreshPost();
                  }}
                />
              )}
            </Stack>
          )}
        </Paper>
      )}
      <ConfirmDelete
        target={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={() => {
          if (deleting?.kind === 'comment') void refreshComment(client, postId, deleting.id);
          refreshPost();
        }}
      />
    </Stack>
  );
}

function CommentForm({ postId, onDone }: { postId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const send = useMutation({
    mutationFn: (body: string) => api('POST', `/news/${postId}/comments`, { text: body }),
    onSuccess: () => {
      setText('');
      onDone();
    },
  });
  const body = text.trim();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (body) send.mutate(body);
      }}
    >
      <Stack gap="xs">
        <Textarea
          aria-label={t('news.commentText')}
          placeholder={t('news.commentPlaceholder')}
          autosize
          minRows={1}
          maxRows={6}
          maxLength={newsLimits.commentMax}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        {send.error && <ErrorAlert error={send.error} />}
        <Group justify="flex-end">
          <Button type="submit" size="sm" disabled={!body} loading={send.isPending}>
            {t('news.sendComment')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
