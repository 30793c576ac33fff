import { videoFileExtensions } from '@parta/contracts';
import { Button, FileButton, FileInput, Modal, Progress, Stack, Text, TextInput } from '@mantine/core';
import { IconPhoto, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { uploadFile } from '../messages/uploadFile';
import { type CreateDocumentRequest, type DocumentResponse, documentKeys } from './api';
import { captureFrame } from './posterFrame';
import { UploadLimits } from './UploadLimits';
import { useUpload } from './useUpload';

const videoAccept = 'video/mp4,video/webm,.mp4,.webm';

/** DOC-3 «+» → limits → title, an optional poster → «Загрузить видео» with a progress bar. */
export function UploadVideoModal({ opened, onClose, schoolId }: { opened: boolean; onClose: () => void; schoolId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const upload = useUpload();
  const [title, setTitle] = useState('');
  const [poster, setPoster] = useState<File | null>(null);

  const close = () => {
    upload.reset();
    setTitle('');
    setPoster(null);
    onClose();
  };
  const pick = async (file: File | null) => {
    if (!file) return;
    const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
    if (!(videoFileExtensions as readonly string[]).includes(ext)) {
      upload.setError(t('errors.video_type_unsupported'));
      return;
    }
    // Without a chosen poster, a frame of the video itself, if this browser can decode it.
    const picture = poster ?? (await captureFrame(file));
    const done = await upload.run(file, async (fileId) => {
      const posterFileId = picture ? (await uploadFile(picture, () => undefined)).id : null;
      const body: CreateDocumentRequest = { fileId, kind: 'video', title: title.trim() || undefined, posterFileId };
      await api<DocumentResponse>('POST', `/schools/${schoolId}/documents`, body);
      await client.invalidateQueries({ queryKey: documentKeys.school(schoolId) });
      return true;
    });
    if (done) close();
  };

  return (
    <Modal opened={opened} onClose={close} title={t('videos.add')} closeButtonProps={{ 'aria-label': t('app.close') }}>
      <Stack gap="sm">
        <UploadLimits kind="video" />
        <TextInput label={t('videos.titleLabel')} description={t('videos.titleHint')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={200} disabled={upload.busy} />
        <FileInput
          label={t('videos.poster')}
          description={t('videos.posterHint')}
          placeholder={t('videos.posterPick')}
          accept="image/png,image/jpeg,image/webp"
          value={poster}
          onChange={setPoster}
          clearable
          leftSection={<IconPhoto size={16} />}
          disabled={upload.busy}
        />
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
        <FileButton onChange={(f) => void pick(f)} accept={videoAccept}>
          {(props) => (
            <Button {...props} leftSection={<IconUpload size={16} />} loading={upload.busy}>
              {t('videos.upload')}
            </Button>
          )}
        </FileButton>
      </Stack>
    </Modal>
  );
}
