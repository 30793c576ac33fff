import { Alert, Button, Group, List, Text } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import './texts';

const KEY = 'parta.articles.guideSeen';

function seen(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

/** Whether the guide is open, and a way to open it again («Подсказка»). */
export function useFirstRunGuide() {
  const [open, setOpen] = useState(() => !seen());
  return {
    open,
    show: () => setOpen(true),
    dismiss: () => {
      try {
        localStorage.setItem(KEY, '1');
      } catch {
        // Private mode: the guide shows again next time, which is harmless.
      }
      setOpen(false);
    },
  };
}

/** ART-1: «При первом запуске вы увидите небольшую инструкцию по работе с инструментом». */
export function FirstRunGuide({ onDismiss }: { onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert icon={<IconBulb size={20} />} title={t('articles.guide.title')} color="blue" variant="light" role="region" aria-label={t('articles.guide.title')}>
      <List size="sm" spacing={4} type="ordered">
        <List.Item>{t('articles.guide.step1')}</List.Item>
        <List.Item>{t('articles.guide.step2')}</List.Item>
        <List.Item>{t('articles.guide.step3')}</List.Item>
        <List.Item>{t('articles.guide.step4')}</List.Item>
        <List.Item>{t('articles.guide.step5')}</List.Item>
      </List>
      <Text size="xs" c="dimmed" mt={6}>
        {t('articles.guide.note')}
      </Text>
      <Group justify="flex-end" mt="xs">
        <Button size="xs" onClick={onDismiss}>
          {t('articles.guide.ok')}
        </Button>
      </Group>
    </Alert>
  );
}
