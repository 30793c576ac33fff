import { Button, Group, Modal, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../common/ui';

/** «Удалить запись?» / «Удалить комментарий?»: asks once, then DELETEs; the list refreshes itself. */
export function ConfirmDelete({
  target,
  onClose,
  onDeleted,
}: {
  target: { kind: 'post' | 'comment'; id: string } | null;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const remove = useMutation({
    mutationFn: (x: { kind: 'post' | 'comment'; id: string }) =>
      api('DELETE', x.kind === 'post' ? `/news/${x.id}` : `/news/comments/${x.id}`),
    onSuccess: () => {
      onDeleted();
      onClose();
    },
  });
  const close = () => {
    remove.reset();
    onClose();
  };
  const title = target?.kind === 'comment' ? t('news.deleteCommentTitle') : t('news.deletePostTitle');
  return (
    <Modal opened={target !== null} onClose={close} title={title} closeButtonProps={{ 'aria-label': t('app.close') }}>
      <Text size="sm">{target?.kind === 'comment' ? t('news.deleteCommentText') : t('news.deletePostText')}</Text>
      {remove.error && <ErrorAlert error={remove.error} />}
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={close}>
          {t('news.cancel')}
        </Button>
        <Button color="red" loading={remove.isPending} onClick={() => target && remove.mutate(target)}>
          {t('news.delete')}
        </Button>
      </Group>
    </Modal>
  );
}
