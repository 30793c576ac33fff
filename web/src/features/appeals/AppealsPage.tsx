import { Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import type { AppealState, AppealSummary } from '@parta/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { fullName } from '../common/personName';
import { roleTitle } from '../common/roleLabel';
import { When } from '../common/When';
import { EmptyText, ErrorAlert, Loading, PageTitle } from '../common/ui';
import { useAppeals } from './api';
import { AppealStateBadge } from './AppealStateBadge';
import { NewAppealForm } from './NewAppealForm';
import './texts';

const states: AppealState[] = ['new', 'in_work', 'answered', 'closed'];

/**
 * ORG-9 «Обращения в школу»: the administration's «Обращения» (by state) and, for students, parents and teachers,
 * «Новое обращение» and «Мои обращения». Live: a new appeal or an answer shows without reloading.
 */
export function AppealsPage() {
  const { t } = useTranslation();
  const { schoolId = '' } = useParams();
  const [state, setState] = useState<AppealState | ''>('');
  const list = useAppeals(schoolId, state);
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  const { data, can } = list.data;

  return (
    <Stack gap="md">
      <PageTitle>{t('appeals.title')}</PageTitle>
      {can.manage && (
        <Stack gap="sm" component="section" aria-labelledby="appeals-inbox">
          <Title order={2} size="h4" id="appeals-inbox">
            {t('appeals.inbox')}
          </Title>
          <SegmentedControl
            aria-label={t('appeals.inbox')}
            value={state}
            onChange={(v) => setState(v as AppealState | '')}
            data={[{ value: '', label: t('appeals.allStates') }, ...states.map((s) => ({ value: s, label: t(`appeals.state.${s}`) }))]}
            style={{ alignSelf: 'flex-start', maxWidth: '100%', overflowX: 'auto' }}
          />
          <AppealList items={data.inbox ?? []} schoolId={schoolId} empty={t('appeals.inboxEmpty')} showAuthor />
        </Stack>
      )}
      {can.create ? (
        <>
          <Text size="sm" c="dimmed">
            {t('appeals.intro')}
          </Text>
          <NewAppealForm schoolId={schoolId} anonymousAllowed={can.anonymous} />
          <Stack gap="sm" component="section" aria-labelledby="appeals-mine">
            <Title order={2} size="h4" id="appeals-mine">
              {t('appeals.mine')}
            </Title>
            <AppealList items={data.mine} schoolId={schoolId} empty={t('appeals.mineEmpty')} />
          </Stack>
        </>
      ) : (
        !can.manage && <EmptyText>{t('appeals.cannotWrite')}</EmptyText>
      )}
    </Stack>
  );
}

function AppealList({ items, schoolId, empty, showAuthor = false }: { items: AppealSummary[]; schoolId: string; empty: string; showAuthor?: boolean }) {
  const { t } = useTranslation();
  if (items.length === 0) return <EmptyText>{empty}</EmptyText>;
  return (
    <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((a) => (
        <li key={a.id}>
          <Paper withBorder p="sm" component={Link} to={`/schools/${schoolId}/appeals/${a.id}`} style={{ display: 'block', textDecoration: 'none', color: 'inherit' }}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={600}>
                  {t(`appeals.topics.${a.topic}`)}
                </Text>
                <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                  {a.excerpt}
                </Text>
                <Text size="xs" c="dimmed">
                  {showAuthor && (a.author ? `${fullName(a.author)}${a.authorRole ? `, ${roleTitle(t, a.authorRole)}` : ''} · ` : `${t('appeals.anonymousAuthor')} · `)}
                  <When iso={a.updatedAt} />
                </Text>
              </div>
              <AppealStateBadge state={a.state} />
            </Group>
          </Paper>
        </li>
      ))}
    </Stack>
  );
}
