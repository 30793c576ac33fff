import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AuthCard, AuthFrame } from '../auth/AuthCard';
import './texts';

/** Opened from another computer before the first run: nothing to do here but say where. */
export function SetupElsewhere() {
  const { t } = useTranslation();
  return (
    <AuthFrame>
      <AuthCard title={t('setup.elsewhereTitle')}>
        <Text>{t('setup.elsewhereText')}</Text>
        <Text size="sm" c="dimmed">
          {t('setup.elsewhereHint')}
        </Text>
      </AuthCard>
    </AuthFrame>
  );
}
