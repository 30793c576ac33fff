import type { Message } from '@parta/contracts';
import { ActionIcon, CloseButton, Group, Menu, Paper, Text, Textarea } from '@mantine/core';
import { IconChartBar, IconFile, IconPhoto, IconPlus, IconSend } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formalName } from '../common/personName';
import { useLive } from '../chats/RealtimeProvider';
import { CreatePollModal } from '../polls/CreatePollModal';
import { UploadModal } from './UploadModal';

const MAX = 4000;

/** The input under a chat: Enter sends, Shift+Enter breaks the line; «+» opens «Файл», «Фото», «Опрос». */
export function Composer({
  chatId,
  replyTo,
  onCancelReply,
}: {
  chatId: string;
  replyTo: Message | null;
  onCancelReply: () => void;
}) {
  const { t } = useTranslation();
  const live = useLive();
  const [text, setText] = useState('');
  const [upload, setUpload] = useState<'file' | 'photo' | null>(null);
  const [poll, setPoll] = useState(false);
  const lastTyping = useRef(0);

  const post = (body: string, fileIds: string[] = []) => {
    void live.send({ chatId, clientId: crypto.randomUUID(), text: body, replyToId: replyTo?.id ?? null, fileIds });
    onCancelReply();
  };
  const submit = () => {
    const body = text.trim();
    if (!body) return;
    setText('');
    post(body);
  };
  const typed = (v: string) => {
    setText(v);
    // At most one «печатает…» every 3 s.
    const now = Date.now();
    if (v && now - lastTyping.current > 3000) {
      lastTyping.current = now;
      live.client.typing(chatId);
    }
  };

  return (
    <Paper withBorder p="xs" radius="md">
      {replyTo && (
        <Group justify="space-between" wrap="nowrap" mb={6} px={4} style={{ borderLeft: '3px solid var(--mantine-color-blue-6)' }}>
          <div style={{ minWidth: 0 }}>
            <Text size="xs" fw={600}>
              {t('chats.replyingTo', { name: formalName(replyTo.author) })}
            </Text>
            <Text size="xs" c="dimmed" truncate>
              {replyTo.text}
            </Text>
          </div>
          <CloseButton size="sm" onClick={onCancelReply} aria-label={t('chats.cancelReply')} />
        </Group>
      )}
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <Menu position="top-start" withinPortal>
          <Menu.Target>
            <ActionIcon variant="light" size="lg" aria-label={t('chats.attach')}>
              <IconPlus size={20} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconFile size={16} />} onClick={() => setUpload('file')}>
              {t('chats.file')}
            </Menu.Item>
            <Menu.Item leftSection={<IconPhoto size={16} />} onClick={() => setUpload('photo')}>
              {t('chats.photo')}
            </Menu.Item>
            <Menu.Item leftSection={<IconChartBar size={16} />} onClick={() => setPoll(true)}>
              {t('chats.poll')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
        <Textarea
          style={{ flex: 1 }}
          aria-label={t('chats.message')}
          placeholder={t('chats.messagePlaceholder')}
          autosize
          minRows={1}
          maxRows={6}
          maxLength={MAX}
          value={text}
          onChange={(e) => typed(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              submit();
            }
          }}
        />
        <ActionIcon size="lg" onClick={submit} disabled={!text.trim()} aria-label={t('chats.send')}>
          <IconSend size={18} />
        </ActionIcon>
      </Group>
      <UploadModal kind={upload} onClose={() => setUpload(null)} onSend={(fileId, caption) => post(caption, [fileId])} />
      <CreatePollModal chatId={chatId} opened={poll} onClose={() => setPoll(false)} />
    </Paper>
  );
}
