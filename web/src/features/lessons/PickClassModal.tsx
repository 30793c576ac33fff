import { Button, Group, Modal, Radio, Stack } from '@mantine/core';
import { IconVideo } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ui';
import type { TeachingClass } from '../home/useTeachingClasses';
import { useStartLesson } from './startActions';

/** DASH-1 «Начать урок» on «Главная»: the class to call (HomeLessons.tsx opens it). */
export function PickClassModal({ opened, onClose, classes }: { opened: boolean; onClose: () => void; classes: TeachingClass[] }) {
  const { t } = useTranslation();
  const [classId, setClassId] = useState<string | null>(null);
  const start = useStartLesson();
  return (
    <Modal opened={opened} onClose={onClose} title={t('lessons.pickClass')}>
      <Radio.Group value={classId} onChange={setClassId} aria-label={t('lessons.pickClass')}>
        <Stack gap="xs">
          {classes.map((c) => (
            <Radio key={c.id} value={c.id} label={`${c.name} · ${c.subjects.join(', ')}`} />
          ))}
        </Stack>
      </Radio.Group>
      {start.isError && <ErrorAlert error={start.error} />}
      <Group justify="flex-end" mt="md">
        <Button
          leftSection={<IconVideo size={18} />}
          disabled={!classId}
          loading={start.isPending}
          onClick={() => classId && start.mutate({ kind: 'class', classId })}
        >
          {t('lessons.start')}
        </Button>
      </Group>
    </Modal>
  );
}
