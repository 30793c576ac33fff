import type { ChatDetails } from '@parta/contracts';
import { ActionIcon, Button, Checkbox, Group, Modal, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { IconVideo } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../auth/useMe';
import { formalName } from '../common/personName';
import { ErrorAlert } from '../common/ui';
import { useLiveLessons } from './api';
import { useStartLesson } from './startActions';

type Chat = ChatDetails;

/**
 * CHT-4: the camera icon right of the chat's name: pick whom to call, or «Позвонить всем». Shown only when the
 * server says I may call from this chat (`can.call`, the rule POST /lessons applies); the browser never re-derives it.
 */
export function ChatCallButton({ chat, canCall }: { chat: Chat; canCall: boolean }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<string[]>([]);
  const start = useStartLesson();
  if (!canCall) return null;
  const others = chat.members.filter((m) => m.id !== me?.id);
  return (
    <>
      <ActionIcon variant="light" size="lg" aria-label={t('lessons.call')} title={t('lessons.call')} onClick={() => setOpen(true)}>
        <IconVideo size={20} />
      </ActionIcon>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('lessons.callTitle')}>
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
    </>
  );
}

/** VID-5: the call going on in this chat, with «Присоединиться». */
export function ChatLiveLesson({ chatId }: { chatId: string }) {
  const { t } = useTranslation();
  const lesson = useLiveLessons().data?.data.find((l) => l.chatId === chatId);
  if (!lesson) return null;
  return (
    <Paper withBorder p="xs" bg="green.0" data-testid="chat-live-lesson">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm" fw={600}>
          {t('lessons.callGoingOn', { count: lesson.presentCount })}
        </Text>
        <Button component={Link} to={`/lessons/${lesson.id}`} size="xs" color="green">
          {t('lessons.join')}
        </Button>
      </Group>
    </Paper>
  );
}
