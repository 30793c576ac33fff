import { Button } from '@mantine/core';
import { IconMessage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/useMe';
import { ErrorAlert } from '../common/ui';
import { useCreateChat } from './hooks';

/** «Написать» beside a person: opens (or makes) the 1:1 chat with them. Hidden beside myself. */
export function WriteButton({ userId, name }: { userId: string; name: string }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const create = useCreateChat();
  if (!me || me.id === userId) return null;
  return (
    <>
      <Button
        size="xs"
        variant="light"
        leftSection={<IconMessage size={14} />}
        loading={create.isPending}
        onClick={() => create.mutate({ kind: 'personal', userId })}
        aria-label={t('chats.writeTo', { name })}
      >
        {t('chats.write')}
      </Button>
      {create.isError && <ErrorAlert error={create.error} />}
    </>
  );
}
