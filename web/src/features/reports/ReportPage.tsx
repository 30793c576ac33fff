import type { BanDuration, DecideReportRequest, ReportAction } from '@parta/contracts';
import { Alert, Anchor, Badge, Button, Checkbox, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { formalName } from '../common/personName';
import { clockTime, fullDateTime } from '../common/dates';
import { ErrorAlert, Loading, NotFound, useDocumentTitle } from '../common/ui';
import { decideReport, type ReportDetail, reportKeys, useReport } from './api';
import './texts';

const banDurations: BanDuration[] = ['1h', '1d', '1w'];

/**
 * One report for the school's administration: what was reported, in its context (the messages around it, the
 * reported one marked), who reported it, and the decision: hide, warn, ban from writing in the chat, remove from it,
 * or dismiss.
 */
export function ReportPage() {
  const { reportId = '' } = useParams();
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('safety.reports.title'));
  const client = useQueryClient();
  const navigate = useNavigate();
  const report = useReport(reportId);
  const decide = useMutation({
    mutationFn: (body: DecideReportRequest) => decideReport(reportId, body),
    onSuccess: () => void client.invalidateQueries({ queryKey: reportKeys.all }),
  });
  if (report.isPending) return <Loading />;
  if (report.isError) {
    if (report.error instanceof ApiError && (report.error.status === 404 || report.error.status === 403)) return <NotFound />;
    return <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />;
  }
  const r = report.data.data;
  return (
    <Stack gap="md">
      <Anchor component="button" type="button" size="sm" onClick={() => void navigate(-1)} style={{ alignSelf: 'flex-start' }}>
        <Group gap={4} wrap="nowrap">
          <IconArrowLeft size={14} />
          {t('safety.reports.back')}
        </Group>
      </Anchor>
      <Group gap="xs">
        <Title order={1} size="h3">
          {t(`safety.report.reasons.${r.reason}`)} · {t(`safety.report.what.${r.targetType}`)}
        </Title>
        {r.urgent && <Badge color="red">{t('safety.reports.urgent')}</Badge>}
      </Group>
      <Text size="sm" c="dimmed">
        {fullDateTime(r.createdAt, i18n.language)} · {t('safety.reports.from', { name: formalName(r.reporter) })}
        {r.subject && ` · ${t('safety.reports.about', { name: formalName(r.subject) })}`}
        {r.chat && ` · ${t('safety.reports.inChat', { name: r.chat.name })}`}
      </Text>
      {r.comment && <Text size="sm">{t('safety.reports.comment', { text: r.comment })}</Text>}

      {r.context.length > 0 ? (
        <Paper withBorder p="sm">
          <Text size="sm" fw={600} mb={6}>
            {t('safety.reports.context')}
          </Text>
          <Stack gap={6} component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {r.context.map((m) => {
              const reported = m.id === r.targetId;
              return (
                <Paper
                  key={m.id}
                  component="li"
                  p={6}
                  withBorder={reported}
                  bg={reported ? 'var(--mantine-color-red-light)' : undefined}
                  data-reported={reported || undefined}
                >
                  <Text size="xs" c="dimmed">
                    {formalName(m.author)} · {clockTime(m.createdAt, i18n.language)}
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} fs={m.deleted ? 'italic' : undefined}>
                    {m.deleted ? (reported ? r.excerpt : m.hidden ? t('chats.hiddenByAdmin') : t('chats.deleted')) : m.text}
                  </Text>
                </Paper>
              );
            })}
          </Stack>
        </Paper>
      ) : (
        r.excerpt && (
          <Paper withBorder p="sm">
            <Text size="sm" fw={600}>
              {t('safety.reports.reported')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {r.excerpt}
            </Text>
          </Paper>
        )
      )}

      {r.status === 'decided' && r.outcomes.length > 0 && (
        <Alert color="teal" role="status">
          {t('safety.reports.decidedBy', {
            outcome: r.outcomes.map((o) => t(`safety.outcomes.${o}`)).join(', '),
            name: r.decidedBy ? formalName(r.decidedBy) : '',
            date: r.decidedAt ? fullDateTime(r.decidedAt, i18n.language) : '',
          })}
        </Alert>
      )}
      {decide.isError && <ErrorAlert error={decide.error} />}
      {r.can.decide && <Decision report={r} pending={decide.isPending} onDecide={(body) => decide.mutate(body)} />}
    </Stack>
  );
}

/** The administration's decision: any of hide, warn, ban for a time, remove — at once — or dismiss. */
function Decision({
  report: r,
  pending,
  onDecide,
}: {
  report: ReportDetail['data'];
  pending: boolean;
  onDecide: (body: DecideReportRequest) => void;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<ReportAction[]>([]);
  const [banFor, setBanFor] = useState<BanDuration>('1h');
  const options: { action: ReportAction; label: string; shown: boolean }[] = [
    { action: 'hide', label: t('safety.reports.hide'), shown: r.can.hide },
    { action: 'warn', label: t('safety.reports.warn'), shown: r.subject !== null },
    { action: 'ban', label: t('safety.reports.ban'), shown: r.can.ban },
    { action: 'remove', label: t('safety.reports.remove'), shown: r.can.remove },
  ];
  return (
    <Paper withBorder p="sm">
      <Checkbox.Group label={t('safety.reports.actions')} value={chosen} onChange={(v) => setChosen(v as ReportAction[])}>
        <Stack gap={8} mt={8}>
          {options
            .filter((o) => o.shown)
            .map((o) => (
              <Checkbox key={o.action} value={o.action} label={o.label} />
            ))}
        </Stack>
      </Checkbox.Group>
      {chosen.includes('ban') && (
        <SegmentedControl
          mt="sm"
          value={banFor}
          onChange={(v) => setBanFor(v as BanDuration)}
          data={banDurations.map((d) => ({ value: d, label: t(`safety.reports.banFor.${d}`) }))}
          aria-label={t('safety.reports.ban')}
        />
      )}
      <Group gap="xs" mt="md">
        <Button color="red" disabled={chosen.length === 0} loading={pending} onClick={() => onDecide({ actions: chosen, ...(chosen.includes('ban') ? { banFor } : {}) })}>
          {t('safety.reports.apply')}
        </Button>
        <Button variant="default" disabled={pending} onClick={() => onDecide({ actions: ['dismiss'] })}>
          {t('safety.reports.dismiss')}
        </Button>
      </Group>
    </Paper>
  );
}
