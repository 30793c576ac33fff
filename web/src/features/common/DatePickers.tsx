// Loaded with the first date field a screen shows (DateFields.tsx): @mantine/dates and dayjs stay out of the rest.
import '@mantine/dates/styles.css';
import { DateInput, DateTimePicker } from '@mantine/dates';
import dayjs from 'dayjs';
import 'dayjs/locale/ru';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { useTranslation } from 'react-i18next';

dayjs.extend(customParseFormat);

/** What a person may type into a date field: «17.05.1990», «7.5.1990», or the ISO form a browser may paste. */
const TYPED_FORMATS = ['DD.MM.YYYY', 'D.M.YYYY', 'YYYY-MM-DD'];

/** A typed day as `YYYY-MM-DD`, or null while it is not a whole, real date yet. */
export function parseTypedDate(text: string): string | null {
  const d = dayjs(text.trim(), TYPED_FORMATS, true);
  return d.isValid() ? d.format('YYYY-MM-DD') : null;
}

export interface DateFieldProps {
  label: string;
  /** `YYYY-MM-DD`, or '' for none — what the API takes for a day. */
  value: string;
  onChange: (value: string) => void;
  error?: string;
  /** `YYYY-MM-DD` bounds. */
  minDate?: string;
  maxDate?: string;
  /** Opens on years first: right for a birth date, decades away. */
  startWithYears?: boolean;
  autoComplete?: string;
}

/**
 * A day in the UI's language (a native date input shows the browser's `mm/dd/yyyy`): typed as
 * «17.05.1990» or picked in a calendar with Russian month names, Monday first (DatesProvider).
 */
export function DateField({ label, value, onChange, error, minDate, maxDate, startWithYears, autoComplete }: DateFieldProps) {
  const { t } = useTranslation();
  return (
    <DateInput
      label={label}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      valueFormat="DD.MM.YYYY"
      dateParser={parseTypedDate}
      placeholder={t('ui.datePlaceholder')}
      minDate={minDate}
      maxDate={maxDate}
      defaultLevel={startWithYears && !value ? 'decade' : 'month'}
      autoComplete={autoComplete}
      error={error}
      popoverProps={{ withinPortal: true }}
    />
  );
}

export interface DateTimeFieldProps {
  label: string;
  description?: string;
  /** The moment as an ISO instant, or '' for none — what the API takes. */
  value: string;
  onChange: (isoOrEmpty: string) => void;
  error?: string;
  maw?: number;
}

/**
 * A moment (a poll's deadline) picked in the person's local time with a Russian calendar and a
 * 24-hour clock; handed on as an ISO instant, so the server never sees the browser's format.
 */
export function DateTimeField({ label, description, value, onChange, error, maw }: DateTimeFieldProps) {
  const { t } = useTranslation();
  return (
    <DateTimePicker
      label={label}
      description={description}
      value={value ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : null}
      onChange={(v) => onChange(v ? dayjs(v).toISOString() : '')}
      valueFormat="DD.MM.YYYY HH:mm"
      placeholder={t('ui.dateTimePlaceholder')}
      clearable
      clearButtonProps={{ 'aria-label': t('ui.clear') }}
      minDate={dayjs().format('YYYY-MM-DD')}
      error={error}
      maw={maw}
      popoverProps={{ withinPortal: true }}
    />
  );
}
