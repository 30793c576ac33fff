import { Button, Divider, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errorText';
import { AuthCard } from '../auth/AuthCard';
import { checkPhone } from '../auth/validation';
import './texts';
import '../auth/texts';

/** «Первый запуск»: the operator's phone, and the demo school for someone who only wants to try Parta. */
export function SetupStartStep({
  initialPhone,
  demoOffered,
  onPhone,
  onDemo,
}: {
  initialPhone: string;
  demoOffered: boolean;
  onPhone: (e164: string) => Promise<void>;
  onDemo: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState(initialPhone);
  const [error, setError] = useState<string | null>(null);
  const [demoError, setDemoError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'phone' | 'demo' | null>(null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const checked = checkPhone(phone);
    if (!checked.ok) {
      setError(t(`errors.${checked.code}`));
      return;
    }
    setError(null);
    setBusy('phone');
    try {
      await onPhone(checked.e164);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(null);
    }
  };

  const demo = async () => {
    setDemoError(null);
    setBusy('demo');
    try {
      await onDemo();
    } catch (err) {
      setDemoError(errorText(t, err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <AuthCard title={t('setup.title')} subtitle={t('setup.intro')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('setup.operatorTitle')}
          </Title>
          <Text size="sm">{t('setup.operatorText')}</Text>
          <TextInput
            label={t('auth.phoneLabel')}
            placeholder={t('auth.phonePlaceholder')}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            error={error}
            autoFocus
          />
          <Button type="submit" fullWidth size="md" loading={busy === 'phone'} disabled={busy === 'demo'}>
            {t('setup.getCode')}
          </Button>
        </Stack>
      </form>
      {demoOffered && (
        <Stack gap="sm">
          <Divider />
          <Title order={2} size="h4">
            {t('setup.demoTitle')}
          </Title>
          <Text size="sm">{t('setup.demoText')}</Text>
          {demoError && (
            <Text size="sm" c="red" role="alert">
              {demoError}
            </Text>
          )}
          <Button variant="light" fullWidth size="md" onClick={() => void demo()} loading={busy === 'demo'} disabled={busy === 'phone'}>
            {t('setup.tryDemo')}
          </Button>
        </Stack>
      )}
    </AuthCard>
  );
}
