import { Button, Group, Modal, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { EmptyText, ErrorAlert, Loading, PageTitle } from '../common/ui';
import { type ChatDetailsResponse, type PublicChatsResponse, chatKeys } from './chatTypes';
import { useCreateChat } from './hooks';

/** CHT-5 «Публичные чаты» of a school: members join them; administrators create them. */
export function PublicChatsPage() {
  const { t } = useTranslation();
  const { schoolId = '' } = useParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: chatKeys.publicChats(schoolId),
    queryFn: () => api<PublicChatsResponse>('GET', `/schools/${schoolId}/public-chats`),
  });
  const join = useMutation({
    mutationFn: (chatId: string) => api<ChatDetailsResponse>('POST', `/chats/${chatId}/join`),
    onSuccess: (r) => {
      client.setQueryData(chatKeys.details(r.data.id), r);
      void client.invalidateQueries({ queryKey: chatKeys.all });
      navigate(`/chats/${r.data.id}`);
    },
  });

  return (
    <Stack gap="md">
      <PageTitle
        right={
          list.data?.can.create && (
            <Button leftSection={<IconPlus size={16} />} variant="light" onClick={() => setCreating(true)}>
              {t('chats.createPublic')}
            </Button>
          )
        }
      >
        {t('chats.publicTitle')}
      </PageTitle>
      <Text size="sm" c="dimmed">
        {t('chats.publicText')}
      </Text>
      <Paper withBorder p="md">
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.data.length === 0 ? (
          <EmptyText>{t('chats.publicEmpty')}</EmptyText>
        ) : (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {list.data.data.map((c) => (
              <Group key={c.id} component="li" justify="space-between" wrap="nowrap">
                <div>
                  <Text fw={600} size="sm">
                    {c.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('chats.members', { count: c.memberCount })}
                  </Text>
                </div>
                {c.joined ? (
                  <Button size="xs" variant="default" component={Link} to={`/chats/${c.id}`}>
                    {t('chats.open')}
                  </Button>
                ) : (
                  <Button size="xs" loading={join.isPending && join.variables === c.id} onClick={() => join.mutate(c.id)}>
                    {t('chats.join')}
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
        )}
        {join.isError && <ErrorAlert error={join.error} />}
      </Paper>
      <CreatePublicModal schoolId={schoolId} opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}

function CreatePublicModal({ schoolId, opened, onClose }: { schoolId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const create = useCreateChat();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setError(t('chats.needName'));
    setError(null);
    create.mutate({ kind: 'public', schoolId, name: name.trim() }, { onSuccess: onClose });
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('chats.createPublic')} closeButtonProps={{ 'aria-label': t('app.close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('chats.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={error} maxLength={100} />
          {create.isError && <ErrorAlert error={create.error} />}
          <Button type="submit" loading={create.isPending}>
            {t('chats.createChat')}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
