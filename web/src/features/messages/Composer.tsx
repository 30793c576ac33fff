import type { Message } from '@parta/contracts';
import { ActionIcon, CloseButton, Group, Menu, Paper, Text, Textarea } from '@mantine/core';
import { IconChartBar, IconCheck, IconFile, IconPhoto, IconPlus, IconSend } from '@tabler/icons-react';
import { Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formalName } from '../common/personName';
import { ErrorAlert } from '../common/ui';
import { useLive } from '../chats/RealtimeProvider';
import { lazyScreen } from '../../app/lazyScreen';
import type { UploadRequest } from './UploadModal';
import { FILES_PER_MESSAGE } from './uploadLimits';
import { useEditMessage } from './useEditMessage';
import { useGrowingTextarea } from './growingTextarea';

const MAX = 4000;

/**
 * The input under a chat, as in a messenger: Enter sends, Shift+Enter breaks the line; «+» opens «Файл»,
 * «Фото», «Опрос»; a pasted picture or files dropped onto the chat open the sending dialog. Editing
 * happens here too: the message's text comes into the input, Enter saves. Esc cancels an edit or a
 * reply; ↑ in the empty input edits my last message.
 */
// The sending dialog (previews, the progress bar) loads when files are first chosen, pasted or dropped: a chat opens without it.
const UploadModal = lazyScreen(() => import('./UploadModal').then((m) => m.UploadModal));
// «Опрос» too: its dialog's frame comes when first asked for, its form after that (polls/CreatePollModal.tsx).
const CreatePollModal = lazyScreen(() => import('../polls/CreatePollModal').then((m) => m.CreatePollModal));

export function Composer({
  chatId,
  replyTo,
  onCancelReply,
  editing,
  onCancelEdit,
  onEditLast,
  incoming,
  onIncomingTaken,
  onSent,
}: {
  chatId: string;
  replyTo: Message | null;
  onCancelReply: () => void;
  editing: Message | null;
  onCancelEdit: () => void;
  /** Starts editing my last message that may still be edited; false when there is none. */
  onEditLast: () => boolean;
  /** Files dropped onto the chat, to open the sending dialog with. */
  incoming: File[] | null;
  onIncomingTaken: () => void;
  /** After a message of mine is handed to the socket: the chat scrolls down to it. */
  onSent: () => void;
}) {
  const { t } = useTranslation();
  const live = useLive();
  const [text, setText] = useState('');
  const [upload, setUpload] = useState<UploadRequest | null>(null);
  const [poll, setPoll] = useState(false);
  // Once asked for, the poll dialog stays mounted: closing animates and the form keeps what was typed.
  const [pollAsked, setPollAsked] = useState(false);
  const lastTyping = useRef(0);
  const input = useRef<HTMLTextAreaElement>(null);
  // The draft typed before an edit began comes back when the edit ends.
  const draft = useRef('');
  const save = useEditMessage();
  useGrowingTextarea(input, text);

  useEffect(() => {
    if (!incoming) return;
    // Dropped onto the open dialog (its events reach the chat through React's tree): added to its files.
    setUpload((open) => ({ kind: 'files', files: incoming, append: open !== null }));
    onIncomingTaken();
  }, [incoming, onIncomingTaken]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when another message is chosen for editing
  useEffect(() => {
    save.reset();
    if (!editing) return;
    draft.current = text;
    setText(editing.text);
    input.current?.focus();
  }, [editing?.id]);
  useEffect(() => {
    if (replyTo) input.current?.focus();
  }, [replyTo]);

  const post = (body: string, fileIds: string[] = []) => {
    void live.send({ chatId, clientId: crypto.randomUUID(), text: body, replyToId: replyTo?.id ?? null, fileIds });
    onSent();
  };
  const postFiles = (fileIds: string[], caption: string) => {
    // A message carries at most FILES_PER_MESSAGE files: more go as further messages, the caption with the first.
    for (let i = 0; i < fileIds.length; i += FILES_PER_MESSAGE) post(i === 0 ? caption : '', fileIds.slice(i, i + FILES_PER_MESSAGE));
    onCancelReply();
  };
  const endEdit = () => {
    setText(draft.current);
    draft.current = '';
    onCancelEdit();
  };
  const submit = () => {
    const body = text.trim();
    if (editing) {
      if (!body && editing.attachments.length === 0) return;
      if (body === editing.text) {
        endEdit();
        return;
      }
      save.mutate({ message: editing, text: body }, { onSuccess: endEdit });
      return;
    }
    if (!body) return;
    setText('');
    post(body);
    onCancelReply();
  };
  const typed = (v: string) => {
    setText(v);
    // At most one «печатает…» every 3 s, and none while editing an old message.
    const now = Date.now();
    if (v && !editing && now - lastTyping.current > 3000) {
      lastTyping.current = now;
      live.client.typing(chatId);
    }
  };
  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      submit();
    } else if (e.key === 'Escape' && (editing || replyTo)) {
      e.preventDefault();
      if (editing) endEdit();
      else onCancelReply();
    } else if (e.key === 'ArrowUp' && !editing && text === '' && onEditLast()) {
      e.preventDefault();
    }
  };
  const onPaste = (e: React.ClipboardEvent<HTMLTextAreaElement>) => {
    const files = Array.from(e.clipboardData.files);
    // Text copied from Word or a spreadsheet comes with a picture of itself: the text is what was meant.
    if (files.length === 0 || editing || e.clipboardData.getData('text/plain').trim()) return;
    e.preventDefault();
    setUpload({ kind: 'files', files });
  };

  const canSubmit = editing ? !!text.trim() || editing.attachments.length > 0 : !!text.trim();
  return (
    <Paper withBorder p="xs" radius="md">
      {editing ? (
        <Group justify="space-between" wrap="nowrap" mb={6} px={4} style={{ borderLeft: '3px solid var(--mantine-color-blue-6)' }}>
          <div style={{ minWidth: 0 }}>
            <Text size="xs" fw={600}>
              {t('chats.editing')}
            </Text>
            <Text size="xs" c="dimmed" truncate>
              {editing.text}
            </Text>
          </div>
          <CloseButton size="sm" onClick={endEdit} aria-label={t('chats.cancelEdit')} />
        </Group>
      ) : (
        replyTo && (
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
        )
      )}
      {save.isError && <ErrorAlert error={save.error} />}
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <Menu position="top-start" withinPortal>
          <Menu.Target>
            <ActionIcon variant="light" size="lg" aria-label={t('chats.attach')} disabled={!!editing}>
              <IconPlus size={20} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconFile size={16} />} onClick={() => setUpload({ kind: 'file', files: [] })}>
              {t('chats.file')}
            </Menu.Item>
            <Menu.Item leftSection={<IconPhoto size={16} />} onClick={() => setUpload({ kind: 'photo', files: [] })}>
              {t('chats.photo')}
            </Menu.Item>
            <Menu.Item
              leftSection={<IconChartBar size={16} />}
              onClick={() => {
                setPollAsked(true);
                setPoll(true);
              }}
            >
              {t('chats.poll')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
        <Textarea
          ref={input}
          style={{ flex: 1 }}
          className="parta-composer-input"
          aria-label={t('chats.message')}
          placeholder={t('chats.messagePlaceholder')}
          rows={1}
          maxLength={MAX}
          value={text}
          onChange={(e) => typed(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        {editing ? (
          <ActionIcon size="lg" onClick={submit} disabled={!canSubmit} loading={save.isPending} aria-label={t('app.save')}>
            <IconCheck size={18} />
          </ActionIcon>
        ) : (
          <ActionIcon size="lg" onClick={submit} disabled={!canSubmit} aria-label={t('chats.send')}>
            <IconSend size={18} />
          </ActionIcon>
        )}
      </Group>
      {upload !== null && (
        <Suspense fallback={null}>
          <UploadModal request={upload} onClose={() => setUpload(null)} onSend={postFiles} />
        </Suspense>
      )}
      {pollAsked && (
        <Suspense fallback={null}>
          <CreatePollModal chatId={chatId} opened={poll} onClose={() => setPoll(false)} />
        </Suspense>
      )}
    </Paper>
  );
}
