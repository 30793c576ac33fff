import { Badge, Button, Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formalName } from '../common/personName';
import { fullDateTime } from '../common/dates';
import { EmptyText, ErrorAlert, Loading, PageTitle, useDocumentTitle } from '../common/ui';
import { useSchoolContext } from '../school/useSchool';
import { useReportList } from './api';
import { SafetySettingsCard } from './SafetySettingsCard';
import './texts';

/** «Жалобы» of the school's administration: new ones first (urgent marked), then those decided. */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('safety.reports.title'));
  const school = useSchoolContext().data;
  const [status, setStatus] = useState<'new' | 'decided'>('new');
  const list = useReportList(school.id, status);
  return (
    <Stack gap="md">
      <PageTitle>{t('safety.reports.title')}</PageTitle>
      <SegmentedControl
        value={status}
        onChange={(v) => setStatus(v as 'new' | 'decided')}
        data={[
          { value: 'new', label: t('safety.reports.new') },
          { value: 'decided', label: t('safety.reports.decided') },
        ]}
      />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.data.length === 0 ? (
        <EmptyText>{t('safety.reports.empty')}</EmptyText>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {list.data.data.map((r) => (
            <Paper key={r.id} withBorder p="sm" component="li">
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Group gap={6}>
                  {r.urgent && <Badge color="red">{t('safety.reports.urgent')}</Badge>}
                  <Text size="sm" fw={600}>
                    {t(`safety.report.reasons.${r.reason}`)} · {t(`safety.report.what.${r.targetType}`)}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed">
                  {fullDateTime(r.createdAt, i18n.language)}
                </Text>
              </Group>
              {r.excerpt && (
                <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                  «{r.excerpt}»
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {t('safety.reports.from', { name: formalName(r.reporter) })}
                {r.subject && ` · ${t('safety.reports.about', { name: formalName(r.subject) })}`}
                {r.chat && ` · ${t('safety.reports.inChat', { name: r.chat.name })}`}
              </Text>
              <Group justify="space-between" mt={6}>
                {r.outcomes.length ? <Badge variant="light">{r.outcomes.map((o) => t(`safety.outcomes.${o}`)).join(', ')}</Badge> : <span />}
                <Button component={Link} to={`/reports/${r.id}`} size="compact-sm" variant="light">
                  {t('safety.reports.open')}
                </Button>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <SafetySettingsCard schoolId={school.id} />
    </Stack>
  );
}
