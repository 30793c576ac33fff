import { Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../common/dates';

/** «изменено»: when exactly shows on hover, focus or touch, and is read out with the word. */
export function EditedMark({ at }: { at: string }) {
  const { t, i18n } = useTranslation();
  const when = dateTime(at, i18n.language);
  return (
    <Tooltip label={t('news.editedAt', { when })} events={{ hover: true, focus: true, touch: true }}>
      <Text component="span" size="xs" c="dimmed" tabIndex={0} data-edited-at={at} style={{ cursor: 'default' }}>
        {t('news.edited')}
        <VisuallyHidden> {when}</VisuallyHidden>
      </Text>
    </Tooltip>
  );
}
