import { Alert, Badge, Button, Group, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import type { AssignmentDetail, MarkValue, ReviewRow } from '@parta/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../api/errorText';
import { dateTime } from '../common/dates';
import { formalName } from '../common/personName';
import { ErrorAlert, Loading } from '../common/ui';
import { homeworkKeys, putMark, useReview } from './api';
import { FileLinks } from './FileLinks';
import { MarkView } from './MarkView';
import { markText } from './markText';
import './texts';

/** The teacher's table: every student it is given to — handed in when, late, not yet — and the mark to give. */
export function ReviewTable({ a }: { a: AssignmentDetail }) {
  const { t } = useTranslation();
  const review = useReview(a.id, true);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="hw-review">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="hw-review">
          {t('homework.review')}
        </Title>
        <Button component={Link} to={`/classes/${a.classId}/journal?subject=${encodeURIComponent(a.subject)}`} variant="light" size="xs">
          {t('homework.journal')}
        </Button>
      </Group>
      {review.isPending ? (
        <Loading />
      ) : review.isError ? (
        <ErrorAlert error={review.error} onRetry={() => void review.refetch()} />
      ) : (
        <Stack gap="md">
          {review.data.data.rows.map((row) => (
            <StudentRow key={`${row.student.id}:${row.mark?.updatedAt ?? ''}`} a={a} row={row} />
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function StudentRow({ a, row }: { a: AssignmentDetail; row: ReviewRow }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const name = formalName(row.student);
  const scale: MarkValue[] = a.grading === 'pass' ? ['pass', 'fail'] : ['5', '4', '3', '2', '1'];
  const [value, setValue] = useState<string | null>(row.mark?.value ?? null);
  const [comment, setComment] = useState(row.mark?.comment ?? '');
  const save = useMutation({
    mutationFn: () => putMark(a.id, row.student.id, { value: value as MarkValue, comment }),
    onSuccess: () => void client.invalidateQueries({ queryKey: homeworkKeys.review(a.id) }),
  });
  const sub = row.submission;
  return (
    <Stack gap={6} pb="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }} data-testid="review-row" aria-label={name} role="group">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text fw={600}>{name}</Text>
        {sub ? (
          <Group gap={4}>
            <Text size="sm" c="dimmed">
              {t('homework.submittedAt', { date: dateTime(sub.submittedAt, i18n.language) })}
            </Text>
            {sub.late && <Badge color="orange.9" variant="outline">{t('homework.lateBadge')}</Badge>}
          </Group>
        ) : (
          <Badge color="gray.7" variant="outline">{t('homework.notYet')}</Badge>
        )}
      </Group>
      {sub?.text && <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{sub.text}</Text>}
      {sub && <FileLinks files={sub.files} />}
      {row.mark && <MarkView mark={row.mark} />}
      {row.canMark && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (value) save.mutate();
          }}
        >
          <Group gap="xs" align="flex-end" wrap="wrap">
            <Select
              w={130}
              label={t('homework.markFor', { name })}
              data={scale.map((v) => ({ value: v, label: markText(t, v) }))}
              value={value}
              onChange={setValue}
              styles={{ label: { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' } }}
              placeholder={t('homework.mark')}
            />
            <Textarea
              style={{ flex: 1, minWidth: 180 }}
              autosize
              minRows={1}
              maxLength={1000}
              label={t('homework.commentFor', { name })}
              styles={{ label: { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' } }}
              placeholder={t('homework.comment')}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
            />
            <Button type="submit" disabled={!value} loading={save.isPending}>
              {t('homework.saveMark')}
            </Button>
          </Group>
          {save.isError && <Alert color="red" role="alert" mt="xs">{errorText(t, save.error)}</Alert>}
        </form>
      )}
    </Stack>
  );
}
