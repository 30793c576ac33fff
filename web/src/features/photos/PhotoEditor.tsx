import { photoInputTypes } from '@parta/contracts';
import { Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { IconPhotoUp, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../common/ui';
import { uploadPhoto } from './uploadPhoto';
import { photoKeys } from './usePhotos';

/**
 * «Загрузить фото» / «Удалить фото» beside the current picture: my profile photo or a school's
 * logo. The server crops, resizes and strips the picture; every avatar on the page refreshes.
 */
export function PhotoEditor({
  path,
  hasPhoto,
  preview,
  labels,
}: {
  path: '/me/photo' | `/schools/${string}/logo`;
  hasPhoto: boolean;
  preview: ReactNode;
  labels: { upload: string; remove: string };
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: photoKeys.all });
  const upload = useMutation({ mutationFn: (file: File) => uploadPhoto(path, file), onSuccess: refresh });
  const remove = useMutation({ mutationFn: () => api('DELETE', path), onSuccess: refresh });
  return (
    <Stack gap="sm">
      <Group gap="md" wrap="nowrap" align="center">
        {preview}
        <Stack gap={6}>
          <Group gap="xs">
            <FileButton onChange={(f) => f && upload.mutate(f)} accept={photoInputTypes.join(',')}>
              {(props) => (
                <Button {...props} size="xs" variant="light" leftSection={<IconPhotoUp size={16} />} loading={upload.isPending}>
                  {labels.upload}
                </Button>
              )}
            </FileButton>
            {hasPhoto && (
              <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={16} />} loading={remove.isPending} onClick={() => remove.mutate()}>
                {labels.remove}
              </Button>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {t('photos.hint')}
          </Text>
        </Stack>
      </Group>
      {upload.isError && <ErrorAlert error={upload.error} />}
      {remove.isError && <ErrorAlert error={remove.error} />}
    </Stack>
  );
}
