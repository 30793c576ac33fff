import { Alert, Button, Checkbox, Paper, Select, Stack, Textarea, Title } from '@mantine/core';
import { type AppealTopic, type Attachment, appealLimits, appealTopic } from '@parta/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sendErrorText } from '../common/tooOften';
import { FilesField } from '../homework/FilesField';
import { appealKeys, createAppeal } from './api';
import './texts';

/** «Новое обращение»: a topic, the text, files; a student may tick «Отправить анонимно». */
export function NewAppealForm({ schoolId, anonymousAllowed }: { schoolId: string; anonymousAllowed: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [topic, setTopic] = useState<AppealTopic>('other');
  const [text, setText] = useState('');
  const [files, setFiles] = useState<Attachment[]>([]);
  const [anonymous, setAnonymous] = useState(false);
  const send = useMutation({
    mutationFn: () => createAppeal(schoolId, { topic, text, fileIds: files.map((f) => f.id), anonymous: anonymousAllowed && anonymous }),
    onSuccess: () => {
      setText('');
      setFiles([]);
      setAnonymous(false);
      void client.invalidateQueries({ queryKey: appealKeys.all });
    },
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="new-appeal">
      <Stack gap="sm">
        <Title order={2} size="h4" id="new-appeal">
          {t('appeals.new')}
        </Title>
        <Select
          label={t('appeals.topic')}
          data={appealTopic.options.map((v) => ({ value: v, label: t(`appeals.topics.${v}`) }))}
          value={topic}
          onChange={(v) => v && setTopic(v as AppealTopic)}
          allowDeselect={false}
          maw={320}
        />
        <Textarea
          label={t('appeals.text')}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            if (send.isSuccess) send.reset();
          }}
          autosize
          minRows={4}
          maxLength={appealLimits.text}
        />
        <FilesField files={files} onChange={setFiles} max={appealLimits.files} />
        {anonymousAllowed && (
          <Checkbox
            label={t('appeals.anonymous')}
            description={t('appeals.anonymousHint')}
            checked={anonymous}
            onChange={(e) => setAnonymous(e.currentTarget.checked)}
          />
        )}
        {send.isSuccess && (
          <Alert color="green" role="status">
            {t('appeals.sent')}
          </Alert>
        )}
        {send.isError && (
          <Alert color="red" role="alert">
            {sendErrorText(t, send.error)}
          </Alert>
        )}
        <Button style={{ alignSelf: 'flex-start' }} disabled={!text.trim()} loading={send.isPending} onClick={() => send.mutate()}>
          {t('appeals.send')}
        </Button>
      </Stack>
    </Paper>
  );
}
