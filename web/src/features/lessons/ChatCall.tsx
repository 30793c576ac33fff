import type { ChatDetails } from '@parta/contracts';
import { ActionIcon, Button, Group, Paper, Text } from '@mantine/core';
import { IconVideo } from '@tabler/icons-react';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { lazyScreen } from '../../app/lazyScreen';
import { useLiveLessons } from './api';

const ChatCallDialog = lazyScreen(() => import('./ChatCallDialog').then((m) => m.ChatCallDialog));

type Chat = ChatDetails;

/**
 * CHT-4: the camera icon right of the chat's name: pick whom to call, or «Позвонить всем». Shown only when the
 * server says I may call from this chat (`can.call`, the rule POST /lessons applies); the browser never re-derives it.
 */
export function ChatCallButton({ chat, canCall }: { chat: Chat; canCall: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [dialogWanted, setDialogWanted] = useState(false);
  if (!canCall) return null;
  return (
    <>
      <ActionIcon
        variant="light"
        size="lg"
        aria-label={t('lessons.call')}
        title={t('lessons.call')}
        onClick={() => {
          setDialogWanted(true);
          setOpen(true);
        }}
      >
        <IconVideo size={20} />
      </ActionIcon>
      {/* The dialog's code (a modal, checkboxes) loads when it is first opened, not with the chat. */}
      {dialogWanted && (
        <Suspense fallback={null}>
          <ChatCallDialog chat={chat} opened={open} onClose={() => setOpen(false)} />
        </Suspense>
      )}
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
