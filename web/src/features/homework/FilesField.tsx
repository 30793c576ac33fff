import { ActionIcon, Alert, Button, FileButton, Group, Progress, Stack, Text } from '@mantine/core';
import { IconPaperclip, IconX } from '@tabler/icons-react';
import { type Attachment, formatSize, isForbiddenFileName } from '@parta/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorText } from '../../api/errorText';
import { uploadFile } from '../messages/uploadFile';
import './texts';

/**
 * Files of an assignment or a hand-in: each uploaded at once through POST /api/files (whose rules — sniffed types,
 * size limits — apply), listed with a button to take it off again.
 */
export function FilesField({ files, onChange, max = 10 }: { files: Attachment[]; onChange: (files: Attachment[]) => void; max?: number }) {
  const { t, i18n } = useTranslation();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const add = async (picked: File[]) => {
    setError(null);
    let next = files;
    for (const file of picked.slice(0, Math.max(0, max - files.length))) {
      if (isForbiddenFileName(file.name)) {
        setError(t('errors.file_type_forbidden'));
        continue;
      }
      setProgress(0);
      try {
        next = [...next, await uploadFile(file, setProgress)];
        onChange(next);
      } catch (e) {
        setError(errorText(t, e instanceof ApiError ? e : new ApiError('internal', 0)));
      }
    }
    setProgress(null);
  };

  return (
    <Stack gap={6}>
      {files.map((f) => (
        <Group key={f.id} gap="xs" wrap="nowrap">
          <IconPaperclip size={16} aria-hidden />
          <Text size="sm" style={{ overflowWrap: 'anywhere', flex: 1 }}>
            {f.name}{' '}
            <Text span c="dimmed" size="xs">
              {formatSize(f.size, i18n.language === 'en' ? 'en' : 'ru')}
            </Text>
          </Text>
          <ActionIcon variant="subtle" color="gray" aria-label={t('homework.form.removeFile', { name: f.name })} onClick={() => onChange(files.filter((x) => x.id !== f.id))}>
            <IconX size={16} />
          </ActionIcon>
        </Group>
      ))}
      {progress !== null && <Progress value={progress * 100} aria-label={t('homework.form.uploading')} />}
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {files.length < max && (
        <FileButton multiple onChange={(picked) => void add(picked)}>
          {(props) => (
            <Button {...props} variant="default" leftSection={<IconPaperclip size={16} />} loading={progress !== null} style={{ alignSelf: 'flex-start' }}>
              {t('homework.form.addFile')}
            </Button>
          )}
        </FileButton>
      )}
    </Stack>
  );
}
