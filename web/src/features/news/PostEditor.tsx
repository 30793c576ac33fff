import { type Attachment, type NewsPost, newsLimits } from '@parta/contracts';
import { Button, CloseButton, Group, Stack, Text, Textarea } from '@mantine/core';
import { IconFile, IconPhoto } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatSize } from '../common/formatSize';
import { putPost } from './newsApi';
import { newsErrorText } from './newsErrors';
import { UploadRows } from './UploadRows';
import { useUploads } from './useUploads';
import { AttachMenu } from './AttachMenu';

/**
 * «Изменить» on a post, in its place: the text, the files it has (each can be taken out) and new
 * ones to add; the poll stays as voted. «Сохранить» shows the change to everyone at once; «Отмена»
 * or Escape leaves the post as it was.
 */
export function PostEditor({ post, onDone }: { post: NewsPost; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [text, setText] = useState(post.text);
  const [kept, setKept] = useState<Attachment[]>(post.attachments);
  const files = useUploads();
  const textInput = useRef<HTMLTextAreaElement>(null);
  // Opening the editor puts the cursor at the end of the text, where corrections usually start.
  useEffect(() => {
    const el = textInput.current;
    el?.focus();
    el?.setSelectionRange(el.value.length, el.value.length);
  }, []);
  const save = useMutation({
    mutationFn: (body: { text: string; fileIds: string[] }) => api<{ data: NewsPost }>('PATCH', `/news/${post.id}`, body),
    onSuccess: (r) => {
      putPost(client, r.data);
      onDone();
    },
  });
  const trimmed = text.trim();
  const fileIds = [...kept.map((a) => a.id), ...files.ready.map((a) => a.id)];
  const room = newsLimits.filesMax - kept.length - files.uploads.length;
  const canSave =
    !save.isPending && !files.busy && trimmed.length <= newsLimits.textMax && (trimmed.length > 0 || fileIds.length > 0 || post.poll !== null);
  return (
    <form
      aria-label={t('news.editing')}
      onSubmit={(e) => {
        e.preventDefault();
        if (canSave) save.mutate({ text: trimmed, fileIds });
      }}
      onKeyDown={(e) => {
        // Only from the text: Escape in the «+» menu closes the menu, not the editor.
        if (e.key === 'Escape' && e.target === textInput.current) onDone();
      }}
    >
      <Stack gap="xs" mt="sm">
        <Textarea
          aria-label={t('news.text')}
          autosize
          minRows={2}
          maxRows={12}
          maxLength={newsLimits.textMax}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          ref={textInput}
        />
        {kept.map((a) => (
          <Group key={a.id} gap="xs" wrap="nowrap">
            {a.kind === 'image' ? <IconPhoto size={16} aria-hidden style={{ flexShrink: 0 }} /> : <IconFile size={16} aria-hidden style={{ flexShrink: 0 }} />}
            <Text size="sm" truncate style={{ flex: 1, minWidth: 0 }}>
              {a.name} · {formatSize(a.size, i18n.language)}
            </Text>
            <CloseButton size="sm" aria-label={t('news.removeFile', { name: a.name })} onClick={() => setKept((l) => l.filter((x) => x.id !== a.id))} />
          </Group>
        ))}
        <UploadRows uploads={files.uploads} onRemove={files.remove} />
        {post.poll && (
          <Text size="xs" c="dimmed">
            {t('news.pollStays')}
          </Text>
        )}
        {save.error && (
          <Text size="sm" c="red" role="alert">
            {newsErrorText(t, save.error)}
          </Text>
        )}
        <Group justify="space-between" wrap="nowrap">
          <AttachMenu onFiles={(chosen) => files.add(chosen.slice(0, Math.max(0, room)))} disabled={room <= 0} />
          <Group gap="xs" wrap="nowrap">
            <Button variant="default" onClick={onDone}>
              {t('news.cancel')}
            </Button>
            <Button type="submit" disabled={!canSave} loading={save.isPending}>
              {t('news.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
