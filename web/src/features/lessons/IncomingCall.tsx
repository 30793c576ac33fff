import type { LessonSummary } from '@parta/contracts';
import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconPhoneCall } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { fullName } from '../common/personName';
import { useUserEvents } from '../chats/RealtimeProvider';
import { useLiveLessons } from './api';
import { useLiveLessonsRefresh } from './LiveLessonsRefresher';

/** VID-2: someone called me into a lesson — a notice on any screen with «Присоединиться». */
export function IncomingCall() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [calls, setCalls] = useState<LessonSummary[]>([]);
  useLiveLessonsRefresh();
  useUserEvents((event) => {
    if (event.type === 'lesson.calling') {
      const lesson = event.lesson as LessonSummary;
      setCalls((c) => [...c.filter((x) => x.id !== lesson.id), lesson]);
    }
  });
  const live = useLiveLessons().data?.data;
  // A call that ended (gone from the live list) stops ringing.
  const shown = calls.filter((c) => !location.pathname.startsWith(`/lessons/${c.id}`) && (!live || live.some((l) => l.id === c.id)));
  if (shown.length === 0) return null;
  const dismiss = (id: string) => setCalls((c) => c.filter((x) => x.id !== id));
  return (
    <Stack gap="xs" style={{ position: 'fixed', right: 12, bottom: 12, zIndex: 400, maxWidth: 'calc(100vw - 24px)', width: 360 }}>
      {shown.map((c) => (
        <Paper key={c.id} shadow="lg" p="md" withBorder role="alertdialog" aria-label={t('lessons.incomingTitle')}>
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <IconPhoneCall size={28} color="var(--mantine-color-green-7)" aria-hidden />
            <div style={{ minWidth: 0 }}>
              <Text fw={700}>{t('lessons.incomingTitle')}</Text>
              <Text size="sm">{t('lessons.incomingText', { name: fullName(c.host), title: c.title || fullName(c.host) })}</Text>
            </div>
          </Group>
          <Group justify="flex-end" mt="sm" gap="xs">
            <Button variant="default" onClick={() => dismiss(c.id)}>
              {t('lessons.decline')}
            </Button>
            <Button
              color="green"
              onClick={() => {
                dismiss(c.id);
                void navigate(`/lessons/${c.id}`);
              }}
            >
              {t('lessons.join')}
            </Button>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
