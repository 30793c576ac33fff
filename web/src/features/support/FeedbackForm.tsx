import { Alert, Button, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { supportLimits } from '@parta/contracts';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sendErrorText } from '../common/tooOften';
import { sendFeedback } from './api';
import './texts';

/** SUP-2 «Обратная связь»: a short note to the platform's operator on what is missing. */
export function FeedbackForm() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const send = useMutation({ mutationFn: () => sendFeedback(text), onSuccess: () => setText('') });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="feedback-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="feedback-title">
          {t('support.feedback.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('support.feedback.hint')}
        </Text>
        <Textarea
          label={t('support.feedback.label')}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            if (send.isSuccess) send.reset();
          }}
          autosize
          minRows={2}
          maxLength={supportLimits.feedback}
        />
        {send.isSuccess && (
          <Alert color="green" role="status">
            {t('support.feedback.sent')}
          </Alert>
        )}
        {send.isError && (
          <Alert color="red" role="alert">
            {sendErrorText(t, send.error)}
          </Alert>
        )}
        <Button style={{ alignSelf: 'flex-start' }} variant="light" disabled={!text.trim()} loading={send.isPending} onClick={() => send.mutate()}>
          {t('support.feedback.send')}
        </Button>
      </Stack>
    </Paper>
  );
}
