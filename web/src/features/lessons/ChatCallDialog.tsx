import type { ChatDetails } from '@parta/contracts';
import { Button, Checkbox, Group, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import { IconVideo } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/useMe';
import { formalName } from '../common/personName';
import { ErrorAlert } from '../common/ui';
import { useStartLesson } from './startActions';

/** CHT-4: whom to call from this chat (ChatCall.tsx opens it): «Позвонить всем», or the people picked. */
export function ChatCallDialog({ chat, opened, onClose }: { chat: ChatDetails; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const [picked, setPicked] = useState<string[]>([]);
  const start = useStartLesson();
  const others = chat.members.filter((m) => m.id !== me?.id);
  return (
    <Modal opened={opened} onClose={onClose} title={t('lessons.callTitle')}>
      <Stack gap="sm">
        <Button
          leftSection={<IconVideo size={18} />}
          loading={start.isPending && picked.length === 0}
          onClick={() => start.mutate({ kind: 'chat', chatId: chat.id, userIds: [] })}
        >
          {t('lessons.callEveryone')}
        </Button>
        <Text size="sm" c="dimmed">
          {t('lessons.orPick')}
        </Text>
        <ScrollArea.Autosize mah={280}>
          <Checkbox.Group value={picked} onChange={setPicked}>
            <Stack gap={6}>
              {others.map((m) => (
                <Checkbox key={m.id} value={m.id} label={formalName(m)} />
              ))}
            </Stack>
          </Checkbox.Group>
        </ScrollArea.Autosize>
        {start.isError && <ErrorAlert error={start.error} />}
        <Group justify="flex-end">
          <Button
            variant="light"
            disabled={picked.length === 0}
            loading={start.isPending && picked.length > 0}
            onClick={() => start.mutate({ kind: 'chat', chatId: chat.id, userIds: picked })}
          >
            {picked.length > 0 ? t('lessons.callPicked', { count: picked.length }) : t('lessons.callChosen')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
