import type { LessonSummary } from '@parta/contracts';
import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useMe } from '../auth/useMe';
import { dateTime } from '../common/dates';
import { fullName } from '../common/personName';
import { EmptyText, ErrorAlert, Loading, PageTitle, useDocumentTitle } from '../common/ui';
import './texts';

/** ATT-1: past and live lessons whose attendance I may see (teachers: theirs and their classes'; administrators: all). */
export function LessonHistoryPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('lessons.historyTitle'));
  const me = useMe().data;
  const schools = [...new Map((me?.memberships ?? [])
    .filter((m) => m.role === 'teacher' || m.role === 'admin')
    .map((m) => [m.schoolId, m.schoolName])).entries()];
  const lists = useQueries({
    queries: schools.map(([schoolId]) => ({
      queryKey: ['lessons', 'history', schoolId],
      queryFn: () => api<{ data: LessonSummary[] }>('GET', `/lessons?schoolId=${schoolId}`),
    })),
  });
  return (
    <Stack gap="md">
      <PageTitle>{t('lessons.historyTitle')}</PageTitle>
      {schools.length === 0 && <EmptyText>{t('lessons.historyEmpty')}</EmptyText>}
      {schools.map(([schoolId, schoolName], i) => {
        const q = lists[i];
        return (
          <Paper key={schoolId} withBorder p="md" component="section" aria-label={schoolName}>
            {schools.length > 1 && (
              <Title order={2} size="h4" mb="sm">
                {schoolName}
              </Title>
            )}
            {!q || q.isPending ? (
              <Loading />
            ) : q.isError ? (
              <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
            ) : q.data.data.length === 0 ? (
              <EmptyText>{t('lessons.historyEmpty')}</EmptyText>
            ) : (
              <Stack gap="xs">
                {q.data.data.map((l) => (
                  <Group key={l.id} justify="space-between" wrap="wrap" gap="xs">
                    <div>
                      <Anchor component={Link} to={`/lessons/${l.id}/attendance`} fw={600}>
                        {l.title || fullName(l.host)}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {dateTime(l.startedAt, i18n.language)} · {fullName(l.host)}
                      </Text>
                    </div>
                    {!l.endedAt && <Badge color="green" variant="light">{t('lessons.stillGoing')}</Badge>}
                  </Group>
                ))}
              </Stack>
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}
