import { Badge, Group, Paper, Select, Stack, Tabs, Text } from '@mantine/core';
import type { QuestionState } from '@parta/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { OperatorSchoolsResponse } from '../../api/types';
import { useMe } from '../auth/useMe';
import { fullName } from '../common/personName';
import { roleTitle } from '../common/roleLabel';
import { When } from '../common/When';
import { EmptyText, ErrorAlert, Loading, NoAccess, PageTitle } from '../common/ui';
import { useDesk, useFeedbackList } from './api';
import { sectionTitle } from './MyQuestionsPage';
import { StateBadge } from './StateBadge';
import './texts';

const states: QuestionState[] = ['new', 'clarify', 'answered', 'closed'];

/** The platform operator's support desk: every question (by state and school) and the feedback received. */
export function DeskPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [tab, setTab] = useState<string | null>('questions');
  const [state, setState] = useState<QuestionState | ''>('new');
  const [schoolId, setSchoolId] = useState('');
  const desk = useDesk(state, schoolId);
  const feedback = useFeedbackList();
  const schools = useQuery({
    queryKey: ['operatorSchools'],
    queryFn: () => api<OperatorSchoolsResponse>('GET', '/operator/schools'),
    enabled: !!me?.isOperator,
  });
  if (!me?.isOperator) return <NoAccess />;

  return (
    <Stack gap="md" maw={1000}>
      <PageTitle>{t('support.desk.title')}</PageTitle>
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="questions">{t('support.desk.questions')}</Tabs.Tab>
          <Tabs.Tab
            value="feedback"
            rightSection={
              feedback.data ? (
                <Badge size="sm" variant="light" aria-label={t('support.desk.feedbackCount', { count: feedback.data.data.total })}>
                  {feedback.data.data.total}
                </Badge>
              ) : undefined
            }
          >
            {t('support.desk.feedback')}
          </Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="questions" pt="md">
          <Stack gap="sm">
            <Group gap="sm" align="flex-end">
              <Select
                label={t('support.desk.stateFilter')}
                data={[{ value: '', label: t('support.desk.allStates') }, ...states.map((s) => ({ value: s, label: t(`support.state.${s}`) }))]}
                value={state}
                onChange={(v) => setState((v ?? '') as QuestionState | '')}
                allowDeselect={false}
                w={200}
              />
              <Select
                label={t('support.desk.school')}
                data={[{ value: '', label: t('support.desk.allSchools') }, ...(schools.data?.data ?? []).map((s) => ({ value: s.id, label: s.name }))]}
                value={schoolId}
                onChange={(v) => setSchoolId(v ?? '')}
                allowDeselect={false}
                searchable
                w={280}
              />
            </Group>
            {desk.isPending ? (
              <Loading />
            ) : desk.isError ? (
              <ErrorAlert error={desk.error} onRetry={() => void desk.refetch()} />
            ) : desk.data.data.length === 0 ? (
              <EmptyText>{t('support.desk.empty')}</EmptyText>
            ) : (
              <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {desk.data.data.map((q) => (
                  <li key={q.id}>
                    <Paper withBorder p="sm" component={Link} to={`/operator/support/${q.id}`} style={{ display: 'block', textDecoration: 'none', color: 'inherit' }}>
                      <Group justify="space-between" wrap="nowrap" align="flex-start">
                        <div style={{ minWidth: 0 }}>
                          <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                            {q.excerpt}
                          </Text>
                          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                            {q.asker ? fullName(q.asker) : ''}
                            {q.role ? `, ${roleTitle(t, q.role)}` : ''}
                            {q.schoolName ? ` · ${q.schoolName}` : ''} · {sectionTitle(q.section)} · <When iso={q.updatedAt} />
                          </Text>
                        </div>
                        <StateBadge state={q.state} />
                      </Group>
                    </Paper>
                  </li>
                ))}
              </Stack>
            )}
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="feedback" pt="md">
          {feedback.isPending ? (
            <Loading />
          ) : feedback.isError ? (
            <ErrorAlert error={feedback.error} onRetry={() => void feedback.refetch()} />
          ) : feedback.data.data.items.length === 0 ? (
            <EmptyText>{t('support.desk.feedbackEmpty')}</EmptyText>
          ) : (
            <Stack gap="xs">
              <Text size="sm">{t('support.desk.feedbackCount', { count: feedback.data.data.total })}</Text>
              {feedback.data.data.items.map((f) => (
                <Paper key={f.id} withBorder p="sm">
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {f.text}
                  </Text>
                  <Text size="xs" c="dimmed" mt={4}>
                    {fullName(f.author)}
                    {f.role ? `, ${roleTitle(t, f.role)}` : ''}
                    {f.schoolName ? ` · ${f.schoolName}` : ''} · <When iso={f.createdAt} />
                  </Text>
                </Paper>
              ))}
            </Stack>
          )}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
