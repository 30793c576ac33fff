import { Anchor, Button, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { IdentifyResponse } from '../../api/types';
import { AuthCard } from './AuthCard';
import { authErrorText } from './authErrorText';
import './texts';

/**
 * The number's check (the server's own schema, with libphonenumber's metadata: a third of the sign-in screen's code)
 * is loaded once the person starts typing, not with the screen; it is there long before the number is whole.
 */
const loadCheck = () => import('./validation').then((m) => m.checkPhone);

/**
 * Step 1: the phone number. The server answers whether to confirm it by SMS or ask the password. `onSending`: the
 * number is on its way (the screen loads the next steps meanwhile).
 */
export function PhoneStep({ initial, onIdentified, onSending }: { initial: string; onIdentified: (r: IdentifyResponse) => void; onSending?: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    // Not loaded (the network failed just then): the server checks the number as well, and says so.
    const check = await loadCheck().catch(() => null);
    const checked = check ? check(value) : { ok: true as const };
    if (!checked.ok) {
      setBusy(false);
      setError(t(`errors.${checked.code}`));
      return;
    }
    setError(null);
    onSending?.();
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
          onChange={(e) => {
            setValue(e.currentTarget.value);
            void loadCheck().catch(() => undefined);
          }}
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
