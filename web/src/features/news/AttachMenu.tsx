import { ActionIcon, Menu } from '@mantine/core';
import { IconFile, IconPhoto, IconPlus } from '@tabler/icons-react';
import { type ChangeEvent, type ReactNode, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * «+» → «Фото», «Файл» (and what `children` adds, e.g. «Опрос») for a post being written or corrected; hands the
 * chosen files on. The file inputs live outside the menu: its dropdown unmounts when it closes, before a file is chosen.
 */
export function AttachMenu({ onFiles, disabled, children }: { onFiles: (files: File[]) => void; disabled?: boolean; children?: ReactNode }) {
  const { t } = useTranslation();
  const photoInput = useRef<HTMLInputElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const chosen = (e: ChangeEvent<HTMLInputElement>) => {
    onFiles([...(e.currentTarget.files ?? [])]);
    e.currentTarget.value = '';
  };
  return (
    <>
      <Menu position="bottom-start" withinPortal>
        <Menu.Target>
          <ActionIcon variant="light" size="lg" aria-label={t('chats.attach')} disabled={disabled}>
            <IconPlus size={20} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconPhoto size={16} />} onClick={() => photoInput.current?.click()}>
            {t('chats.photo')}
          </Menu.Item>
          <Menu.Item leftSection={<IconFile size={16} />} onClick={() => fileInput.current?.click()}>
            {t('chats.file')}
          </Menu.Item>
          {children}
        </Menu.Dropdown>
      </Menu>
      <input ref={photoInput} type="file" hidden multiple accept="image/png,image/jpeg,image/gif,image/webp" onChange={chosen} />
      <input ref={fileInput} type="file" hidden multiple onChange={chosen} />
    </>
  );
}
