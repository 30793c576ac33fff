import { ActionIcon, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconUserMinus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../common/ui';
import './texts';

/**
 * «Исключить из класса» for the administration (the class page's `can.manage`): asks first, then the student
 * leaves the class and every chat of it at once (DELETE /classes/:id/students/:userId).
 */
export function RemoveStudentButton({ classId, className, userId, name }: { classId: string; className: string; userId: string; name: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const remove = useMutation({
    mutationFn: () => api('DELETE', `/classes/${classId}/students/${userId}`),
    onSuccess: async () => {
      setOpen(false);
      await client.invalidateQueries({ queryKey: ['class', classId] });
    },
  });
  return (
    <>
      <ActionIcon variant="subtle" color="red" aria-label={t('classes.removeStudent', { name })} onClick={() => setOpen(true)}>
        <IconUserMinus size={18} />
      </ActionIcon>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('classes.removeStudentTitle')} centered>
        <Stack>
          <Text size="sm">{t('classes.removeStudentText', { name, className })}</Text>
          {remove.isError && <ErrorAlert error={remove.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)} data-autofocus>
              {t('classes.cancel')}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
              {t('classes.removeStudentConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
