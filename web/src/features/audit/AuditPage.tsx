import { type AuditEntry, type AuditKind, auditKinds } from '@parta/contracts';
import { Box, Button, Group, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/client';
import { formalName } from '../common/personName';
import { fullDateTime } from '../common/dates';
import { EmptyText, ErrorAlert, Loading, PageTitle, useDocumentTitle } from '../common/ui';
import type { AuditList } from '../reports/api';
import { useSchoolContext } from '../school/useSchool';
import '../reports/texts';
import './audit.css';

/** «Журнал действий» of a school: its administration's view (inside «Моя школа»). */
export function SchoolAuditPage() {
  const school = useSchoolContext().data;
  return <AuditLog scope={{ schoolId: school.id }} />;
}

/** The platform operator's «Журнал действий»: every school's lines. */
export function OperatorAuditPage() {
  return <AuditLog scope={{ schoolId: null }} />;
}

/**
 * SAFE-1: who did what, to whom, when and from where — newest first, filtered by person and kind, with «Скачать CSV»
 * (UTF-8 with BOM, `;`). Read only: nothing here changes a line.
 */
function AuditLog({ scope }: { scope: { schoolId: string | null } }) {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('safety.audit.title'));
  const [actorId, setActorId] = useState<string | null>(null);
  const [kind, setKind] = useState<AuditKind | null>(null);
  const base = scope.schoolId ? `/schools/${scope.schoolId}/audit` : '/operator/audit';
  const filter = { actorId, kind };
  const log = useInfiniteQuery({
    queryKey: ['audit', scope.schoolId ?? 'all', actorId, kind],
    queryFn: ({ pageParam }) => api<AuditList>('GET', `${base}${query({ ...filter, before: pageParam })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.hasMore ? (last.data.at(-1)?.createdAt ?? null) : null),
  });
  const lines = log.data?.pages.flatMap((p) => p.data) ?? [];
  const actors = log.data?.pages[0]?.actors ?? [];
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const csv = scope.schoolId ? `/api/schools/${scope.schoolId}/audit.csv${query({ actorId, kind, tz })}` : null;
  return (
    <Stack gap="md">
      <PageTitle
        right={
          csv && (
            <Button component="a" href={csv} download variant="light" leftSection={<IconDownload size={16} />}>
              {t('safety.audit.csv')}
            </Button>
          )
        }
      >
        {t('safety.audit.title')}
      </PageTitle>
      <Group gap="sm" grow preventGrowOverflow={false}>
        <Select
          label={t('safety.audit.who')}
          placeholder={t('safety.audit.everyone')}
          data={actors.map((a) => ({ value: a.id, label: formalName(a) }))}
          value={actorId}
          onChange={setActorId}
          clearable
          searchable
        />
        <Select
          label={t('safety.audit.kind')}
          placeholder={t('safety.audit.allKinds')}
          data={auditKinds.map((k) => ({ value: k, label: t(`safety.audit.kinds.${k}`) }))}
          value={kind}
          onChange={(v) => setKind(v as AuditKind | null)}
          clearable
        />
      </Group>
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <ErrorAlert error={log.error} onRetry={() => void log.refetch()} />
      ) : lines.length === 0 ? (
        <EmptyText>{t('safety.audit.empty')}</EmptyText>
      ) : (
        <>
          {/* Phones: one card a line; wider screens: a table. */}
          <Stack gap="xs" hiddenFrom="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('safety.audit.title')}>
            {lines.map((l) => (
              <Paper key={l.id} withBorder p="sm" component="li" data-audit={l.kind}>
                <Text size="sm" fw={600}>
                  {t(`safety.audit.kinds.${l.kind}`)}
                </Text>
                <Text size="sm">
                  {l.actor ? formalName(l.actor) : '—'}
                  {l.subject && ` → ${formalName(l.subject)}`}
                </Text>
                <DetailsText line={l} />
                <Text size="xs" c="dimmed">
                  {fullDateTime(l.createdAt, i18n.language)}
                  {l.ip && ` · ${l.ip}`}
                  {!scope.schoolId && l.school && ` · ${l.school.name}`}
                </Text>
              </Paper>
            ))}
          </Stack>
          {/* A region one can scroll with the keyboard (focusable), when the table is wider than the window. */}
          <Box visibleFrom="md" className="parta-audit-table" tabIndex={0} role="region" aria-label={t('safety.audit.title')}>
            <Table striped verticalSpacing="xs" aria-label={t('safety.audit.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('safety.audit.when')}</Table.Th>
                  <Table.Th>{t('safety.audit.who')}</Table.Th>
                  <Table.Th>{t('safety.audit.kind')}</Table.Th>
                  <Table.Th>{t('safety.audit.whom')}</Table.Th>
                  <Table.Th>{t('safety.audit.details')}</Table.Th>
                  <Table.Th>{scope.schoolId ? t('safety.audit.ip') : t('safety.audit.school')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lines.map((l) => (
                  <Table.Tr key={l.id} data-audit={l.kind}>
                    <Table.Td>{fullDateTime(l.createdAt, i18n.language)}</Table.Td>
                    <Table.Td>{l.actor ? formalName(l.actor) : '—'}</Table.Td>
                    <Table.Td>{t(`safety.audit.kinds.${l.kind}`)}</Table.Td>
                    <Table.Td>{l.subject ? formalName(l.subject) : ''}</Table.Td>
                    <Table.Td>
                      <DetailsText line={l} />
                    </Table.Td>
                    <Table.Td>{scope.schoolId ? (l.ip ?? '') : (l.school?.name ?? '')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Box>
          {log.hasNextPage && (
            <Group justify="center">
              <Button variant="subtle" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
                {t('safety.audit.more')}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}

/** The facts a line carries that a person reads: the chat, a ban's end, a report's outcome. */
function DetailsText({ line }: { line: AuditEntry }) {
  const { t, i18n } = useTranslation();
  const d = line.details;
  const parts: string[] = [];
  if (typeof d.chatName === 'string' && d.chatName) parts.push(t('safety.audit.chat', { name: d.chatName }));
  if (typeof d.until === 'string') parts.push(t('safety.audit.until', { date: fullDateTime(d.until, i18n.language) }));
  if (Array.isArray(d.outcomes) && d.outcomes.length > 0) {
    parts.push(t('safety.audit.outcome', { outcome: d.outcomes.map((o) => t(`safety.outcomes.${String(o)}`)).join(', ') }));
  }
  if (parts.length === 0) return null;
  return (
    <Text size="sm" c="dimmed">
      {parts.join(', ')}
    </Text>
  );
}
