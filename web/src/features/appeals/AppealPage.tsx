import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { appealLimits } from '@parta/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { FileLinks } from '../homework/FileLinks';
import { fullName } from '../common/personName';
import { roleTitle } from '../common/roleLabel';
import { sendErrorText } from '../common/tooOften';
import { When } from '../common/When';
import { ErrorAlert, Loading, NotFound, PageTitle } from '../common/ui';
import { Conversation } from '../support/Conversation';
import { appealKeys, closeAppeal, takeAppeal, useAppeal, writeToAppeal } from './api';
import { AppealStateBadge } from './AppealStateBadge';
import './texts';

/** One appeal and its conversation: the author follows it live; the administration takes it, answers, closes. */
export function AppealPage() {
  const { t } = useTranslation();
  const { schoolId = '', appealId = '' } = useParams();
  const client = useQueryClient();
  const appeal = useAppeal(appealId);
  const [text, setText] = useState('');
  const done = () => {
    setText('');
    void client.invalidateQueries({ queryKey: appealKeys.all });
  };
  const write = useMutation({ mutationFn: () => writeToAppeal(appealId, text), onSuccess: done });
  const take = useMutation({ mutationFn: () => takeAppeal(appealId), onSuccess: done });
  const close = useMutation({ mutationFn: () => closeAppeal(appealId), onSuccess: done });

  if (appeal.isPending) return <Loading />;
  if (appeal.isError) {
    if (appeal.error instanceof ApiError && appeal.error.status === 404) return <NotFound />;
    return <ErrorAlert error={appeal.error} onRetry={() => void appeal.refetch()} />;
  }
  const a = appeal.data.data;
  const authorWords = a.mine ? t('appeals.you') : a.author ? fullName(a.author) : t('appeals.anonymousAuthor');
  const lines = a.messages.map((m) => ({
    id: m.id,
    who: m.fromSchool ? (m.by ? `${fullName(m.by)} · ${t('appeals.school')}` : t('appeals.school')) : authorWords,
    ours: a.mine ? !m.fromSchool : m.fromSchool,
    text: m.text,
    createdAt: m.createdAt,
  }));
  const failed = write.error ?? take.error ?? close.error;
  const canWrite = a.can.answer || a.can.reply;

  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/schools/${schoolId}/appeals`} size="sm">
        <IconArrowLeft size={14} aria-hidden /> {t('appeals.back')}
      </Anchor>
      <PageTitle right={<AppealStateBadge state={a.state} />}>{`${t('appeals.detail')}: ${t(`appeals.topics.${a.topic}`)}`}</PageTitle>
      <Paper withBorder p="md">
        <Group gap="xs" mb={4}>
          <Text size="xs" c="dimmed">
            {a.author && !a.mine ? `${fullName(a.author)}${a.authorRole ? `, ${roleTitle(t, a.authorRole)}` : ''} · ` : ''}
            <When iso={a.createdAt} />
          </Text>
          {a.anonymous && (
            <Badge size="xs" variant="outline" color="gray">
              {t('appeals.anonymousAuthor')}
            </Badge>
          )}
        </Group>
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{a.text}</Text>
        {a.files.length > 0 && (
          <Stack mt="sm" gap={4}>
            <FileLinks files={a.files} />
          </Stack>
        )}
      </Paper>
      <Conversation lines={lines} label={t('appeals.detail')} />
      {failed && (
        <Alert color="red" role="alert">
          {sendErrorText(t, failed)}
        </Alert>
      )}
      {a.can.take && (
        <Button style={{ alignSelf: 'flex-start' }} variant="light" loading={take.isPending} onClick={() => take.mutate()}>
          {t('appeals.take')}
        </Button>
      )}
      {canWrite && (
        <Stack gap="xs">
          <Title order={2} size="h5">
            {a.can.answer ? t('appeals.answerLabel') : t('appeals.replyLabel')}
          </Title>
          <Textarea
            aria-label={a.can.answer ? t('appeals.answerLabel') : t('appeals.replyLabel')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            autosize
            minRows={3}
            maxLength={appealLimits.text}
          />
          <Group gap="xs">
            <Button disabled={!text.trim()} loading={write.isPending} onClick={() => write.mutate()}>
              {a.can.answer ? t('appeals.answer') : t('appeals.reply')}
            </Button>
            {a.can.close && (
              <Button variant="subtle" color="gray" loading={close.isPending} onClick={() => close.mutate()}>
                {t('appeals.close')}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
