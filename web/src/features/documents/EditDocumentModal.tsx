import type { SchoolDocument } from '@parta/contracts';
import { Button, Group, Modal, Select, Stack, TagsInput, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../common/ui';
import { type DocumentResponse, documentKeys, type FoldersResponse, type UpdateDocumentRequest } from './api';
import './texts';

/** Rename a document, put it in a folder, change its tags: for its uploader and the administration. */
export function EditDocumentModal({ doc, onClose, folders }: { doc: SchoolDocument | null; onClose: () => void; folders: FoldersResponse['data'] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [title, setTitle] = useState('');
  const [folderId, setFolderId] = useState<string | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  useEffect(() => {
    if (!doc) return;
    setTitle(doc.title);
    setFolderId(doc.folder?.id ?? null);
    setTags(doc.tags);
  }, [doc]);
  const save = useMutation({
    mutationFn: (body: UpdateDocumentRequest) => api<DocumentResponse>('PATCH', `/documents/${doc?.id}`, body),
    onSuccess: async () => {
      if (doc) await client.invalidateQueries({ queryKey: documentKeys.school(doc.schoolId) });
      onClose();
    },
  });
  return (
    <Modal opened={doc !== null} onClose={onClose} title={t('documents.edit')} closeButtonProps={{ 'aria-label': t('app.close') }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (title.trim()) save.mutate({ title: title.trim(), folderId, tags });
        }}
      >
        <Stack gap="sm">
          <TextInput label={t('documents.name')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={200} required />
          <Select
            label={t('documents.folder')}
            data={[{ value: '', label: t('documents.noFolder') }, ...folders.map((f) => ({ value: f.id, label: f.name }))]}
            value={folderId ?? ''}
            onChange={(v) => setFolderId(v || null)}
            allowDeselect={false}
          />
          <TagsInput label={t('documents.tags')} description={t('documents.tagsHint')} value={tags} onChange={setTags} maxTags={10} clearable />
          {save.isError && <ErrorAlert error={save.error} />}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t('app.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
