import { Alert, Anchor, Button, Group, Image, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { supportLimits } from '@parta/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { fullName } from '../common/personName';
import { roleTitle } from '../common/roleLabel';
import { sendErrorText } from '../common/tooOften';
import { When } from '../common/When';
import { ErrorAlert, Loading, NotFound, PageTitle } from '../common/ui';
import { closeQuestion, supportKeys, useQuestion, writeToQuestion } from './api';
import { Conversation } from './Conversation';
import { sectionTitle } from './MyQuestionsPage';
import { StateBadge } from './StateBadge';
import './texts';

/**
 * One question and its conversation with support: for the asker («Мои вопросы») and for the operator's desk (who
 * asked, from which school and device; answer, ask back, close). An answer arrives live over the socket.
 */
export function QuestionPage({ desk = false }: { desk?: boolean }) {
  const { t } = useTranslation();
  const { questionId = '' } = useParams();
  const client = useQueryClient();
  const question = useQuestion(questionId);
  const [text, setText] = useState('');
  const done = () => {
    setText('');
    void client.invalidateQueries({ queryKey: supportKeys.all });
  };
  const write = useMutation({ mutationFn: (askBack: boolean) => writeToQuestion(questionId, { text, askBack }), onSuccess: done });
  const close = useMutation({ mutationFn: () => closeQuestion(questionId), onSuccess: done });

  if (question.isPending) return <Loading />;
  if (question.isError) {
    if (question.error instanceof ApiError && question.error.status === 404) return <NotFound />;
    return <ErrorAlert error={question.error} onRetry={() => void question.refetch()} />;
  }
  const q = question.data.data;
  const lines = q.messages.map((m) => ({
    id: m.id,
    who: m.fromSupport ? t('support.question.support') : q.asker ? fullName(q.asker) : t('support.question.you'),
    ours: desk ? m.fromSupport : !m.fromSupport,
    text: m.text,
    createdAt: m.createdAt,
  }));

  return (
    <Stack gap="md" maw={860}>
      <Anchor component={Link} to={desk ? '/operator/support' : '/help/questions'} size="sm">
        <IconArrowLeft size={14} aria-hidden /> {desk ? t('support.desk.title') : t('support.tabs.mine')}
      </Anchor>
      <PageTitle right={<StateBadge state={q.state} />}>{t('support.question.title')}</PageTitle>
      {q.asker && (
        <Paper withBorder p="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            <Fact label={t('support.question.asker')} value={fullName(q.asker)} />
            <Fact label={t('support.question.school')} value={q.schoolName ?? t('support.question.noSchool')} />
            <Fact label={t('support.question.role')} value={q.role ? roleTitle(t, q.role) : '—'} />
            <Fact label={t('support.question.sectionLabel')} value={sectionTitle(q.section)} />
            <Fact label={t('support.question.device')} value={q.device.userAgent || '—'} />
            <Fact label={t('support.question.screen')} value={q.device.screen || '—'} />
            <Fact label={t('support.question.version')} value={q.device.appVersion || '—'} />
          </SimpleGrid>
        </Paper>
      )}
      <Paper withBorder p="md">
        <Text size="xs" c="dimmed" mb={4}>
          {sectionTitle(q.section)} · <When iso={q.createdAt} />
        </Text>
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{q.text}</Text>
        {q.files.length > 0 && (
          <Stack gap={4} mt="sm">
            <Text size="sm" fw={500}>
              {t('support.question.files')}
            </Text>
            <Group gap="xs">
              {q.files.map((f) => (
                <a key={f.id} href={`/api/files/${f.id}/view`} target="_blank" rel="noreferrer">
                  <Image src={f.thumbnailUrl ?? `/api/files/${f.id}/preview`} alt={f.name} w={160} h={110} fit="cover" radius="sm" />
                </a>
              ))}
            </Group>
          </Stack>
        )}
      </Paper>
      <Conversation lines={lines} label={t('support.question.title')} />
      {q.state === 'closed' && !desk && <Text size="sm" c="dimmed">{t('support.question.closedNote')}</Text>}
      {(q.can.answer || q.can.reply) && (
        <Stack gap="xs">
          <Title order={2} size="h5">
            {q.can.answer ? t('support.question.answerLabel') : t('support.question.replyLabel')}
          </Title>
          <Textarea
            aria-label={q.can.answer ? t('support.question.answerLabel') : t('support.question.replyLabel')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            autosize
            minRows={3}
            maxLength={supportLimits.text}
          />
          {(write.isError || close.isError) && (
            <Alert color="red" role="alert">
              {sendErrorText(t, write.error ?? close.error)}
            </Alert>
          )}
          <Group gap="xs">
            <Button disabled={!text.trim()} loading={write.isPending && write.variables === false} onClick={() => write.mutate(false)}>
              {q.can.answer ? t('support.question.answer') : t('support.question.reply')}
            </Button>
            {q.can.answer && (
              <Button variant="light" color="orange" disabled={!text.trim()} loading={write.isPending && write.variables === true} onClick={() => write.mutate(true)}>
                {t('support.question.askBack')}
              </Button>
            )}
            {q.can.close && (
              <Button variant="subtle" color="gray" loading={close.isPending} onClick={() => close.mutate()}>
                {t('support.question.close')}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </div>
  );
}
