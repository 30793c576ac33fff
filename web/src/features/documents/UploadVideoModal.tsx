import { videoFileExtensions } from '@parta/contracts';
import { Button, FileButton, FileInput, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconPhoto, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import { errorText } from '../../api/errorText';
import { formatSize } from '../common/formatSize';
import { uploadFile } from '../messages/uploadFile';
import { UploadProgress } from '../uploads/UploadProgress';
import { useResumableUpload } from '../uploads/useResumableUpload';
import { type CreateDocumentRequest, type DocumentResponse, documentKeys } from './api';
import { captureFrame } from './posterFrame';
import { UploadLimits } from './UploadLimits';
import './texts';

const videoAccept = 'video/mp4,video/webm,.mp4,.webm';

/**
 * DOC-3 «+» → limits → title, an optional poster → «Загрузить видео». A lesson recording is hundreds of
 * megabytes: it goes up as a resumable upload (pause, resume, survives a dropped connection or a reload)
 * within the school's «Максимальный размер видео», then is shared as the school's video.
 */
export function UploadVideoModal({ opened, onClose, schoolId, maxBytes }: { opened: boolean; onClose: () => void; schoolId: string; maxBytes: number }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const upload = useResumableUpload();
  const [title, setTitle] = useState('');
  const [poster, setPoster] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const busy = upload.busy || saving;

  const close = () => {
    upload.cancel();
    setTitle('');
    setPoster(null);
    setError(null);
    onClose();
  };
  const tooLarge = () => t('uploads.tooLarge', { size: formatSize(maxBytes, i18n.language) });
  const pick = async (file: File | null) => {
    if (!file) return;
    setError(null);
    const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
    if (!(videoFileExtensions as readonly string[]).includes(ext)) {
      setError(t('errors.video_type_unsupported'));
      return;
    }
    if (file.size > maxBytes) {
      setError(tooLarge());
      return;
    }
    const fileId = await upload.start(file, { metadata: { purpose: 'school-video', schoolId } });
    if (!fileId) return;
    setSaving(true);
    try {
      // Without a chosen poster, a frame of the video itself, if this browser can decode it.
      const picture = poster ?? (await captureFrame(file));
      const posterFileId = picture ? (await uploadFile(picture, () => undefined)).id : null;
      const body: CreateDocumentRequest = { fileId, kind: 'video', title: title.trim() || undefined, posterFileId };
      await api<DocumentResponse>('POST', `/schools/${schoolId}/documents`, body);
      await client.invalidateQueries({ queryKey: documentKeys.school(schoolId) });
      close();
    } catch (e) {
      setError(errorText(t, e instanceof ApiError ? e : new ApiError('internal', 0)));
    } finally {
      setSaving(false);
    }
  };
  const uploadError = upload.error ? (upload.error.code === 'file_too_large' && !upload.error.maxBytes ? tooLarge() : errorText(t, upload.error)) : null;
  const shown = error ?? uploadError;

  return (
    <Modal opened={opened} onClose={close} title={t('videos.add')} closeOnClickOutside={!busy} closeButtonProps={{ 'aria-label': t('app.close') }}>
      <Stack gap="sm">
        <UploadLimits kind="video" maxBytes={maxBytes} />
        <TextInput label={t('videos.titleLabel')} description={t('videos.titleHint')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={200} disabled={busy} />
        <FileInput
          label={t('videos.poster')}
          description={t('videos.posterHint')}
          placeholder={t('videos.posterPick')}
          accept="image/png,image/jpeg,image/webp"
          value={poster}
          onChange={setPoster}
          clearable
          leftSection={<IconPhoto size={16} />}
          disabled={busy}
        />
        <UploadProgress state={upload.state} sent={upload.sent} total={upload.total} onPause={upload.pause} onResume={upload.resume} />
        {shown && (
          <Text size="sm" c="red" role="alert">
            {shown}
          </Text>
        )}
        <FileButton onChange={(f) => void pick(f)} accept={videoAccept}>
          {(props) => (
            <Button {...props} leftSection={<IconUpload size={16} />} loading={busy} disabled={busy}>
              {t('videos.upload')}
            </Button>
          )}
        </FileButton>
      </Stack>
    </Modal>
  );
}
