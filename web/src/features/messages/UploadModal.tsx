import { isForbiddenFileName } from '@parta/contracts';
import { Alert, Button, FileButton, Group, Modal, Progress, Stack, Text, TextInput } from '@mantine/core';
import { IconInfoCircle, IconPaperclip } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import { errorText } from '../../api/errorText';
import type { FileLimitsResponse } from '../chats/chatTypes';
import { formatSize } from '../common/formatSize';
import { uploadFile } from './uploadFile';

/**
 * «Файл» / «Фото»: the limits first (size, forbidden types), then the file with a progress bar; once
 * stored, `onSend` posts the message that carries it.
 */
export function UploadModal({
  kind,
  onClose,
  onSend,
}: {
  kind: 'file' | 'photo' | null;
  onClose: () => void;
  onSend: (fileId: string, caption: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [caption, setCaption] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const limits = useQuery({
    queryKey: ['files', 'limits'],
    queryFn: () => api<FileLimitsResponse>('GET', '/files/limits'),
    staleTime: 600_000,
    enabled: kind !== null,
  });
  const close = () => {
    abort.current?.abort();
    setFile(null);
    setCaption('');
    setProgress(null);
    setError(null);
    onClose();
  };
  const pick = (f: File | null) => {
    setError(null);
    setFile(f);
    if (!f) return;
    if (isForbiddenFileName(f.name)) setError(t('errors.file_type_forbidden'));
    else if (limits.data && f.size > limits.data.data.maxBytes) setError(errorText(t, new ApiError('file_too_large', 413, [], null, limits.data.data.maxBytes)));
  };
  const send = async () => {
    if (!file || error) return;
    abort.current = new AbortController();
    setProgress(0);
    try {
      const stored = await uploadFile(file, setProgress, abort.current.signal);
      onSend(stored.id, caption.trim());
      close();
    } catch (e) {
      setProgress(null);
      setError(errorText(t, e instanceof ApiError ? e : new ApiError('internal', 0)));
    }
  };
  const l = limits.data?.data;

  return (
    <Modal
      opened={kind !== null}
      onClose={close}
      title={kind === 'photo' ? t('chats.sendPhoto') : t('chats.sendFile')}
      closeButtonProps={{ 'aria-label': t('app.close') }}
    >
      <Stack gap="sm">
        {l && (
          <Alert variant="light" icon={<IconInfoCircle size={18} />}>
            <Text size="sm">{t('chats.limits', { size: formatSize(l.maxBytes, i18n.language), list: l.forbiddenExtensions.map((e) => `.${e}`).join(', ') })}</Text>
          </Alert>
        )}
        <Group gap="sm" wrap="nowrap">
          <FileButton onChange={pick} accept={kind === 'photo' ? 'image/png,image/jpeg,image/gif,image/webp' : undefined}>
            {(props) => (
              <Button {...props} variant="default" leftSection={<IconPaperclip size={16} />} disabled={progress !== null}>
                {t('chats.chooseFile')}
              </Button>
            )}
          </FileButton>
          {file && (
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {file.name} · {formatSize(file.size, i18n.language)}
            </Text>
          )}
        </Group>
        <TextInput label={t('chats.caption')} value={caption} onChange={(e) => setCaption(e.currentTarget.value)} maxLength={4000} />
        {progress !== null && <Progress value={Math.round(progress * 100)} aria-label={t('chats.uploading')} animated />}
        {error && (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        )}
        <Button onClick={() => void send()} disabled={!file || !!error} loading={progress !== null}>
          {t('chats.send')}
        </Button>
      </Stack>
    </Modal>
  );
}
