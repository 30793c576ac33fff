import { Button, FileButton, Modal, Progress, Select, Stack, TagsInput, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { type CreateDocumentRequest, type DocumentResponse, documentKeys, type FoldersResponse } from './api';
import { UploadLimits } from './UploadLimits';
import { useUpload } from './useUpload';
import './texts';

/**
 * DOC-1 «+» → the upload limits → «Загрузить файл»: choosing the file starts the upload, with a
 * progress bar. For the school (`schoolId`) the file is then shared with every member, in the chosen
 * folder with the chosen tags; without a school it only lands in «Мои документы».
 */
export function UploadDocumentModal({
  opened,
  onClose,
  schoolId,
  folders,
  defaultFolderId,
}: {
  opened: boolean;
  onClose: () => void;
  schoolId?: string;
  folders?: FoldersResponse['data'];
  defaultFolderId?: string | null;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const upload = useUpload();
  const [folderId, setFolderId] = useState<string | null>(defaultFolderId ?? null);
  const [tags, setTags] = useState<string[]>([]);
  // Opened while a folder is chosen in the list: the new document goes there unless changed.
  useEffect(() => {
    if (opened) setFolderId(defaultFolderId ?? null);
  }, [opened, defaultFolderId]);

  const close = () => {
    upload.reset();
    setTags([]);
    onClose();
  };
  const pick = async (file: File | null) => {
    if (!file) return;
    const done = await upload.run(file, async (fileId) => {
      if (schoolId) {
        const body: CreateDocumentRequest = { fileId, kind: 'document', folderId, tags };
        await api<DocumentResponse>('POST', `/schools/${schoolId}/documents`, body);
        await client.invalidateQueries({ queryKey: documentKeys.school(schoolId) });
      }
      await client.invalidateQueries({ queryKey: documentKeys.mine });
      return true;
    });
    if (done) close();
  };

  return (
    <Modal opened={opened} onClose={close} title={schoolId ? t('documents.add') : t('documents.mine.upload')} closeButtonProps={{ 'aria-label': t('app.close') }}>
      <Stack gap="sm">
        <UploadLimits kind="document" />
        {schoolId && (
          <>
            <Select
              label={t('documents.folder')}
              data={[{ value: '', label: t('documents.noFolder') }, ...(folders ?? []).map((f) => ({ value: f.id, label: f.name }))]}
              value={folderId ?? ''}
              onChange={(v) => setFolderId(v || null)}
              allowDeselect={false}
              disabled={upload.busy}
            />
            <TagsInput
              label={t('documents.tags')}
              description={t('documents.tagsHint')}
              value={tags}
              onChange={setTags}
              maxTags={10}
              disabled={upload.busy}
              clearable
            />
          </>
        )}
        {upload.progress !== null && (
          <Stack gap={4}>
            <Text size="sm">{t('documents.uploading', { percent: Math.round(upload.progress * 100) })}</Text>
            <Progress value={Math.round(upload.progress * 100)} aria-label={t('documents.uploadProgress')} animated />
          </Stack>
        )}
        {upload.error && (
          <Text size="sm" c="red" role="alert">
            {upload.error}
          </Text>
        )}
        <FileButton onChange={(f) => void pick(f)}>
          {(props) => (
            <Button {...props} leftSection={<IconUpload size={16} />} loading={upload.busy}>
              {t('documents.upload')}
            </Button>
          )}
        </FileButton>
      </Stack>
    </Modal>
  );
}
