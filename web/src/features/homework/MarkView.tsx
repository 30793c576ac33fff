import { Badge, Group, List, Stack, Text } from '@mantine/core';
import type { Mark } from '@parta/contracts';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../common/dates';
import { fullName } from '../common/personName';
import { markText } from './markText';
import './texts';

/** A mark with its comment, who gave it, and every change (who, when, from what to what). */
export function MarkView({ mark }: { mark: Mark }) {
  const { t, i18n } = useTranslation();
  const who = (p: Mark['givenBy']) => (p ? fullName(p) : '—');
  return (
    <Stack gap={6} data-testid="mark">
      <Group gap="xs">
        <Text fw={600}>{t('homework.mark')}:</Text>
        <Badge size="xl" variant="filled" color="blue.8" radius="sm">
          {markText(t, mark.value)}
        </Badge>
      </Group>
      {mark.comment && <Text style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{mark.comment}</Text>}
      <Text size="sm" c="dimmed">
        {t('homework.givenBy', { who: who(mark.givenBy), date: dateTime(mark.givenAt, i18n.language) })}
      </Text>
      {mark.changes.length > 0 && (
        <div>
          <Text size="sm" fw={600}>
            {t('homework.history')}
          </Text>
          <List size="sm">
            {mark.changes.map((c) => (
              <List.Item key={c.at + c.to}>
                {t('homework.change', { from: markText(t, c.from), to: markText(t, c.to), who: who(c.by), date: dateTime(c.at, i18n.language) })}
              </List.Item>
            ))}
          </List>
        </div>
      )}
    </Stack>
  );
}
