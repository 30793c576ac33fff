import type { PersonSummary } from '@parta/contracts';
import { Button, Checkbox, Group, Modal, Radio, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formalName } from '../common/personName';
import { ErrorAlert } from '../common/ui';
import { useCreateChat } from './hooks';

/**
 * CLS-4 as the guide tells it: «Создать чат» → the name («Номер и буква класса — название предмета»)
 * and the type «Чат класса» → «Продолжить» → tick students or «Выбрать всех участников» → «Создать чат».
 */
export function CreateClassChatModal({
  classId,
  students,
  opened,
  onClose,
}: {
  classId: string;
  students: PersonSummary[];
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [step, setStep] = useState<1 | 2>(1);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const create = useCreateChat();
  const close = () => {
    setStep(1);
    onClose();
  };
  const next = (e: React.FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setError(t('chats.needName'));
    setError(null);
    setStep(2);
  };
  const allPicked = students.length > 0 && picked.length === students.length;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    create.mutate(
      { kind: 'class', classId, name: name.trim(), studentIds: picked, allStudents: allPicked },
      { onSuccess: close },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title={t('chats.createChat')} closeButtonProps={{ 'aria-label': t('app.close') }}>
      {step === 1 ? (
        <form onSubmit={next} noValidate>
          <Stack gap="sm">
            <TextInput
              label={t('chats.name')}
              placeholder={t('chats.namePlaceholder')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={error}
              maxLength={100}
              data-autofocus
            />
            <Radio.Group label={t('chats.type')} value="class">
              <Radio value="class" label={t('chats.kinds.class')} mt={6} />
            </Radio.Group>
            <Button type="submit">{t('chats.continue')}</Button>
          </Stack>
        </form>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Text size="sm">{t('chats.pickStudents')}</Text>
            {students.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('chats.noStudents')}
              </Text>
            ) : (
              <>
                <Group>
                  <Button variant="light" size="xs" onClick={() => setPicked(students.map((s) => s.id))}>
                    {t('chats.selectAll')}
                  </Button>
                </Group>
                <ScrollArea.Autosize mah={320}>
                  <Checkbox.Group value={picked} onChange={setPicked}>
                    <Stack gap={6}>
                      {students.map((s) => (
                        <Checkbox key={s.id} value={s.id} label={formalName(s)} />
                      ))}
                    </Stack>
                  </Checkbox.Group>
                </ScrollArea.Autosize>
              </>
            )}
            {create.isError && <ErrorAlert error={create.error} />}
            <Group justify="space-between">
              <Button variant="default" onClick={() => setStep(1)}>
                {t('app.back')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('chats.createChat')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
