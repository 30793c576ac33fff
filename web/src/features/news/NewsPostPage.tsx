import { type NewsComment, newsLimits } from '@parta/contracts';
import { ActionIcon, Anchor, Avatar, Box, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconArrowLeft, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import { formatDateTime } from '../chats/format';
import { formalName, initials } from '../common/personName';
import { EmptyText, ErrorAlert, Loading, NotFound, PageTitle } from '../common/ui';
import { MessageText } from '../messages/MessageText';
import { ConfirmDelete } from './ConfirmDelete';
import { newsKeys, useComments, useLiveNews, usePost } from './newsApi';
import { PostCard } from './PostCard';
import { PostPoll } from './PostPoll';

/** A post's own page (its permalink): the post, and in the community its comments with «Комментировать». */
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
  const refresh = () => {
    void client.invalidateQueries({ queryKey: newsKeys.post(postId) });
    void client.invalidateQueries({ queryKey: newsKeys.comments(postId) });
    void client.invalidateQueries({ queryKey: newsKeys.feed(data.schoolId, data.feed) });
  };

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
              {comments.data.data.length === 0 && <EmptyText>{t('news.noComments')}</EmptyText>}
              <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('news.commentsTitle')}>
                {comments.data.data.map((c) => (
                  <CommentItem key={c.id} comment={c} onDelete={() => setDeleting({ kind: 'comment', id: c.id })} />
                ))}
              </Stack>
              {comments.data.can.comment && <CommentForm postId={postId} onDone={refresh} />}
            </Stack>
          )}
        </Paper>
      )}
      <ConfirmDelete target={deleting} onClose={() => setDeleting(null)} onDeleted={refresh} />
    </Stack>
  );
}

function CommentItem({ comment: c, onDelete }: { comment: NewsComment; onDelete: () => void }) {
  const { t, i18n } = useTranslation();
  const author = c.author ? formalName(c.author) : t('news.unknownAuthor');
  return (
    <Group component="li" gap="sm" wrap="nowrap" align="flex-start" aria-label={t('news.commentBy', { name: author })}>
      <Avatar radius="xl" size="sm" color="teal" aria-hidden>
        {c.author ? initials(c.author) : '?'}
      </Avatar>
      <Box style={{ flex: 1, minWidth: 0 }}>
        <Group gap={8} wrap="nowrap" align="flex-start">
          <Group gap={8} style={{ flex: 1, minWidth: 0, rowGap: 0 }}>
            <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
              {author}
            </Text>
            <Text size="xs" c="dimmed">
              <time dateTime={c.createdAt}>{formatDateTime(c.createdAt, i18n.language)}</time>
            </Text>
          </Group>
          {c.can.delete && (
            <ActionIcon variant="subtle" color="gray" size="sm" onClick={onDelete} aria-label={t('news.deleteComment')}>
              <IconTrash size={14} />
            </ActionIcon>
          )}
        </Group>
        {c.deleted ? (
          <Text size="sm" c="dimmed" fs="italic">
            {t('news.commentDeleted')}
          </Text>
        ) : (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            <MessageText text={c.text} />
          </Text>
        )}
      </Box>
    </Group>
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
