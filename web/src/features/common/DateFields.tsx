import { TextInput } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { lazyScreen } from '../../app/lazyScreen';
import type { DateFieldProps, DateTimeFieldProps } from './DatePickers';

// The calendars (@mantine/dates, dayjs) load when a screen first shows a date field: the sign-up's birth date, a
// poll's deadline. Until then the field stands in its place, labelled and not yet editable, so nothing moves.
const LazyDateField = lazyScreen(() => import('./DatePickers').then((m) => m.DateField));
const LazyDateTimeField = lazyScreen(() => import('./DatePickers').then((m) => m.DateTimeField));

/** A day, typed as «17.05.1990» or picked in a Russian calendar (DatePickers.tsx). */
export function DateField(props: DateFieldProps) {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<TextInput label={props.label} placeholder={t('ui.datePlaceholder')} disabled />}>
      <LazyDateField {...props} />
    </Suspense>
  );
}

/** A moment in the person's local time (a poll's deadline), handed on as an ISO instant (DatePickers.tsx). */
export function DateTimeField(props: DateTimeFieldProps) {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <TextInput label={props.label} description={props.description} placeholder={t('ui.dateTimePlaceholder')} maw={props.maw} disabled />
      }
    >
      <LazyDateTimeField {...props} />
    </Suspense>
  );
}
