import { Button, Group, Modal, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ui';
import './texts';

/**
 * «Завершить урок для всех?»: ending disconnects everyone and nobody can come back, so it is asked once, wherever
 * the action is offered (the «Выйти из звонка» menu, the host's panel in «Настройки»). «Отмена» keeps the lesson
 * and is the default (Enter does not end a lesson by accident). Above the call screen and its drawers.
 */
export function EndForAllConfirm({ opened, onCancel, onConfirm }: { opened: boolean; onCancel: () => void; onConfirm: () => Promise<void> }) {
  const { t } = useTranslation();
  const end = useMutation({ mutationFn: onConfirm });
  const cancel = () => {
    end.reset();
    onCancel();
  };
  return (
    <Modal
      opened={opened}
      onClose={cancel}
      title={t('lessons.endConfirm.title')}
      zIndex={500}
      centered
      closeButtonProps={{ 'aria-label': t('app.close') }}
      data-testid="end-for-all-confirm"
    >
      <Text size="sm">{t('lessons.endConfirm.text')}</Text>
      {end.error && <ErrorAlert error={end.error} />}
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={cancel} data-autofocus>
          {t('app.cancel')}
        </Button>
        <Button color="red" loading={end.isPending} onClick={() => end.mutate()}>
          {t('lessons.endConfirm.ok')}
        </Button>
      </Group>
    </Modal>
  );
}
