import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { AssignmentDetail } from '@parta/contracts';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../common/dates';
import { fullName } from '../common/personName';
import { FileLinks } from './FileLinks';
import { MarkView } from './MarkView';
import './texts';

/** PAR-1: a parent's view of their child's work on an assignment — handed in when, late, the files, the mark. Read-only. */
export function ChildWork({ work }: { work: AssignmentDetail['family'][number] }) {
  const { t, i18n } = useTranslation();
  const id = `hw-child-${work.child.id}`;
  const sub = work.submission;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id} data-testid="child-work">
      <Title order={2} size="h4" mb="sm" id={id}>
        {t('homework.childWork', { name: fullName(work.child) })}
      </Title>
      <Stack gap="sm">
        {work.mark && <MarkView mark={work.mark} />}
        {sub ? (
          <Stack gap={6}>
            <Group gap="xs">
              <Text size="sm" c="dimmed">
                {t('homework.submittedAt', { date: dateTime(sub.submittedAt, i18n.language) })}
              </Text>
              {sub.late && <Badge color="orange.9" variant="outline">{t('homework.lateBadge')}</Badge>}
            </Group>
            {sub.text && <Text style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{sub.text}</Text>}
            <FileLinks files={sub.files} />
          </Stack>
        ) : (
          !work.mark && <Text c="dimmed">{t('homework.notYet')}</Text>
        )}
      </Stack>
    </Paper>
  );
}
