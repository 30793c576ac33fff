import { Anchor, Button, Group, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { calendarDate } from '../common/dates';
import { formalName } from '../common/personName';
import { EmptyText, ErrorAlert, Loading, NotFound, PageTitle } from '../common/ui';
import { journalCsvUrl, useJournal } from './api';
import { markText } from './markText';
import './journal.css';
import './texts';

/** «Журнал»: a class's students × assignments of one subject, with marks and averages; CSV and a print view. */
export function JournalPage() {
  const { t, i18n } = useTranslation();
  const { classId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const subject = params.get('subject');
  const q = useJournal(classId, subject);
  if (q.isPending) return <Loading />;
  if (q.isError) {
    if (q.error instanceof ApiError && q.error.status === 404) return <NotFound />;
    return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  }
  const j = q.data.data;
  const average = (n: number | null) => (n === null ? '' : n.toFixed(2).replace('.', i18n.language === 'en' ? '.' : ','));
  return (
    <Stack gap="md" className="journal-page">
      <PageTitle
        right={
          <Group gap="xs" className="journal-actions">
            <Button component="a" href={journalCsvUrl(classId, j.subject)} download variant="light" leftSection={<IconDownload size={16} />}>
              {t('homework.downloadCsv')}
            </Button>
            <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => window.print()}>
              {t('homework.print')}
            </Button>
          </Group>
        }
      >
        {t('homework.journalOf', { class: j.className })}
      </PageTitle>
      {j.subjects.length > 0 && (
        <Select
          className="journal-actions"
          label={t('homework.form.subject')}
          data={j.subjects}
          value={j.subject}
          onChange={(v) => v && setParams({ subject: v }, { replace: true })}
          allowDeselect={false}
          maw={320}
        />
      )}
      <Text className="journal-print-only" fw={600}>
        {j.subject}
      </Text>
      {j.assignments.length === 0 ? (
        <EmptyText>{t('homework.noAssignments')}</EmptyText>
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={320}>
            <Table striped withColumnBorders stickyHeader>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('homework.student')}</Table.Th>
                  {j.assignments.map((a) => (
                    <Table.Th key={a.id} scope="col">
                      <Anchor component={Link} to={`/homework/${a.id}`} size="sm">
                        {a.title}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {calendarDate(a.dueAt, i18n.language)}
                      </Text>
                    </Table.Th>
                  ))}
                  <Table.Th scope="col">{t('homework.average')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {j.rows.map((r) => (
                  <Table.Tr key={r.student.id}>
                    <Table.Th scope="row" fw={500}>
                      {formalName(r.student)}
                    </Table.Th>
                    {j.assignments.map((a) => {
                      const v = r.marks[a.id];
                      return <Table.Td key={a.id} ta="center">{v ? markText(t, v) : ''}</Table.Td>;
                    })}
                    <Table.Td ta="center" fw={600}>
                      {average(r.average)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
