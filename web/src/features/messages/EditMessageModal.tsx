import type { Message } from '@parta/contracts';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { type History, type MessageResponse, chatKeys } from '../chats/chatTypes';
import { applyEvent } from '../chats/historyCache';
import { ErrorAlert } from '../common/ui';

/** «Изменить»: the author edits the text; everyone sees it through the `message.edited` event. */
export function EditMessageModal({ message, onClose }: { message: Message | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [text, setText] = useState('');
  useEffect(() => setText(message?.text ?? ''), [message]);
  const save = useMutation({
    mutationFn: (m: Message) => api<MessageResponse>('PATCH', `/messages/${m.id}`, { text: text.trim() }),
    onSuccess: (r) => {
      client.setQueryData<History>(chatKeys.history(r.data.chatId), (h) =>
        applyEvent(h, { type: 'message.edited', messageId: r.data.id, text: r.data.text, editedAt: r.data.editedAt ?? r.data.createdAt }),
      );
      onClose();
    },
  });
  return (
    <Modal opened={message !== null} onClose={onClose} title={t('chats.editing')} closeButtonProps={{ 'aria-label': t('app.close') }}>
      <Stack gap="sm">
        <Textarea aria-label={t('chats.message')} autosize minRows={2} maxLength={4000} value={text} onChange={(e) => setText(e.currentTarget.value)} data-autofocus />
        {save.isError && <ErrorAlert error={save.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('app.cancel')}
          </Button>
          <Button onClick={() => message && save.mutate(message)} loading={save.isPending} disabled={!text.trim()}>
            {t('app.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** «Удалить для всех»: asks first, then removes the message for every member. */
export function DeleteMessageModal({ message, onClose }: { message: Message | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: (m: Message) => api('DELETE', `/messages/${m.id}`),
    onSuccess: (_r, m) => {
      client.setQueryData<History>(chatKeys.history(m.chatId), (h) => applyEvent(h, { type: 'message.deleted', messageId: m.id }));
      void client.invalidateQueries({ queryKey: chatKeys.all });
      onClose();
    },
  });
  return (
    <Modal opened={message !== null} onClose={onClose} title={t('chats.deleteForAll')} closeButtonProps={{ 'aria-label': t('app.close') }}>
      <Stack gap="sm">
        <Text size="sm">{t('chats.deleteConfirm')}</Text>
        {remove.isError && <ErrorAlert error={remove.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('app.cancel')}
          </Button>
          <Button color="red" onClick={() => message && remove.mutate(message)} loading={remove.isPending}>
            {t('chats.deleteForAll')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
