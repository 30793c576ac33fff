import { type NewsComment, newsLimits } from '@parta/contracts';
import { ActionIcon, Avatar, Box, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { When } from '../common/When';
import { formalName, initials } from '../common/personName';
import { MessageText } from '../messages/MessageText';
import { EditedMark } from './EditedMark';
import { putComment } from './newsApi';
import { newsErrorText } from './newsErrors';
import { useMe } from '../auth/useMe';
import { ReportButton } from '../reports/ReportButton';

/** One comment: author, time, «изменено»; its author may «Изменить» it in place, the author and the administration delete it. */
export function CommentItem({ comment: c, onDelete }: { comment: NewsComment; onDelete: () => void }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const author = c.author ? formalName(c.author) : t('news.unknownAuthor');
  const stopEditing = () => {
    setEditing(false);
    requestAnimationFrame(() => editButton.current?.focus());
  };
  return (
    <Group component="li" gap="sm" wrap="nowrap" align="flex-start" aria-label={t('news.commentBy', { name: author })} data-comment-id={c.id}>
      <Avatar radius="xl" size="sm" color="blue" aria-hidden>
        {c.author ? initials(c.author) : '?'}
      </Avatar>
      <Box style={{ flex: 1, minWidth: 0 }}>
        <Group gap={8} wrap="nowrap" align="flex-start">
          <Group gap={8} style={{ flex: 1, minWidth: 0, rowGap: 0 }}>
            <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
              {author}
            </Text>
            <Text size="xs" c="dimmed">
              <When iso={c.createdAt} />
            </Text>
            {c.editedAt && !c.deleted && <EditedMark at={c.editedAt} />}
          </Group>
          {c.can.edit && !editing && (
            <ActionIcon ref={editButton} variant="subtle" color="gray" size="sm" onClick={() => setEditing(true)} aria-label={t('news.editComment')}>
              <IconPencil size={14} />
            </ActionIcon>
          )}
          {!c.deleted && c.author && c.author.id !== me?.id && <ReportButton target={{ targetType: 'comment', targetId: c.id }} />}
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
        ) : editing && c.can.edit ? (
          <CommentEditor comment={c} onDone={stopEditing} />
        ) : (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            <MessageText text={c.text} />
          </Text>
        )}
      </Box>
    </Group>
  );
}

function CommentEditor({ comment, onDone }: { comment: NewsComment; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [text, setText] = useState(comment.text);
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const el = input.current;
    el?.focus();
    el?.setSelectionRange(el.value.length, el.value.length);
  }, []);
  const save = useMutation({
    mutationFn: (body: string) => api<{ data: NewsComment }>('PATCH', `/news/comments/${comment.id}`, { text: body }),
    onSuccess: (r) => {
      putComment(client, r.data);
      onDone();
    },
  });
  const body = text.trim();
  return (
    <form
      aria-label={t('news.editingComment')}
      onSubmit={(e) => {
        e.preventDefault();
        if (body) save.mutate(body);
      }}
    >
      <Stack gap="xs" mt={4}>
        <Textarea
          ref={input}
          aria-label={t('news.commentText')}
          autosize
          minRows={1}
          maxRows={6}
          maxLength={newsLimits.commentMax}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onDone();
          }}
        />
        {save.error && (
          <Text size="sm" c="red" role="alert">
            {newsErrorText(t, save.error, newsLimits.commentMax)}
          </Text>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" size="xs" onClick={onDone}>
            {t('news.cancel')}
          </Button>
          <Button type="submit" size="xs" disabled={!body} loading={save.isPending}>
            {t('news.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
