import { Button, Group, Paper, Stack, Tabs, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { JoinRequest } from '@parta/contracts';
import type { JoinRequestResponse, JoinRequestsResponse } from '../../api/types';
import { relativeTime } from '../common/dates';
import { formalName } from '../common/personName';
import { roleTitle } from '../common/roleLabel';
import { EmptyText, ErrorAlert, Loading, PageTitle } from '../common/ui';
import { schoolKey, useSchoolContext } from '../school/useSchool';
import { RejectRequestModal } from './RejectRequestModal';
import { RequestStatusBadge } from './RequestStatusBadge';
import { ParentRequestTitle } from '../parents/ParentRequestTitle';

type Status = 'pending' | 'approved' | 'rejected';

/** ORG-4 «Заявки»: pending requests with role, classes and subjects; «Одобрить» / «Отклонить». */
export function RequestsPage() {
  const { t } = useTranslation();
  const { data: school } = useSchoolContext();
  const [status, setStatus] = useState<Status>('pending');
  const requests = useQuery({
    queryKey: ['schoolRequests', school.id, status],
    queryFn: () => api<JoinRequestsResponse>('GET', `/schools/${school.id}/join-requests?status=${status}`),
  });

  return (
    <Stack gap="md">
      <PageTitle>{t('schoolMenu.requests')}</PageTitle>
      <Tabs value={status} onChange={(v) => setStatus(v === 'approved' || v === 'rejected' ? v : 'pending')}>
        <Tabs.List>
          <Tabs.Tab value="pending">{t('requestStatus.pending')}</Tabs.Tab>
          <Tabs.Tab value="approved">{t('requestStatus.approved')}</Tabs.Tab>
          <Tabs.Tab value="rejected">{t('requestStatus.rejected')}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {requests.isPending ? (
        <Loading />
      ) : requests.isError ? (
        <ErrorAlert error={requests.error} onRetry={() => void requests.refetch()} />
      ) : requests.data.data.length === 0 ? (
        <EmptyText>{t('requests.empty')}</EmptyText>
      ) : (
        <Stack gap="sm">
          {requests.data.data.map((r) => (
            <RequestCard key={r.id} request={r} schoolId={school.id} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function RequestCard({ request: r, schoolId }: { request: JoinRequest; schoolId: string }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const decide = useMutation({
    mutationFn: ({ verdict, reason }: { verdict: 'approve' | 'reject'; reason?: string }) =>
      api<JoinRequestResponse>('POST', `/join-requests/${r.id}/${verdict}`, verdict === 'reject' ? { reason: reason || undefined } : undefined),
    onSettled: async () => {
      setRejecting(false);
      await client.invalidateQueries({ queryKey: ['schoolRequests', schoolId] });
      await client.invalidateQueries({ queryKey: schoolKey(schoolId) });
      await client.invalidateQueries({ queryKey: ['members', schoolId] });
    },
  });
  return (
    <Paper withBorder p="md" component="article" aria-label={formalName(r.applicant)}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4}>
          <Text fw={600}>{formalName(r.applicant)}</Text>
          {r.role === 'parent' && r.children.length > 0 && <ParentRequestTitle request={r} />}
          <Text size="sm">
            {t('requests.role')}: {roleTitle(t, r.role)}
          </Text>
          {r.classes.length > 0 && (
            <Text size="sm">
              {t('requests.classes')}: {r.classes.map((c) => c.name).join(', ')}
            </Text>
          )}
          {r.subjects.length > 0 && (
            <Text size="sm">
              {t('requests.subjects')}: {r.subjects.join(', ')}
            </Text>
          )}
          {r.comment && (
            <Text size="sm">
              {t('requests.comment')}: {r.comment}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {r.decidedAt
              ? t('requests.decidedAt', { date: relativeTime(r.decidedAt, i18n.language) })
              : t('requests.sentAt', { date: relativeTime(r.createdAt, i18n.language) })}
          </Text>
        </Stack>
        {r.status === 'pending' ? (
          <Group gap="xs">
            <Button
              color="teal.9"
              onClick={() => decide.mutate({ verdict: 'approve' })}
              loading={decide.isPending && decide.variables.verdict === 'approve'}
              disabled={decide.isPending}
            >
              {t('requests.approve')}
            </Button>
            <Button
              variant="light"
              color="red"
              onClick={() => setRejecting(true)}
              loading={decide.isPending && decide.variables.verdict === 'reject'}
              disabled={decide.isPending}
            >
              {t('requests.reject')}
            </Button>
          </Group>
        ) : (
          <RequestStatusBadge status={r.status} />
        )}
      </Group>
      {r.rejectReason && (
        <Text size="sm" mt="xs" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>
          {t('requests.reasonLine', { reason: r.rejectReason })}
        </Text>
      )}
      <RejectRequestModal
        request={rejecting ? r : null}
        pending={decide.isPending}
        onReject={(reason) => decide.mutate({ verdict: 'reject', reason })}
        onClose={() => setRejecting(false)}
      />
      {decide.isError && (
        <div style={{ marginTop: 8 }}>
          <ErrorAlert error={decide.error} />
        </div>
      )}
    </Paper>
  );
}
