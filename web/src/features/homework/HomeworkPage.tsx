import { Badge, Button, Group, Paper, Stack, Text, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { AssignmentSummary, ChildHomework } from '@parta/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../auth/useMe';
import { dateTime } from '../common/dates';
import { fullName } from '../common/personName';
import { EmptyText, ErrorAlert, Loading, PageTitle } from '../common/ui';
import { teachingClasses } from '../home/useTeachingClasses';
import { ChildSwitcher } from '../parents/ChildSwitcher';
import { useChosenChild } from '../parents/chosenChild';
import { homeworkKeys, markSeen, useHomeworkList } from './api';
import { dueGroups, groupByDue } from './grouping';
import { markText } from './markText';
import './texts';

/** «Задания»: a student's homework by when it is due, and the assignments a teacher gave. Opening it clears the badge. */
export function HomeworkPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const list = useHomeworkList();
  const client = useQueryClient();
  useEffect(() => {
    // The socket's `homework.seen` may come before this page's socket is up: refetch the badge here as well.
    void markSeen()
      .then(() => client.invalidateQueries({ queryKey: homeworkKeys.badge }))
      .catch(() => undefined);
  }, [client]);
  const teaches = teachingClasses(me).length > 0;
  const title = (
    <PageTitle
      right={
        teaches ? (
          <Button component={Link} to="/homework/new" leftSection={<IconPlus size={16} />}>
            {t('homework.give')}
          </Button>
        ) : undefined
      }
    >
      {t('homework.title')}
    </PageTitle>
  );
  if (list.isPending) return <>{title}<Loading /></>;
  if (list.isError) return <>{title}<ErrorAlert error={list.error} onRetry={() => void list.refetch()} /></>;
  const { mine, teaching, family } = list.data.data;
  const groups = groupByDue(mine, new Date());
  const isStudent = !!me?.memberships.some((m) => m.role === 'student');
  const isParent = !!me?.memberships.some((m) => m.role === 'parent');
  return (
    <Stack gap="md">
      {title}
      {isParent && <FamilyHomework family={family} />}
      {isStudent && (
        <Stack gap="md" component="section" aria-label={t('homework.mine')}>
          {mine.length === 0 && <EmptyText>{t('homework.empty')}</EmptyText>}
          {dueGroups.map((g) =>
            groups[g].length === 0 ? null : (
              <Paper key={g} withBorder p="md" component="section" aria-labelledby={`hw-${g}`}>
                <Title order={2} size="h4" mb="sm" id={`hw-${g}`} c={g === 'overdue' ? 'red.8' : undefined}>
                  {t(`homework.groups.${g}`)}
                </Title>
                <Stack gap={4}>
                  {groups[g].map((a) => <AssignmentRow key={a.id} a={a} />)}
                </Stack>
              </Paper>
            ),
          )}
        </Stack>
      )}
      {(teaches || teaching.length > 0) && (
        <Paper withBorder p="md" component="section" aria-labelledby="hw-teaching">
          <Group justify="space-between" mb="sm" gap="xs">
            <Title order={2} size="h4" id="hw-teaching">
              {t('homework.teaching')}
            </Title>
            <Group gap={4}>
              {teachingClasses(me).map((c) => (
                <Button key={c.id} component={Link} to={`/classes/${c.id}/journal`} size="xs" variant="light">
                  {t('homework.journalOf', { class: c.name })}
                </Button>
              ))}
            </Group>
          </Group>
          {teaching.length === 0 ? (
            <EmptyText>{t('homework.empty')}</EmptyText>
          ) : (
            <Stack gap={4}>
              {teaching.map((a) => <AssignmentRow key={a.id} a={a} />)}
            </Stack>
          )}
        </Paper>
      )}
      {!isStudent && !isParent && !teaches && teaching.length === 0 && <EmptyText>{t('homework.empty')}</EmptyText>}
    </Stack>
  );
}

/** PAR-1: the chosen child's assignments (the header's switcher), grouped as the child sees them; read-only. */
function FamilyHomework({ family }: { family: ChildHomework[] }) {
  const { t } = useTranslation();
  const chosen = useChosenChild(family.map((f) => f.child.id));
  const shown = family.find((f) => f.child.id === chosen);
  if (!shown) return <EmptyText>{t('homework.empty')}</EmptyText>;
  const groups = groupByDue(shown.assignments, new Date());
  return (
    <Stack gap="md" component="section" aria-label={fullName(shown.child)} data-testid="family-homework">
      <ChildSwitcher where="page" />
      <Title order={2} size="h3">
        {fullName(shown.child)}
      </Title>
      {dueGroups.map((g) =>
        groups[g].length === 0 ? null : (
          <Paper key={g} withBorder p="md" component="section" aria-labelledby={`hw-family-${g}`}>
            <Title order={3} size="h4" mb="sm" id={`hw-family-${g}`} c={g === 'overdue' ? 'red.8' : undefined}>
              {t(`homework.groups.${g}`)}
            </Title>
            <Stack gap={4}>
              {groups[g].map((a) => <AssignmentRow key={a.id} a={a} />)}
            </Stack>
          </Paper>
        ),
      )}
    </Stack>
  );
}

function AssignmentRow({ a }: { a: AssignmentSummary }) {
  const { t, i18n } = useTranslation();
  return (
    <UnstyledButton component={Link} to={`/homework/${a.id}`} p={6} style={{ borderRadius: 6 }}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Text fw={600} c="var(--mantine-color-anchor)" style={{ overflowWrap: 'anywhere' }}>
            {a.title}
          </Text>
          <Text size="sm" c="dimmed">
            {a.subject} · {a.className} · {t('homework.due', { date: dateTime(a.dueAt, i18n.language) })}
          </Text>
        </div>
        <Group gap={4}>
          {a.handedIn !== null && a.assignees !== null && (
            <Badge variant="outline" color="gray.7">
              {t('homework.handedIn', { count: a.handedIn, total: a.assignees })}
            </Badge>
          )}
          {a.status === 'todo' && <Badge variant="outline" color="gray.7">{t('homework.status.todo')}</Badge>}
          {a.status === 'submitted' && (
            <Badge variant="outline" color={a.late ? 'orange.9' : 'green.9'}>
              {t(a.late ? 'homework.status.late' : 'homework.status.submitted')}
            </Badge>
          )}
          {a.markValue && (
            <Badge variant="filled" color="blue.8">
              <VisuallyHidden>{t('homework.mark')}: </VisuallyHidden>
              {markText(t, a.markValue)}
            </Badge>
          )}
        </Group>
      </Group>
    </UnstyledButton>
  );
}
