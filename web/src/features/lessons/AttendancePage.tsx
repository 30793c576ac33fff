import { Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import { clockTime, dateTime } from '../common/dates';
import { formalName, fullName } from '../common/personName';
import { ErrorAlert, Loading, NoAccess, NotFound, PageTitle, useDocumentTitle } from '../common/ui';
import { type AttendanceData, lessonKeys } from './api';
import './texts';

/** «1 ч 05 мин», «7 мин», «40 с». */
function duration(t: TFunction, seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (h > 0) return t('lessons.durationHm', { h, m: String(m).padStart(2, '0') });
  if (m > 0) return t('lessons.durationM', { m });
  return t('lessons.durationS', { s: seconds });
}

/** Filled in the darkest shades: white text on them passes WCAG AA (a «light» badge's text does not, on a striped row). */
const statusColor = { present: 'teal.9', absent: 'red.9' } as const;

/** The browser's IANA zone (Europe/Moscow), the one the screen's times are in. */
function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** «ведущий»; «не учитывается» for someone who came uninvited (another teacher, the administration): present, not in the count. */
function RowBadges({ row }: { row: AttendanceData['rows'][number] }) {
  const { t } = useTranslation();
  if (row.host) {
    return (
      <Badge ml={6} size="xs" variant="light">
        {t('lessons.host')}
      </Badge>
    );
  }
  if (row.counted) return null;
  return (
    <Badge ml={6} size="xs" variant="outline" color="gray" data-testid="not-counted">
      {t('lessons.notCounted')}
    </Badge>
  );
}

/** ATT-1: who was in the lesson, when they came and left, for how long; the absent; CSV for Excel. */
export function AttendancePage() {
  const { lessonId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const mobile = useMediaQuery('(max-width: 36em)');
  const q = useQuery({
    queryKey: lessonKeys.attendance(lessonId),
    queryFn: () => api<{ data: AttendanceData }>('GET', `/lessons/${lessonId}/attendance`),
  });
  const data = q.data?.data;
  useDocumentTitle(data ? t('lessons.attendanceOf', { title: data.lesson.title || fullName(data.lesson.host) }) : null);
  if (q.isPending) return <Loading />;
  if (q.isError) {
    if (q.error instanceof ApiError && q.error.status === 403) return <NoAccess back={{ to: '/lessons', label: t('lessons.historyTitle') }} />;
    if (q.error instanceof ApiError && q.error.status === 404) return <NotFound />;
    return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  }
  if (!data) return null;
  const time = (iso: string) => clockTime(iso, i18n.language);
  const lesson = data.lesson;
  // The CSV's times in this browser's zone, as the screen shows them.
  const csvHref = `/api/lessons/${lessonId}/attendance.csv?${new URLSearchParams({ tz: browserTimeZone() })}`;
  return (
    <Stack gap="md">
      <PageTitle
        right={
          <Button component="a" href={csvHref} download leftSection={<IconDownload size={16} />} variant="light">
            {t('lessons.exportCsv')}
          </Button>
        }
      >
        {t('lessons.attendanceOf', { title: lesson.title || fullName(lesson.host) })}
      </PageTitle>
      <Text c="dimmed" size="sm">
        {dateTime(lesson.startedAt, i18n.language)}
        {lesson.endedAt ? ` — ${time(lesson.endedAt)}` : ` · ${t('lessons.stillGoing')}`}
        {' · '}
        <span data-testid="came-count" style={{ whiteSpace: 'nowrap' }}>{t('lessons.cameCount', { came: data.came, total: data.expected })}</span>
      </Text>
      {mobile ? (
        <Stack gap="xs" data-testid="attendance">
          {data.rows.map((r) => (
            <Paper key={r.person.id} withBorder p="sm">
              <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                {/* The name wraps; the status badge keeps its width. */}
                <Text fw={600} size="sm" style={{ minWidth: 0, flex: 1 }}>
                  {formalName(r.person)}
                  <RowBadges row={r} />
                </Text>
                <Badge color={statusColor[r.status]} variant="filled" style={{ flexShrink: 0 }}>
                  {t(`lessons.status.${r.status}`)}
                </Badge>
              </Group>
              {r.status === 'present' && (
                <Text size="xs" c="dimmed" mt={4}>
                  {r.intervals.map((i) => `${time(i.joinedAt)}–${i.leftAt ? time(i.leftAt) : t('lessons.now')}`).join(', ')} · {duration(t, r.seconds)}
                </Text>
              )}
            </Paper>
          ))}
        </Stack>
      ) : (
      <Paper withBorder style={{ overflowX: 'auto' }}>
        <Table striped miw={560} data-testid="attendance">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('lessons.col.person')}</Table.Th>
              <Table.Th>{t('lessons.col.status')}</Table.Th>
              <Table.Th>{t('lessons.col.times')}</Table.Th>
              <Table.Th>{t('lessons.col.duration')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.rows.map((r) => (
              <Table.Tr key={r.person.id}>
                <Table.Td>
                  {formalName(r.person)}
                  <RowBadges row={r} />
                </Table.Td>
                <Table.Td>
                  <Badge color={statusColor[r.status]} variant="filled">
                    {t(`lessons.status.${r.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {r.intervals.map((i) => `${time(i.joinedAt)}–${i.leftAt ? time(i.leftAt) : t('lessons.now')}`).join(', ') || '—'}
                  </Text>
                </Table.Td>
                <Table.Td>{r.status === 'present' ? duration(t, r.seconds) : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      )}
      <Group>
        <Text size="xs" c="dimmed">
          {t('lessons.attendanceNote')}
        </Text>
      </Group>
    </Stack>
  );
}
