import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import type { ParentHomeChild, ParentHomeResponse } from '@parta/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useUserEvents } from '../chats/RealtimeProvider';
import { WriteButton } from '../chats/WriteButton';
import { dateTime } from '../common/dates';
import { fullName } from '../common/personName';
import { EmptyText, ErrorAlert, Loading } from '../common/ui';
import { homeworkKeys, useHomeworkLive } from '../homework/api';
import { dueGroup } from '../homework/grouping';
import { markText } from '../homework/markText';
import { ChildSwitcher } from './ChildSwitcher';
import { useChosenChild } from './chosenChild';
import '../homework/texts';
import './texts';

/** Under homework's keys: a mark or an assignment (`homework.changed`) refetches it with the rest of homework. */
export const parentHomeKey = [...homeworkKeys.all, 'parentHome'] as const;

/**
 * PAR-1 item 2: the parent's part of «Главная» — the chosen child's homework due (overdue, today, this week), marks of
 * the last week, lessons missed, and the class's teachers with «Написать». Live: a mark given shows without reloading.
 */
export function ParentHome() {
  useHomeworkLive();
  const client = useQueryClient();
  useUserEvents((event) => {
    if (event.type === 'memberships.changed' || event.type === 'member.joined') void client.invalidateQueries({ queryKey: parentHomeKey });
  });
  const q = useQuery({ queryKey: parentHomeKey, queryFn: () => api<ParentHomeResponse>('GET', '/parents/home') });
  const ids = q.data?.data.children.map((c) => c.child.id) ?? [];
  const chosen = useChosenChild([...new Set(ids)]);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const shown = q.data.data.children.filter((c) => c.child.id === chosen);
  if (shown.length === 0) return null;
  return (
    <Stack gap="md" data-testid="parent-home">
      <ChildSwitcher where="page" />
      {shown.map((c) => (
        <ChildCard key={`${c.child.id}:${c.classId}`} c={c} />
      ))}
    </Stack>
  );
}

function ChildCard({ c }: { c: ParentHomeChild }) {
  const { t, i18n } = useTranslation();
  const now = new Date();
  const id = `child-${c.child.id}-${c.classId}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id} style={{ overflowWrap: 'anywhere' }}>
        {fullName(c.child)}
      </Title>
      <Text c="dimmed" size="sm" mb="sm">
        {c.className} · {c.schoolName}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Block title={t('parents.home.due')} id={`${id}-due`}>
          {c.due.length === 0 ? (
            <EmptyText>{t('parents.home.nothingDue')}</EmptyText>
          ) : (
            <Stack gap={6}>
              {c.due.map((a) => {
                const g = dueGroup(a, now);
                return (
                  <Group key={a.id} justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                    <div style={{ minWidth: 0 }}>
                      <Anchor component={Link} to={`/homework/${a.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
                        {a.title}
                      </Anchor>
                      <Text size="sm" c="dimmed">
                        {a.subject} · {t('homework.due', { date: dateTime(a.dueAt, i18n.language) })}
                      </Text>
                    </div>
                    <Badge variant="outline" color={g === 'overdue' ? 'red.8' : 'gray.7'} style={{ flexShrink: 0 }}>
                      {t(`homework.groups.${g}`)}
                    </Badge>
                  </Group>
                );
              })}
            </Stack>
          )}
          <Anchor component={Link} to="/homework" size="sm" mt="xs" display="block">
            {t('parents.home.allHomework')}
          </Anchor>
        </Block>
        <Block title={t('parents.home.marks')} id={`${id}-marks`}>
          {c.marks.length === 0 ? (
            <EmptyText>{t('parents.home.noMarks')}</EmptyText>
          ) : (
            <Stack gap={6} data-testid="parent-marks">
              {c.marks.map((m) => (
                <Group key={m.assignmentId} justify="space-between" wrap="nowrap" gap="xs">
                  <div style={{ minWidth: 0 }}>
                    <Anchor component={Link} to={`/homework/${m.assignmentId}`} style={{ overflowWrap: 'anywhere' }}>
                      {m.title}
                    </Anchor>
                    <Text size="sm" c="dimmed">
                      {m.subject} · {dateTime(m.at, i18n.language)}
                    </Text>
                  </div>
                  <Badge size="lg" variant="filled" color="blue.8" style={{ flexShrink: 0 }}>
                    <VisuallyHidden>{t('homework.mark')}: </VisuallyHidden>
                    {markText(t, m.value)}
                  </Badge>
                </Group>
              ))}
            </Stack>
          )}
        </Block>
        <Block title={t('parents.home.missed')} id={`${id}-missed`}>
          {c.missed.length === 0 ? (
            <EmptyText>{t('parents.home.noMissed')}</EmptyText>
          ) : (
            <Stack gap={4}>
              {c.missed.map((l) => (
                <Text key={l.lessonId} size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {l.title} · {dateTime(l.startedAt, i18n.language)}
                </Text>
              ))}
            </Stack>
          )}
        </Block>
        <Block title={t('parents.home.teachers')} id={`${id}-teachers`}>
          {c.teachers.length === 0 ? (
            <EmptyText>{t('parents.home.noTeachers')}</EmptyText>
          ) : (
            <Stack gap={8}>
              {c.teachers.map((tch) => (
                <Group key={tch.person.id} justify="space-between" wrap="nowrap" gap="xs">
                  <div style={{ minWidth: 0 }}>
                    <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {fullName(tch.person)}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {[tch.classTeacher ? t('parents.classTeacher') : null, ...tch.subjects].filter(Boolean).join(' · ')}
                    </Text>
                  </div>
                  {tch.can.write && <WriteButton userId={tch.person.id} name={fullName(tch.person)} />}
                </Group>
              ))}
            </Stack>
          )}
        </Block>
      </SimpleGrid>
    </Paper>
  );
}

function Block({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-labelledby={id}>
      <Title order={3} size="h5" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}
