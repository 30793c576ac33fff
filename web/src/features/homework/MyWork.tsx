import { Alert, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { type AssignmentDetail, type Attachment, homeworkLimits } from '@parta/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errorText';
import { dateTime } from '../common/dates';
import { homeworkKeys, submitWork, withdrawWork } from './api';
import { FileLinks } from './FileLinks';
import { FilesField } from './FilesField';
import { MarkView } from './MarkView';
import './texts';

/** The student's part: hand in text and files, see it handed in (on time or late), take it back, see the mark. */
export function MyWork({ a }: { a: AssignmentDetail }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [text, setText] = useState('');
  const [files, setFiles] = useState<Attachment[]>([]);
  const done = (res: { data: AssignmentDetail }) => {
    client.setQueryData(homeworkKeys.assignment(a.id), res);
    void client.invalidateQueries({ queryKey: homeworkKeys.list });
  };
  const submit = useMutation({ mutationFn: () => submitWork(a.id, { text, fileIds: files.map((f) => f.id) }), onSuccess: done });
  const withdraw = useMutation({
    mutationFn: () => withdrawWork(a.id),
    onSuccess: (res) => {
      // Handing in again starts from what was taken back.
      setText(a.mine?.submission?.text ?? '');
      setFiles(a.mine?.submission?.files ?? []);
      done(res);
    },
  });
  const sub = a.mine?.submission ?? null;
  const mark = a.mine?.mark ?? null;
  const failed = submit.error ?? withdraw.error;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="hw-mywork">
      <Title order={2} size="h4" mb="sm" id="hw-mywork">
        {t('homework.myWork')}
      </Title>
      <Stack gap="sm">
        {mark && <MarkView mark={mark} />}
        {sub ? (
          <Stack gap={6}>
            <Group gap="xs">
              <Text size="sm" c="dimmed">
                {t('homework.submittedAt', { date: dateTime(sub.submittedAt, i18n.language) })}
              </Text>
              {sub.late && <Badge color="orange.9" variant="outline">{t('homework.lateBadge')}</Badge>}
            </Group>
            {sub.text && <Text style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{sub.text}</Text>}
            <FileLinks files={sub.files} />
            {a.can.withdraw && (
              <>
                <Text size="sm" c="dimmed">
                  {t('homework.withdrawHint')}
                </Text>
                <Button variant="default" onClick={() => withdraw.mutate()} loading={withdraw.isPending} style={{ alignSelf: 'flex-start' }}>
                  {t('homework.withdraw')}
                </Button>
              </>
            )}
          </Stack>
        ) : (
          !mark &&
          a.can.submit && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                submit.mutate();
              }}
            >
              <Stack gap="sm">
                <Textarea label={t('homework.answer')} autosize minRows={3} maxLength={homeworkLimits.text} value={text} onChange={(e) => setText(e.currentTarget.value)} />
                <FilesField files={files} onChange={setFiles} max={homeworkLimits.files} />
                <Button type="submit" disabled={!text.trim() && files.length === 0} loading={submit.isPending} style={{ alignSelf: 'flex-start' }}>
                  {t('homework.handIn')}
                </Button>
              </Stack>
            </form>
          )
        )}
        {failed && <Alert color="red" role="alert">{errorText(t, failed)}</Alert>}
      </Stack>
    </Paper>
  );
}
