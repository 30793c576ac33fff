import { Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errorText';
import { AuthCard } from './AuthCard';
import { PersonalFields } from './PersonalFields';
import { checkPersonalData, type PersonalData, type PersonalErrors } from './validation';
import './texts';

const empty: PersonalData = { firstName: '', lastName: '', middleName: '', gender: '', birthDate: '' };

/** Step 4 «Информация»: who the person is. «Продолжить» creates the account. */
export function InfoStep({ onBack, onSubmit }: { onBack: () => void; onSubmit: (d: PersonalData) => Promise<void> }) {
  const { t } = useTranslation();
  const [data, setData] = useState<PersonalData>(empty);
  const [errors, setErrors] = useState<PersonalErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const checked = checkPersonalData(data);
    setErrors(checked);
    if (Object.keys(checked).length > 0) return;
    setFormError(null);
    setBusy(true);
    try {
      await onSubmit(data);
    } catch (err) {
      setFormError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t('auth.infoTitle')} subtitle={t('auth.infoText')} onBack={onBack}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <PersonalFields value={data} errors={errors} onChange={setData} />
          {formError && (
            <Text size="sm" c="red" role="alert">
              {formError}
            </Text>
          )}
          <Button type="submit" fullWidth loading={busy} size="md">
            {t('auth.continue')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
