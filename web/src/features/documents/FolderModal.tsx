import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../common/ui';
import { documentKeys, type FolderResponse } from './api';
import './texts';

/** «Новая папка» of the methodical library: «Расписания», «Приказы», «Материалы к экзаменам». */
export function FolderModal({ opened, onClose, schoolId, onCreated }: { opened: boolean; onClose: () => void; schoolId: string; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => api<FolderResponse>('POST', `/schools/${schoolId}/document-folders`, { name: name.trim() }),
    onSuccess: async (r) => {
      await client.invalidateQueries({ queryKey: documentKeys.folders(schoolId) });
      onCreated(r.data.id);
      setName('');
      onClose();
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('documents.newFolder')} closeButtonProps={{ 'aria-label': t('app.close') }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) create.mutate();
        }}
      >
        <Stack gap="sm">
          <TextInput label={t('documents.folderName')} placeholder={t('documents.folderExample')} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={80} data-autofocus required />
          {create.isError && <ErrorAlert error={create.error} />}
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
              {t('documents.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
