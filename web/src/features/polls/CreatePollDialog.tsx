import { type CreatePollRequest, type PollColorPreset, pollColorPresetNames, pollColorPresets, pollLimits } from '@parta/contracts';
import {
  ActionIcon, Button, Checkbox, ColorInput, ColorSwatch, Group, Modal, Stack, Text, TextInput,
} from '@mantine/core';
import { IconCheck, IconPlus, IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { type History, type MessageResponse, chatKeys } from '../chats/chatTypes';
import { addMessage } from '../chats/historyCache';
import { DateTimeField } from '../common/DateFields';
import { ErrorAlert } from '../common/ui';
import './texts';

/** Where the poll goes: into a chat (posted as a message), or handed to the caller (an article, a news post). */
export type CreatePollTarget =
  | { chatId: string; onSubmit?: undefined }
  | {
      /** Attach the poll; a rejection is shown in the form and keeps it open. */
      onSubmit: (poll: CreatePollRequest) => Promise<unknown>;
      chatId?: undefined;
    };

/**
 * The dialog itself, loaded when it is first opened (CreatePollModal.tsx).
 * POLL-1/2 «Опрос» from the «+» menu: the topic, 2–10 answers, a background (a preset or one's own colour),
 * «Анонимный опрос», «Выбор нескольких ответов», «Запретить отмену голоса», «Срок окончания».
 */
export function CreatePollDialog(props: CreatePollTarget & { opened: boolean; onClose: () => void }) {
  const { opened, onClose } = props;
  const { t } = useTranslation();
  const client = useQueryClient();
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState<string[]>(['', '']);
  const [color, setColor] = useState<string>('blue');
  const [custom, setCustom] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [multiple, setMultiple] = useState(false);
  const [noRetract, setNoRetract] = useState(false);
  const [deadline, setDeadline] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const reset = () => {
    setQuestion('');
    setOptions(['', '']);
    setColor('blue');
    setCustom('');
    setAnonymous(false);
    setMultiple(false);
    setNoRetract(false);
    setDeadline('');
    setErrors({});
  };
  const create = useMutation({
    mutationFn: async (body: CreatePollRequest) => {
      if (props.onSubmit) return props.onSubmit(body);
      const { chatId } = props;
      const r = await api<MessageResponse>('POST', `/chats/${chatId}/polls`, body);
      client.setQueryData<History>(chatKeys.history(chatId), (h) => addMessage(h, r.data));
      void client.invalidateQueries({ queryKey: chatKeys.all });
      return r;
    },
    onSuccess: () => {
      reset();
      onClose();
    },
  });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const answers = options.map((o) => o.trim()).filter(Boolean);
    const next: Record<string, string> = {};
    if (!question.trim()) next.question = t('polls.needQuestion');
    if (answers.length < pollLimits.minOptions || new Set(answers.map((a) => a.toLocaleLowerCase('ru'))).size !== answers.length) {
      next.options = t('polls.needOptions');
    }
    // The picker hands on an instant already (the person's local time, converted).
    const deadlineIso = deadline || null;
    if (deadlineIso && new Date(deadlineIso).getTime() <= Date.now()) next.deadline = t('polls.deadlinePast');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    create.mutate({ question: question.trim(), options: answers, color, anonymous, multiple, noRetract, deadline: deadlineIso });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('polls.title')} closeButtonProps={{ 'aria-label': t('app.close') }} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('polls.question')}
            value={question}
            onChange={(e) => setQuestion(e.currentTarget.value)}
            error={errors.question}
            maxLength={pollLimits.questionMax}
            data-autofocus
          />
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              {t('polls.optionsHint')}
            </Text>
            {options.map((o, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the answers are edited in place by position
              <Group key={i} gap="xs" wrap="nowrap">
                <TextInput
                  style={{ flex: 1 }}
                  aria-label={t('polls.option', { n: i + 1 })}
                  placeholder={t('polls.option', { n: i + 1 })}
                  value={o}
                  maxLength={pollLimits.optionMax}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    setOptions((all) => all.map((x, j) => (j === i ? v : x)));
                  }}
                />
                {options.length > pollLimits.minOptions && (
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={t('polls.removeOption', { n: i + 1 })}
                    onClick={() => setOptions((all) => all.filter((_, j) => j !== i))}
                  >
                    <IconX size={16} />
                  </ActionIcon>
                )}
              </Group>
            ))}
            {errors.options && (
              <Text size="xs" c="red" role="alert">
                {errors.options}
              </Text>
            )}
            {options.length < pollLimits.maxOptions && (
              <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => setOptions((all) => [...all, ''])} w="fit-content">
                {t('polls.addOption')}
              </Button>
            )}
          </Stack>
          <Stack gap={6}>
            <Text size="sm" fw={500} id="poll-colour">
              {t('polls.color')}
            </Text>
            <Group gap={6} role="radiogroup" aria-labelledby="poll-colour">
              {pollColorPresetNames.map((name: PollColorPreset) => (
                <ColorSwatch
                  key={name}
                  component="button"
                  type="button"
                  color={pollColorPresets[name]}
                  role="radio"
                  aria-checked={color === name}
                  aria-label={t(`polls.colors.${name}`)}
                  onClick={() => setColor(name)}
                  style={{ cursor: 'pointer', color: '#fff' }}
                  size={30}
                >
                  {color === name && <IconCheck size={16} />}
                </ColorSwatch>
              ))}
            </Group>
            <ColorInput
              label={t('polls.customColor')}
              format="hex"
              withPicker={false}
              value={custom}
              onChange={(v) => {
                setCustom(v);
                if (/^#[0-9a-fA-F]{6}$/.test(v)) setColor(v.toLowerCase());
              }}
              placeholder="#336699"
              maw={220}
            />
          </Stack>
          <Checkbox label={t('polls.anonymous')} checked={anonymous} onChange={(e) => setAnonymous(e.currentTarget.checked)} />
          <Checkbox label={t('polls.multiple')} checked={multiple} onChange={(e) => setMultiple(e.currentTarget.checked)} />
          <Checkbox label={t('polls.noRetract')} checked={noRetract} onChange={(e) => setNoRetract(e.currentTarget.checked)} />
          <DateTimeField
            label={t('polls.deadline')}
            description={t('polls.deadlineHint')}
            value={deadline}
            onChange={setDeadline}
            error={errors.deadline}
            maw={260}
          />
          {create.isError && <ErrorAlert error={create.error} />}
          <Button type="submit" loading={create.isPending}>
            {t('polls.attach')}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
