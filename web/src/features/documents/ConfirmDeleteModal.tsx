import type { SchoolDocument } from '@parta/contracts';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../common/ui';
import { documentKeys } from './api';
import './texts';

/** «Удалить» asks first: the document leaves the school for everyone (the file stays its uploader's). */
export function ConfirmDeleteModal({ doc, onClose }: { doc: SchoolDocument | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api('DELETE', `/documents/${doc?.id}`),
    onSuccess: async () => {
      if (doc) await client.invalidateQueries({ queryKey: documentKeys.school(doc.schoolId) });
      onClose();
    },
  });
  return (
    <Modal opened={doc !== null} onClose={onClose} title={t('documents.deleteTitle')} closeButtonProps={{ 'aria-label': t('app.close') }}>
      <Stack gap="sm">
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {t(doc?.kind === 'video' ? 'videos.deleteConfirm' : 'documents.deleteConfirm', { title: doc?.title ?? '' })}
        </Text>
        {remove.isError && <ErrorAlert error={remove.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('app.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
            {t('documents.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
