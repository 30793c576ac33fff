import type { Message } from '@parta/contracts';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { type History, chatKeys } from '../chats/chatTypes';
import { applyEvent } from '../chats/historyCache';
import { ErrorAlert } from '../common/ui';

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
