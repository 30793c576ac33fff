import { type Attachment, type CreatePollRequest, isForbiddenFileName, type NewsFeed, newsLimits } from '@parta/contracts';
import { ActionIcon, Button, CloseButton, Group, Menu, Paper, Progress, Stack, Text, Textarea } from '@mantine/core';
import { IconChartBar, IconFile, IconPhoto, IconPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import { errorText } from '../../api/errorText';
import type { FileLimitsResponse } from '../chats/chatTypes';
import { formatSize } from '../common/formatSize';
import { uploadFile } from '../messages/uploadFile';
import { newsKeys } from './newsApi';

interface Upload {
  key: string;
  name: string;
  size: number;
  progress: number;
  stored: Attachment | null;
  error: string | null;
}

/**
 * Writing a post: the text, «+» → «Фото», «Файл» (each uploaded at once with a progress bar, as in
 * chats) or «Опрос», then «Опубликовать». A refused post keeps its text and files.
 */
export function PostComposer({
  schoolId,
  feed,
  canPoll,
  pollEditor,
}: {
  schoolId: string;
  feed: NewsFeed;
  canPoll: boolean;
  /** The poll editor, when polls can be attached: opened by «Опрос», it hands back the poll to post. */
  pollEditor?: (props: { opened: boolean; onClose: () => void; onDone: (poll: CreatePollRequest) => void }) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [text, setText] = useState('');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [poll, setPoll] = useState<CreatePollRequest | null>(null);
  const [pollOpen, setPollOpen] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const photoInput = useRef<HTMLInputElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const limits = useQuery({
    queryKey: ['files', 'limits'],
    queryFn: () => api<FileLimitsResponse>('GET', '/files/limits'),
    staleTime: 600_000,
  });

  const patch = (key: string, p: Partial<Upload>) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...p } : u)));
  const add = (files: File[]) => {
    for (const file of files) {
      const key = crypto.randomUUID();
      const refused = isForbiddenFileName(file.name)
        ? t('errors.file_type_forbidden')
        : limits.data && file.size > limits.data.data.maxBytes
          ? t('errors.file_too_large')
          : null;
      setUploads((list) => [...list, { key, name: file.name, size: file.size, progress: 0, stored: null, error: refused }]);
      if (refused) continue;
      uploadFile(file, (p) => patch(key, { progress: p }))
        .then((stored) => patch(key, { stored, progress: 1 }))
        .catch((e) => patch(key, { error: errorText(t, e instanceof ApiError ? e : new ApiError('internal', 0)) }));
    }
  };

  const busy = uploads.some((u) => !u.stored && !u.error);
  const ready = uploads.flatMap((u) => (u.stored ? [u.stored.id] : []));
  const trimmed = text.trim();
  const canSend = !sending && !busy && (trimmed.length > 0 || ready.length > 0 || poll !== null) && trimmed.length <= newsLimits.textMax;

  const publish = async () => {
    if (!canSend) return;
    setSending(true);
    setError(null);
    try {
      await api('POST', `/schools/${schoolId}/news`, { feed, text: trimmed, fileIds: ready, ...(poll ? { poll } : {}) });
      setText('');
      setUploads([]);
      setPoll(null);
      await client.invalidateQueries({ queryKey: newsKeys.feed(schoolId, feed) });
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setSending(false);
    }
  };

  // Inputs outside the menu: the menu's dropdown unmounts when it closes, before a file is chosen.
  const chosen = (e: ChangeEvent<HTMLInputElement>) => {
    add([...(e.currentTarget.files ?? [])]);
    e.currentTarget.value = '';
  };

  return (
    <>
      <Paper
        withBorder
        p="sm"
        radius="md"
        component="form"
        aria-label={t('news.composer')}
        onSubmit={(e) => {
          e.preventDefault();
          void publish();
        }}
      >
        <Stack gap="xs">
          <Textarea
            aria-label={t('news.text')}
            placeholder={feed === 'channel' ? t('news.channelPlaceholder') : t('news.communityPlaceholder')}
            autosize
            minRows={2}
            maxRows={12}
            maxLength={newsLimits.textMax}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          {uploads.map((u) => (
            <Group key={u.key} gap="xs" wrap="nowrap">
              <IconFile size={16} aria-hidden style={{ flexShrink: 0 }} />
              <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                <Text size="sm" truncate>
                  {u.name} · {formatSize(u.size, i18n.language)}
                </Text>
                {u.error ? (
                  <Text size="xs" c="red" role="alert">
                    {u.error}
                  </Text>
                ) : (
                  !u.stored && <Progress value={Math.round(u.progress * 100)} size="sm" animated aria-label={t('chats.uploading')} />
                )}
              </Stack>
              <CloseButton size="sm" aria-label={t('news.removeFile', { name: u.name })} onClick={() => setUploads((l) => l.filter((x) => x.key !== u.key))} />
            </Group>
          ))}
          {poll && (
            <Group gap="xs" wrap="nowrap">
              <IconChartBar size={16} aria-hidden />
              <Text size="sm" style={{ flex: 1, minWidth: 0 }} truncate>
                {t('news.pollAttached', { question: poll.question })}
              </Text>
              <CloseButton size="sm" aria-label={t('news.removePoll')} onClick={() => setPoll(null)} />
            </Group>
          )}
          {error && (
            <Text size="sm" c="red" role="alert">
              {error}
            </Text>
          )}
          <Group justify="space-between" wrap="nowrap">
            <Menu position="bottom-start" withinPortal>
              <Menu.Target>
                <ActionIcon variant="light" size="lg" aria-label={t('chats.attach')}>
                  <IconPlus size={20} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item leftSection={<IconPhoto size={16} />} onClick={() => photoInput.current?.click()}>
                  {t('chats.photo')}
                </Menu.Item>
                <Menu.Item leftSection={<IconFile size={16} />} onClick={() => fileInput.current?.click()}>
                  {t('chats.file')}
                </Menu.Item>
                {canPoll && pollEditor && (
                  <Menu.Item leftSection={<IconChartBar size={16} />} onClick={() => setPollOpen(true)} disabled={poll !== null}>
                    {t('chats.poll')}
                  </Menu.Item>
                )}
              </Menu.Dropdown>
            </Menu>
            <Button type="submit" disabled={!canSend} loading={sending}>
              {t('news.publish')}
            </Button>
          </Group>
          {limits.data && uploads.length > 0 && (
            <Text size="xs" c="dimmed">
              {t('chats.limits', { size: formatSize(limits.data.data.maxBytes, i18n.language), list: limits.data.data.forbiddenExtensions.join(', ') })}
            </Text>
          )}
        </Stack>
        <input ref={photoInput} type="file" hidden multiple accept="image/png,image/jpeg,image/gif,image/webp" onChange={chosen} />
        <input ref={fileInput} type="file" hidden multiple onChange={chosen} />
      </Paper>
      {/* Outside the form: React events bubble through portals, and the poll form's own submit must not publish the post. */}
      {pollEditor?.({
        opened: pollOpen,
        onClose: () => setPollOpen(false),
        onDone: (p) => {
          setPoll(p);
          setPollOpen(false);
        },
      })}
    </>
  );
}
