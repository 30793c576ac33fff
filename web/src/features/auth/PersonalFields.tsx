import { Group, Radio, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateField } from '../common/DateFields';
import type { PersonalData, PersonalErrors } from './validation';
import './texts';

/** Имя, Фамилия, Отчество, Пол, Дата рождения: the sign-up «Информация» step and the profile. */
export function PersonalFields({
  value,
  errors,
  onChange,
}: {
  value: PersonalData;
  errors: PersonalErrors;
  onChange: (v: PersonalData) => void;
}) {
  const { t } = useTranslation();
  const set = <K extends keyof PersonalData>(key: K, v: PersonalData[K]) => onChange({ ...value, [key]: v });
  const err = (key: keyof PersonalData) => {
    const e = errors[key];
    return e === 'required' ? t('app.required') : e === 'invalid' ? t('app.invalidField') : undefined;
  };
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Stack gap="sm">
      <TextInput
        label={t('auth.firstName')}
        autoComplete="given-name"
        value={value.firstName}
        onChange={(e) => set('firstName', e.currentTarget.value)}
        error={err('firstName')}
      />
      <TextInput
        label={t('auth.lastName')}
        autoComplete="family-name"
        value={value.lastName}
        onChange={(e) => set('lastName', e.currentTarget.value)}
        error={err('lastName')}
      />
      <TextInput
        label={t('auth.middleName')}
        autoComplete="additional-name"
        value={value.middleName}
        onChange={(e) => set('middleName', e.currentTarget.value)}
        error={err('middleName')}
      />
      <Radio.Group
        label={t('auth.gender')}
        value={value.gender}
        onChange={(v) => set('gender', v === 'male' ? 'male' : 'female')}
        error={err('gender')}
      >
        <Group mt={6}>
          <Radio value="female" label={t('auth.female')} />
          <Radio value="male" label={t('auth.male')} />
        </Group>
      </Radio.Group>
      <DateField
        label={t('auth.birthDate')}
        autoComplete="bday"
        minDate="1900-01-01"
        maxDate={today}
        startWithYears
        value={value.birthDate}
        onChange={(v) => set('birthDate', v)}
        error={err('birthDate')}
      />
    </Stack>
  );
}
