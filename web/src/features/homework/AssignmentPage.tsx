import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { SafeHtml } from '../articles/SafeHtml';
import { dateTime } from '../common/dates';
import { fullName } from '../common/personName';
import { ErrorAlert, Loading, NotFound, useDocumentTitle } from '../common/ui';
import { useAssignment } from './api';
import { FileLinks } from './FileLinks';
import { ChildWork } from './ChildWork';
import { MyWork } from './MyWork';
import { ReviewTable } from './ReviewTable';
import '../articles/articles.css';
import './texts';

/**
 * One assignment: its text and files; a student's own work and mark, a parent's children's (read-only), or the
 * teacher's table of the class.
 */
export function AssignmentPage() {
  const { t, i18n } = useTranslation();
  const { assignmentId = '' } = useParams();
  const q = useAssignment(assignmentId);
  useDocumentTitle(q.data?.data.title ?? null);
  if (q.isPending) return <Loading />;
  if (q.isError) {
    if (q.error instanceof ApiError && q.error.status === 404) return <NotFound />;
    return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  }
  const a = q.data.data;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/homework" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t('homework.back')}
        </Group>
      </Anchor>
      <Paper withBorder p="md" component="article" aria-labelledby="hw-title">
        <Title order={1} size="h2" id="hw-title" style={{ overflowWrap: 'anywhere' }}>
          {a.title}
        </Title>
        <Text c="dimmed" size="sm" mt={4}>
          {a.subject} · {a.className}
          {a.teacher && ` · ${t('homework.teacher')}: ${fullName(a.teacher)}`}
        </Text>
        <Text fw={600} mt="xs">
          {t('homework.due', { date: dateTime(a.dueAt, i18n.language) })}
        </Text>
        {a.bodyHtml && <SafeHtml html={a.bodyHtml} />}
        {a.files.length > 0 && (
          <Stack gap={4} mt="sm">
            <Text size="sm" fw={600}>
              {t('homework.files')}
            </Text>
            <FileLinks files={a.files} />
          </Stack>
        )}
      </Paper>
      {a.mine && <MyWork a={a} />}
      {a.family.map((f) => (
        <ChildWork key={f.child.id} work={f} />
      ))}
      {a.can.review && <ReviewTable a={a} />}
    </Stack>
  );
}
