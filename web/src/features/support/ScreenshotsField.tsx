import { ActionIcon, Alert, Button, FileButton, Group, Image, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconCamera, IconPhoto, IconX } from '@tabler/icons-react';
import type { Attachment } from '@parta/contracts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorText } from '../../api/errorText';
import { uploadFile } from '../messages/uploadFile';
import './texts';

const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/** Where the browser can capture the screen (desktop Chromium, Firefox, Safari); phones cannot: no button there. */
const canCapture = () => typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getDisplayMedia === 'function';

/** One frame of a screen, window or tab the person picks, as a PNG; null when they cancel or the browser refuses. */
async function captureScreen(): Promise<File | null> {
  let stream: MediaStream | null = null;
  try {
    stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    const video = document.createElement('video');
    video.muted = true;
    video.srcObject = stream;
    await video.play();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d')?.drawImage(video, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    return blob ? new File([blob], 'снимок-экрана.png', { type: 'image/png' }) : null;
  } catch {
    // Cancelled, or not allowed here: the other ways to attach stay.
    return null;
  } finally {
    for (const track of stream?.getTracks() ?? []) track.stop();
  }
}

/**
 * Up to `max` screenshots of a question: pasted (Ctrl+V anywhere on the page while the form is open), chosen, or
 * captured from the screen where the browser allows. Each goes through POST /api/files at once (sniffed, size-limited).
 */
export function ScreenshotsField({ files, onChange, max }: { files: Attachment[]; onChange: (files: Attachment[]) => void; max: number }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = useRef(files);
  current.current = files;

  const add = async (picked: File[]) => {
    setError(null);
    const images = picked.filter((f) => IMAGE_TYPES.includes(f.type));
    if (images.length < picked.length) setError(t('support.ask.onlyImages'));
    let next = current.current;
    for (const file of images.slice(0, Math.max(0, max - next.length))) {
      setBusy(true);
      try {
        next = [...next, await uploadFile(file, () => {})];
        onChange(next);
      } catch (e) {
        setError(errorText(t, e instanceof ApiError ? e : new ApiError('internal', 0)));
      }
    }
    setBusy(false);
  };
  const addRef = useRef(add);
  addRef.current = add;

  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const pasted = Array.from(e.clipboardData?.files ?? []).filter((f) => f.type.startsWith('image/'));
      if (pasted.length === 0) return;
      e.preventDefault();
      void addRef.current(pasted);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, []);

  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {t('support.ask.screenshots', { max })}
      </Text>
      {files.length > 0 && (
        <Group gap="xs">
          {files.map((f) => (
            <Paper key={f.id} withBorder p={4} pos="relative">
              <Image src={f.thumbnailUrl ?? `/api/files/${f.id}/preview`} alt={f.name} w={96} h={72} fit="cover" radius="sm" />
              <ActionIcon
                size="sm"
                variant="filled"
                color="gray"
                pos="absolute"
                top={2}
                right={2}
                aria-label={t('support.ask.remove', { name: f.name })}
                onClick={() => onChange(files.filter((x) => x.id !== f.id))}
              >
                <IconX size={14} />
              </ActionIcon>
            </Paper>
          ))}
        </Group>
      )}
      {busy && <Progress value={100} animated aria-label={t('support.ask.uploading')} />}
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {files.length < max && (
        <Group gap="xs">
          <FileButton multiple accept={IMAGE_TYPES.join(',')} onChange={(picked) => void add(picked)}>
            {(props) => (
              <Button {...props} variant="default" size="sm" leftSection={<IconPhoto size={16} />} loading={busy}>
                {t('support.ask.choose')}
              </Button>
            )}
          </FileButton>
          {canCapture() && (
            <Button
              variant="default"
              size="sm"
              leftSection={<IconCamera size={16} />}
              disabled={busy}
              onClick={() => void captureScreen().then((f) => f && add([f]))}
            >
              {t('support.ask.capture')}
            </Button>
          )}
        </Group>
      )}
      <Text size="xs" c="dimmed">
        {t('support.ask.pasteHint')}
      </Text>
    </Stack>
  );
}
