import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconVideo } from '@tabler/icons-react';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fullName } from '../common/personName';
import { lazyScreen } from '../../app/lazyScreen';
import type { TeachingClass } from '../home/useTeachingClasses';
import { useLiveLessons } from './api';
import { useStartLesson } from './startActions';

const PickClassModal = lazyScreen(() => import('./PickClassModal').then((m) => m.PickClassModal));

/**
 * DASH-1, at the top of «Главная»: «Начать урок» → pick the class → «Начать урок»; and the lessons going on that I
 * may join, each with «Присоединиться» (VID-5).
 */
export function HomeLessons({ classes }: { classes: TeachingClass[] }) {
  const { t } = useTranslation();
  const live = useLiveLessons().data?.data ?? [];
  const [picking, setPicking] = useState(false);
  const [pickerWanted, setPickerWanted] = useState(false);
  if (classes.length === 0 && live.length === 0) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="home-lessons">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={2} size="h4" id="home-lessons">
          {t('lessons.title')}
        </Title>
        {classes.length > 0 && (
          <Group gap="xs">
            <Button
              leftSection={<IconVideo size={18} />}
              onClick={() => {
                setPickerWanted(true);
                setPicking(true);
              }}
            >
              {t('lessons.start')}
            </Button>
            <Button component={Link} to="/lessons" variant="subtle">
              {t('lessons.historyLink')}
            </Button>
          </Group>
        )}
      </Group>
      {live.length > 0 && (
        <Stack gap="xs" mt="sm">
          {live.map((l) => (
            <Group key={l.id} justify="space-between" wrap="wrap" gap="xs" data-testid="live-lesson">
              <div>
                <Text fw={600}>{t('lessons.goingOn', { title: l.title || fullName(l.host) })}</Text>
                <Text size="xs" c="dimmed">
                  {t('lessons.hostAndCount', { name: fullName(l.host), count: l.presentCount })}
                </Text>
              </div>
              <Button component={Link} to={`/lessons/${l.id}`} color="green" variant="light">
                {t('lessons.join')}
              </Button>
            </Group>
          ))}
        </Stack>
      )}
      {/* The dialog's code (a modal, radio buttons) loads when a teacher first opens it, not with «Главная». */}
      {pickerWanted && (
        <Suspense fallback={null}>
          <PickClassModal opened={picking} onClose={() => setPicking(false)} classes={classes} />
        </Suspense>
      )}
    </Paper>
  );
}

/** DASH-2: the camera beside a class on «Главная» calls the whole class at once. */
export function ClassCallButton({ classId }: { classId: string }) {
  const { t } = useTranslation();
  const start = useStartLesson();
  return (
    <Button
      variant="light"
      h="auto"
      px={10}
      aria-label={t('lessons.callClass')}
      title={t('lessons.callClass')}
      loading={start.isPending}
      onClick={() => start.mutate({ kind: 'class', classId })}
    >
      <IconVideo size={18} />
    </Button>
  );
}
