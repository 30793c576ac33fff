import type { NewsPost } from '@parta/contracts';
import { ActionIcon, Anchor, Avatar, Badge, Box, Group, Menu, Paper, Stack, Text } from '@mantine/core';
import { IconDots, IconMessageCircle, IconPencil, IconTrash } from '@tabler/icons-react';
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { When } from '../common/When';
import { formalName, initials } from '../common/personName';
import { Attachments } from '../messages/Attachments';
import { MessageText } from '../messages/MessageText';
import { EditedMark } from './EditedMark';
import { PostEditor } from './PostEditor';
import { useMe } from '../auth/useMe';
import { ReportButton } from '../reports/ReportButton';

/**
 * One post of the channel or the community: author, date, «Новое», text with safe links, photos
 * as previews and files to download, a poll; comments (community); «Изменить» (in place) and
 * «Удалить» as the server allows; «изменено» once edited.
 */
export function PostCard({
  post,
  isNew,
  onDelete,
  showCommentsLink = true,
  poll,
}: {
  post: NewsPost;
  isNew: boolean;
  onDelete: (post: NewsPost) => void;
  showCommentsLink?: boolean;
  /** The poll, rendered by the caller (the polls feature owns its card). */
  poll?: ReactNode;
}) {
  const { t } = useTranslation();
  const me = useMe().data;
  const author = post.author ? formalName(post.author) : t('news.unknownAuthor');
  const [editing, setEditing] = useState(false);
  const actions = useRef<HTMLButtonElement>(null);
  const editable = editing && post.can.edit && !post.deleted;
  const stopEditing = () => {
    setEditing(false);
    // Back where the person was: the post's actions, not the top of the page.
    requestAnimationFrame(() => actions.current?.focus());
  };
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="article"
      aria-label={t('news.postBy', { name: author })}
      data-post-id={post.id}
      style={isNew ? { borderLeft: '4px solid var(--mantine-color-blue-6)' } : undefined}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Avatar radius="xl" color="blue" aria-hidden>
          {post.author ? initials(post.author) : '?'}
        </Avatar>
        <Box style={{ flex: 1, minWidth: 0 }}>
          <Group gap={8} wrap="nowrap" justify="space-between">
            <Box style={{ minWidth: 0 }}>
              <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                {author}
              </Text>
              <Group gap={6} style={{ rowGap: 0 }}>
                <Anchor component={Link} to={`/news/${post.id}`} size="xs" c="dimmed">
                  <When iso={post.createdAt} />
                </Anchor>
                {post.editedAt && !post.deleted && <EditedMark at={post.editedAt} />}
              </Group>
            </Box>
            <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
              {isNew && (
                <Badge color="blue" variant="filled" size="sm">
                  {t('news.new')}
                </Badge>
              )}
              {!post.deleted && post.author && post.author.id !== me?.id && <ReportButton target={{ targetType: 'news', targetId: post.id }} />}
              {(post.can.delete || post.can.edit) && (
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <ActionIcon ref={actions} variant="subtle" color="gray" size="sm" aria-label={t('news.actions')}>
                      <IconDots size={16} />
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    {post.can.edit && (
                      <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setEditing(true)} disabled={editing}>
                        {t('news.edit')}
                      </Menu.Item>
                    )}
                    {post.can.delete && (
                      <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => onDelete(post)}>
                        {t('news.delete')}
                      </Menu.Item>
                    )}
                  </Menu.Dropdown>
                </Menu>
              )}
            </Group>
          </Group>
        </Box>
      </Group>
      {post.deleted ? (
        <Text size="sm" c="dimmed" fs="italic" mt="sm">
          {t('news.deleted')}
        </Text>
      ) : editable ? (
        <>
          <PostEditor post={post} onDone={stopEditing} />
          {poll}
        </>
      ) : (
        <Stack gap="xs" mt="sm">
          {post.text && (
            <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} className="parta-news-text">
              <MessageText text={post.text} />
            </Text>
          )}
          <Attachments items={post.attachments} />
          {poll}
          {post.feed === 'community' && showCommentsLink && (
            <Group gap={6}>
              <IconMessageCircle size={16} aria-hidden />
              <Anchor component={Link} to={`/news/${post.id}`} size="sm">
                {post.commentCount > 0 ? t('news.comments', { count: post.commentCount }) : t('news.commentAction')}
              </Anchor>
            </Group>
          )}
        </Stack>
      )}
    </Paper>
  );
}
