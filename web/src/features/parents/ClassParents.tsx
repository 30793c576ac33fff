import { ActionIcon, Alert, Button, CopyButton, Group, Modal, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { ParentLink } from '@parta/contracts';
import { IconLinkOff, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { CreateInviteResponse } from '../../api/types';
import type { ClassParentsResponse } from './types';
import { formalName } from '../common/personName';
import { ErrorAlert, Loading } from '../common/ui';
import { PeopleList } from '../school/PeopleList';
import './texts';

/**
 * PAR-1 «Родители» of a class, for its class teacher and the administration: the linked parents with their
 * children, «Пригласить родителей» (a link for this class; each request is confirmed in «Заявки»), «Отвязать».
 */
export function ClassParents({ classId, schoolId, className }: { classId: string; schoolId: string; className: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [removing, setRemoving] = useState<ParentLink | null>(null);
  const parents = useQuery({
    queryKey: ['classParents', classId],
    queryFn: () => api<ClassParentsResponse>('GET', `/classes/${classId}/parents`),
  });
  const invite = useMutation({
    mutationFn: () => api<CreateInviteResponse>('POST', `/schools/${schoolId}/invites`, { role: 'parent', classId, expiresInDays: 14 }),
  });
  const remove = useMutation({
    mutationFn: (linkId: string) => api('DELETE', `/parent-links/${linkId}`),
    onSuccess: async () => {
      setRemoving(null);
      await client.invalidateQueries({ queryKey: ['classParents', classId] });
    },
  });
  const links = parents.data?.data ?? [];
  const people = links.map((l) => ({ ...l.parent, id: l.id, link: l }));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="class-parents">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="class-parents">
          {t('parents.title')}
        </Title>
        {parents.data?.can.invite && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => invite.mutate()} loading={invite.isPending}>
            {t('parents.invite')}
          </Button>
        )}
      </Group>
      {invite.isError && <ErrorAlert error={invite.error} />}
      {invite.data && (
        <Alert color="teal" mb="sm">
          <Stack gap="xs">
            <Text size="sm">{t('parents.inviteReady', { className })}</Text>
            <Group gap="xs" wrap="nowrap" align="flex-end">
              <TextInput label={t('parents.linkLabel')} value={invite.data.data.url} readOnly style={{ flex: 1 }} onFocus={(e) => e.currentTarget.select()} />
              <CopyButton value={invite.data.data.url}>
                {({ copied, copy }) => (
                  <Button variant="default" onClick={copy}>
                    {copied ? t('parents.copied') : t('parents.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Stack>
        </Alert>
      )}
      {parents.isPending ? (
        <Loading />
      ) : parents.isError ? (
        <ErrorAlert error={parents.error} onRetry={() => void parents.refetch()} />
      ) : (
        <PeopleList
          people={people}
          empty={t('parents.empty')}
          extra={(p) => t('parents.child', { name: formalName(p.link.child) })}
          right={(p) =>
            p.link.canRemove && (
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('parents.remove', { parent: formalName(p.link.parent) })}
                onClick={() => setRemoving(p.link)}
              >
                <IconLinkOff size={18} />
              </ActionIcon>
            )
          }
        />
      )}
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title={t('parents.removeTitle')} centered>
        {removing && (
          <Stack>
            <Text size="sm">{t('parents.removeText', { parent: formalName(removing.parent), child: formalName(removing.child) })}</Text>
            {remove.isError && <ErrorAlert error={remove.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRemoving(null)} data-autofocus>
                {t('parents.cancel')}
              </Button>
              <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(removing.id)}>
                {t('parents.removeConfirm')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Paper>
  );
}
