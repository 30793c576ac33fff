import { Alert, Badge, Button, CopyButton, Group, Modal, NumberInput, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { ClassesResponse, CreateInviteRequest, CreateInviteResponse, Invite, InvitesResponse } from '../../api/types';
import { calendarDate } from '../common/dates';
import { capitalized, roleWithClass } from '../common/roleLabel';
import { EmptyText, ErrorAlert, Loading, PageTitle } from '../common/ui';
import { useSchoolContext } from '../school/useSchool';
import './texts';

type InviteRole = 'admin' | 'leader' | 'teacher' | 'student' | 'parent';
const inviteRoles: InviteRole[] = ['teacher', 'student', 'parent', 'leader', 'admin'];
const expiryChoices = ['1', '7', '14', '30', '90', 'never'] as const;

function asInviteRole(v: string | null): InviteRole | null {
  return inviteRoles.includes(v as InviteRole) ? (v as InviteRole) : null;
}

/** ORG-3 «Приглашения по ссылке»: make a link for a role (and class), see and revoke the links. */
export function InvitesPage() {
  const { t, i18n } = useTranslation();
  const { data: school } = useSchoolContext();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const [role, setRole] = useState<InviteRole>(asInviteRole(params.get('role')) ?? 'teacher');
  const [classId, setClassId] = useState<string | null>(null);
  const [expiry, setExpiry] = useState<string>('14');
  const [maxUses, setMaxUses] = useState<string | number>('');
  const [created, setCreated] = useState<CreateInviteResponse['data'] | null>(null);
  const [revoking, setRevoking] = useState<Invite | null>(null);

  const invites = useQuery({
    queryKey: ['invites', school.id],
    queryFn: () => api<InvitesResponse>('GET', `/schools/${school.id}/invites`),
  });
  const classes = useQuery({
    queryKey: ['classes', school.id],
    queryFn: () => api<ClassesResponse>('GET', `/schools/${school.id}/classes`),
  });
  const withClass = role === 'teacher' || role === 'student' || role === 'parent';

  const create = useMutation({
    mutationFn: (body: CreateInviteRequest) => api<CreateInviteResponse>('POST', `/schools/${school.id}/invites`, body),
    onSuccess: async (r) => {
      setCreated(r.data);
      await client.invalidateQueries({ queryKey: ['invites', school.id] });
    },
  });
  const revoke = useMutation({
    mutationFn: (inviteId: string) => api('DELETE', `/schools/${school.id}/invites/${inviteId}`),
    onSettled: () => client.invalidateQueries({ queryKey: ['invites', school.id] }),
  });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setCreated(null);
    create.mutate({
      role,
      classId: withClass ? classId : null,
      expiresInDays: expiry === 'never' ? null : Number(expiry),
      maxUses: typeof maxUses === 'number' && maxUses > 0 ? maxUses : null,
    });
  };

  const status = (inv: Invite) =>
    inv.revoked ? (
      <Badge color="gray.9">{t('invites.revoked')}</Badge>
    ) : inv.active ? (
      <Badge color="teal.9">{t('invites.active')}</Badge>
    ) : (
      <Badge color="gray.9">{t('invites.inactive')}</Badge>
    );

  return (
    <Stack gap="md">
      <PageTitle>{t('schoolMenu.invites')}</PageTitle>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          {t('invites.createTitle')}
        </Title>
        <form onSubmit={submit} noValidate>
          <Stack gap="sm" maw={480}>
            <Select
              label={t('invites.roleLabel')}
              data={inviteRoles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              value={role}
              onChange={(v) => setRole(asInviteRole(v) ?? 'teacher')}
              allowDeselect={false}
            />
            {withClass && (
              <Select
                label={t('invites.classLabel')}
                placeholder={t('invites.classNone')}
                data={(classes.data?.data ?? []).map((c) => ({
                  value: c.id,
                  label: c.profile ? `${c.name} · ${c.profile}` : c.name,
                }))}
                value={classId}
                onChange={setClassId}
                clearable
              />
            )}
            <Select
              label={t('invites.expires')}
              data={expiryChoices.map((d) => ({
                value: d,
                label: d === 'never' ? t('invites.expiresNever') : t('invites.expiresDays', { count: Number(d) }),
              }))}
              value={expiry}
              onChange={(v) => setExpiry(v ?? '14')}
              allowDeselect={false}
            />
            <NumberInput
              label={t('invites.maxUses')}
              description={t('invites.maxUsesHint')}
              min={1}
              max={2000}
              allowDecimal={false}
              allowNegative={false}
              value={maxUses}
              onChange={setMaxUses}
            />
            {create.isError && <ErrorAlert error={create.error} />}
            <Group>
              <Button type="submit" loading={create.isPending}>
                {t('invites.create')}
              </Button>
            </Group>
          </Stack>
        </form>
        {created && (
          <Alert color="teal" mt="md" title={capitalized(roleWithClass(t, created.role, created.className))}>
            <Stack gap="xs">
              <Text size="sm">{t('invites.linkReady')}</Text>
              <Group gap="xs" wrap="nowrap" align="flex-end">
                <TextInput
                  label={t('invites.linkLabel')}
                  value={created.url}
                  readOnly
                  onFocus={(e) => e.currentTarget.select()}
                  style={{ flex: 1 }}
                />
                <CopyButton value={created.url}>
                  {({ copied, copy }) => (
                    <Button
                      onClick={copy}
                      color={copied ? 'teal' : 'blue'}
                      leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                    >
                      {copied ? t('invites.copied') : t('invites.copy')}
                    </Button>
                  )}
                </CopyButton>
              </Group>
            </Stack>
          </Alert>
        )}
      </Paper>

      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          {t('invites.list')}
        </Title>
        {invites.isPending ? (
          <Loading />
        ) : invites.isError ? (
          <ErrorAlert error={invites.error} onRetry={() => void invites.refetch()} />
        ) : invites.data.data.length === 0 ? (
          <EmptyText>{t('invites.empty')}</EmptyText>
        ) : (
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {invites.data.data.map((inv) => (
              <Group key={inv.id} component="li" justify="space-between" wrap="wrap" gap="xs">
                <Stack gap={2}>
                  <Group gap="xs">
                    <Text fw={600}>{capitalized(roleWithClass(t, inv.role, inv.className))}</Text>
                    {status(inv)}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {inv.maxUses ? t('invites.usesOf', { uses: inv.uses, max: inv.maxUses }) : t('invites.uses', { uses: inv.uses })}
                    {' · '}
                    {inv.expiresAt ? t('invites.until', { date: calendarDate(inv.expiresAt, i18n.language) }) : t('invites.noExpiry')}
                    {' · '}
                    {t('invites.createdBy', { name: inv.createdBy })}
                  </Text>
                </Stack>
                {inv.active && !inv.revoked && (
                  <Button
                    size="xs"
                    variant="light"
                    color="red"
                    loading={revoke.isPending && revoke.variables === inv.id}
                    onClick={() => setRevoking(inv)}
                  >
                    {t('invites.revoke')}
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
        )}
        {revoke.isError && <ErrorAlert error={revoke.error} />}
      </Paper>
      <Modal
        opened={!!revoking}
        onClose={() => setRevoking(null)}
        title={t('invites.revoke')}
        closeButtonProps={{ 'aria-label': t('app.close') }}
      >
        <Stack gap="md">
          <Text size="sm">
            {revoking && capitalized(roleWithClass(t, revoking.role, revoking.className))}
          </Text>
          <Text size="sm">{t('invites.revokeConfirm')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              {t('app.cancel')}
            </Button>
            <Button
              color="red"
              onClick={() => {
                if (revoking) revoke.mutate(revoking.id);
                setRevoking(null);
              }}
            >
              {t('invites.revoke')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
