import { Anchor, Button, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { IdentifyResponse } from '../../api/types';
import { AuthCard } from './AuthCard';
import { authErrorText } from './authErrorText';
import { checkPhone } from './validation';

/** Step 1: the phone number. The server answers whether to confirm it by SMS or ask the password. */
export function PhoneStep({ initial, onIdentified }: { initial: string; onIdentified: (r: IdentifyResponse) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const checked = checkPhone(value);
    if (!checked.ok) {
      setError(t(`errors.${checked.code}`));
      return;
    }
    setError(null);
    setBusy(true);
    try {
      onIdentified(await api<IdentifyResponse>('POST', '/auth/identify', { phone: value }));
    } catch (err) {
      setError(authErrorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t('auth.title')} subtitle={t('auth.oneAccount')}>
      <form onSubmit={submit} noValidate>
        <TextInput
          label={t('auth.phoneLabel')}
          placeholder={t('auth.phonePlaceholder')}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          error={error}
          autoFocus
          mb="md"
        />
        <Button type="submit" fullWidth loading={busy} size="md">
          {t('auth.submitPhone')}
        </Button>
      </form>
      <Text size="xs" c="dimmed">
        {t('auth.termsNotePrefix')}
        <Anchor component={Link} to="/terms" size="xs">
          {t('auth.termsLink')}
        </Anchor>
        {t('auth.termsAnd')}
        <Anchor component={Link} to="/privacy" size="xs">
          {t('auth.privacyLink')}
        </Anchor>
      </Text>
    </AuthCard>
  );
}
