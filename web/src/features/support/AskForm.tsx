import { Alert, Button, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { type Attachment, supportLimits } from '@parta/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { version } from '../../../package.json';
import { sendErrorText } from '../common/tooOften';
import { askQuestion, supportKeys } from './api';
import { ScreenshotsField } from './ScreenshotsField';
import './texts';

/** «Задать свой вопрос» at the bottom of a help section: text and screenshots, with the device it is sent from. */
export function AskForm({ section }: { section: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [text, setText] = useState('');
  const [files, setFiles] = useState<Attachment[]>([]);
  const [sentId, setSentId] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: () =>
      askQuestion({
        section,
        text,
        fileIds: files.map((f) => f.id),
        screen: `${window.screen.width}×${window.screen.height}`,
        appVersion: version,
      }),
    onSuccess: (res) => {
      setSentId(res.data.id);
      setText('');
      setFiles([]);
      void client.invalidateQueries({ queryKey: supportKeys.all });
    },
  });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="ask-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="ask-title">
          {t('support.ask.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('support.ask.hint')}
        </Text>
        {sentId && (
          <Alert color="green" role="status">
            <Link to={`/help/questions/${sentId}`}>{t('support.ask.sent')}</Link>
          </Alert>
        )}
        <Textarea
          label={t('support.ask.text')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={4}
          maxLength={supportLimits.text}
        />
        <ScreenshotsField files={files} onChange={setFiles} max={supportLimits.files} />
        {send.isError && (
          <Alert color="red" role="alert">
            {sendErrorText(t, send.error)}
          </Alert>
        )}
        <Button style={{ alignSelf: 'flex-start' }} disabled={!text.trim()} loading={send.isPending} onClick={() => send.mutate()}>
          {t('support.ask.send')}
        </Button>
      </Stack>
    </Paper>
  );
}
