import { isForbiddenFileName } from '@parta/contracts';
import { Alert, Box, Button, CloseButton, FileButton, Group, Modal, Progress, Stack, Text, TextInput } from '@mantine/core';
import { IconFile, IconInfoCircle, IconPaperclip } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import { errorText } from '../../api/errorText';
import type { FileLimitsResponse } from '../chats/chatTypes';
import { formatSize } from '../common/formatSize';
import { uploadFile } from './uploadFile';

import { FILES_AT_ONCE } from './uploadLimits';


/** What opened the dialog: «Файл» or «Фото» from the menu, or files pasted or dropped onto the chat. */
export interface UploadRequest {
  kind: 'file' | 'photo' | 'files';
  files: File[];
  /** Files dropped onto the chat while the dialog is open: added to those already chosen. */
  append?: boolean;
}

const PREVIEWABLE = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/**
 * «Файл» / «Фото» / pasted or dropped files: the limits first (size, forbidden types), then what will be
 * sent — thumbnails of pictures, names and sizes of other files — and a caption; «Отправить» uploads them
 * one by one under one progress bar, then `onSend` posts the message(s) that carry them.
 */
export function UploadModal({
  request,
  onClose,
  onSend,
}: {
  request: UploadRequest | null;
  onClose: () => void;
  onSend: (fileIds: string[], caption: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [files, setFiles] = useState<File[]>([]);
  const [caption, setCaption] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const client = useQueryClient();
  const limits = useQuery({
    queryKey: ['files', 'limits'],
    queryFn: () => api<FileLimitsResponse>('GET', '/files/limits'),
    staleTime: 600_000,
    enabled: request !== null,
  });
  useEffect(() => {
    const more = request?.files ?? [];
    setFiles((now) => (request?.append ? [...now, ...more] : more).slice(0, FILES_AT_ONCE));
    setError(null);
  }, [request]);

  const l = limits.data?.data;
  const storageUse = l
    ? t('uploads.storageUse', { used: formatSize(l.storage.usedBytes, i18n.language), limit: formatSize(l.storage.limitBytes, i18n.language) })
    : '';
  // Told before sending: the chosen files together would not fit in the person's «Место для файлов».
  const overQuota = l !== undefined && l.storage.usedBytes + files.reduce((sum, f) => sum + f.size, 0) > l.storage.limitBytes;
  const refusal = (f: File): string | null => {
    if (isForbiddenFileName(f.name)) return t('errors.file_type_forbidden');
    if (l && f.size > l.maxBytes) return errorText(t, new ApiError('file_too_large', 413, [], null, l.maxBytes));
    if (overQuota) return `${t('errors.storage_quota_exceeded')}: ${storageUse.toLocaleLowerCase()}`;
    return null;
  };
  const refused = files.some((f) => refusal(f) !== null);

  const close = () => {
    abort.current?.abort();
    setFiles([]);
    setCaption('');
    setProgress(null);
    setError(null);
    onClose();
  };
  const pick = (picked: File[] | File | null) => {
    const more = picked === null ? [] : Array.isArray(picked) ? picked : [picked];
    setError(null);
    // From the menu a choice replaces; the dialog's own «Добавить» adds.
    setFiles((now) => (request?.kind === 'files' ? [...now, ...more] : more).slice(0, FILES_AT_ONCE));
  };
  const send = async () => {
    if (files.length === 0 || refused) return;
    abort.current = new AbortController();
    const total = files.reduce((sum, f) => sum + f.size, 0) || 1;
    let done = 0;
    setProgress(0);
    try {
      const ids: string[] = [];
      for (const f of files) {
        const stored = await uploadFile(f, (part) => setProgress((done + part * f.size) / total), abort.current.signal);
        done += f.size;
        ids.push(stored.id);
      }
      onSend(ids, caption.trim());
      void client.invalidateQueries({ queryKey: ['files', 'limits'] });
      close();
    } catch (e) {
      setProgress(null);
      setError(errorText(t, e instanceof ApiError ? e : new ApiError('internal', 0)));
    }
  };

  const title = request?.kind === 'photo' ? t('chats.sendPhoto') : request?.kind === 'file' ? t('chats.sendFile') : t('chats.sendFiles');
  return (
    <Modal opened={request !== null} onClose={close} title={title} closeButtonProps={{ 'aria-label': t('app.close') }}>
      <Stack gap="sm">
        {files.length > 0 && (
          <Stack gap={6} component="ul" aria-label={t('chats.toSend')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {files.map((f, i) => (
              <FileRow
                // biome-ignore lint/suspicious/noArrayIndexKey: the same file may be chosen twice; its place is its identity
                key={`${i}-${f.name}`}
                file={f}
                problem={refusal(f)}
                busy={progress !== null}
                onRemove={() => setFiles((now) => now.filter((_, j) => j !== i))}
              />
            ))}
          </Stack>
        )}
        {l && (
          <Alert variant="light" icon={<IconInfoCircle size={18} />}>
            <Text size="sm">{t('chats.limits', { size: formatSize(l.maxBytes, i18n.language), list: l.forbiddenExtensions.map((e) => `.${e}`).join(', ') })}</Text>
            <Text size="sm">{storageUse}</Text>
          </Alert>
        )}
        <Group gap="sm" wrap="nowrap">
          <FileButton
            onChange={pick}
            multiple={request?.kind === 'files'}
            accept={request?.kind === 'photo' ? PREVIEWABLE.join(',') : undefined}
          >
            {(props) => (
              <Button {...props} variant="default" leftSection={<IconPaperclip size={16} />} disabled={progress !== null}>
                {request?.kind === 'files' ? t('chats.addFiles') : t('chats.chooseFile')}
              </Button>
            )}
          </FileButton>
        </Group>
        <TextInput
          label={t('chats.caption')}
          value={caption}
          onChange={(e) => setCaption(e.currentTarget.value)}
          // As in the chat's own input, Enter sends.
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.nativeEvent.isComposing && progress === null) {
              e.preventDefault();
              void send();
            }
          }}
          maxLength={4000}
          data-autofocus
        />
        {progress !== null && <Progress value={Math.round(progress * 100)} aria-label={t('chats.uploading')} animated />}
        {error && (
          <Text size="sm" c="red.8" role="alert">
            {error}
          </Text>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close}>
            {t('app.cancel')}
          </Button>
          <Button onClick={() => void send()} disabled={files.length === 0 || refused} loading={progress !== null}>
            {t('chats.send')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** One file to send: a thumbnail made in the browser for a picture, an icon otherwise; name, size, «Убрать». */
function FileRow({ file, problem, busy, onRemove }: { file: File; problem: string | null; busy: boolean; onRemove: () => void }) {
  const { t, i18n } = useTranslation();
  const picture = PREVIEWABLE.includes(file.type);
  const url = useMemo(() => (picture ? URL.createObjectURL(file) : null), [file, picture]);
  useEffect(() => () => {
    if (url) URL.revokeObjectURL(url);
  }, [url]);
  return (
    <Group component="li" gap="sm" wrap="nowrap" data-file={file.name}>
      {url ? (
        <Box
          component="img"
          src={url}
          alt={t('chats.image', { name: file.name })}
          style={{ width: 56, height: 56, objectFit: 'cover', borderRadius: 'var(--mantine-radius-sm)', flexShrink: 0 }}
        />
      ) : (
        <Box style={{ width: 56, height: 56, display: 'grid', placeItems: 'center', flexShrink: 0 }}>
          <IconFile size={28} aria-hidden />
        </Box>
      )}
      <div style={{ flex: 1, minWidth: 0 }}>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {file.name}
        </Text>
        <Text size="xs" c="dimmed">
          {formatSize(file.size, i18n.language)}
        </Text>
        {problem && (
          <Text size="xs" c="red.8" role="alert">
            {problem}
          </Text>
        )}
      </div>
      <CloseButton size="sm" onClick={onRemove} disabled={busy} aria-label={t('chats.removeFile', { name: file.name })} />
    </Group>
  );
}
