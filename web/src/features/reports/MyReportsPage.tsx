import { Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { fullDateTime } from '../common/dates';
import { EmptyText, ErrorAlert, Loading, PageTitle, useDocumentTitle } from '../common/ui';
import { useMyReports } from './api';
import './texts';

/** «Мои жалобы»: what I reported and what the administration decided, live. */
export function MyReportsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('safety.mine.title'));
  const mine = useMyReports();
  return (
    <Stack gap="md">
      <PageTitle>{t('safety.mine.title')}</PageTitle>
      {mine.isPending ? (
        <Loading />
      ) : mine.isError ? (
        <ErrorAlert error={mine.error} onRetry={() => void mine.refetch()} />
      ) : mine.data.data.length === 0 ? (
        <EmptyText>{t('safety.mine.empty')}</EmptyText>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {mine.data.data.map((r) => (
            <Paper key={r.id} withBorder p="sm" component="li" data-report={r.id}>
              <Group justify="space-between" gap="xs">
                <Text size="sm" fw={600}>
                  {t(`safety.report.what.${r.targetType}`)} · {t(`safety.report.reasons.${r.reason}`)}
                </Text>
                <Text size="xs" c="dimmed">
                  {fullDateTime(r.createdAt, i18n.language)}
                </Text>
              </Group>
              {r.excerpt && (
                <Text size="sm" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                  «{r.excerpt}»
                </Text>
              )}
              <Text mt={6} size="sm" fw={r.outcomes.length ? 600 : 400} c={r.outcomes.length ? undefined : 'dimmed'} data-outcome={r.outcomes.join(' ') || undefined}>
                {r.outcomes.length
                  ? t('safety.mine.outcome', { outcome: r.outcomes.map((o) => t(`safety.outcomes.${o}`)).join(', ') })
                  : t('safety.mine.waiting')}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
