import type { CreatePollRequest, NewsFeed } from '@parta/contracts';
import { newsLimits } from '@parta/contracts';
import { Button, CloseButton, Group, Menu, Paper, Stack, Text, Textarea } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatSize } from '../common/formatSize';
import { newsKeys } from './newsApi';
import { newsErrorText } from './newsErrors';
import { UploadRows } from './UploadRows';
import { useUploads } from './useUploads';
import { AttachMenu } from './AttachMenu';

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
  const files = useUploads();
  const [poll, setPoll] = useState<CreatePollRequest | null>(null);
  const [pollOpen, setPollOpen] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { busy, limits } = files;
  const ready = files.ready.map((f) => f.id);
  const trimmed = text.trim();
  const canSend = !sending && !busy && (trimmed.length > 0 || ready.length > 0 || poll !== null) && trimmed.length <= newsLimits.textMax;

  const publish = async () => {
    if (!canSend) return;
    setSending(true);
    setError(null);
    try {
      await api('POST', `/schools/${schoolId}/news`, { feed, text: trimmed, fileIds: ready, ...(poll ? { poll } : {}) });
      setText('');
      files.clear();
      setPoll(null);
      await client.invalidateQueries({ queryKey: newsKeys.feed(schoolId, feed) });
    } catch (e) {
      setError(newsErrorText(t, e));
    } finally {
      setSending(false);
    }
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
          <UploadRows uploads={files.uploads} onRemove={files.remove} />
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
            <AttachMenu onFiles={files.add}>
              {canPoll && pollEditor && (
                <Menu.Item leftSection={<IconChartBar size={16} />} onClick={() => setPollOpen(true)} disabled={poll !== null}>
                  {t('chats.poll')}
                </Menu.Item>
              )}
            </AttachMenu>
            <Button type="submit" disabled={!canSend} loading={sending}>
              {t('news.publish')}
            </Button>
          </Group>
          {limits && files.uploads.length > 0 && (
            <Text size="xs" c="dimmed">
              {t('chats.limits', { size: formatSize(limits.maxBytes, i18n.language), list: limits.forbiddenExtensions.map((e) => `.${e}`).join(', ') })}
            </Text>
          )}
        </Stack>
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
