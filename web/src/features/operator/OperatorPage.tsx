import { Alert, Button, CopyButton, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { fieldErrors } from '../../api/errorText';
import type { CreateSchoolRequest, CreateSchoolResponse, OperatorSchoolsResponse } from '../../api/types';
import { useMe } from '../auth/useMe';
import { checkPhone } from '../auth/validation';
import { EmptyText, ErrorAlert, Loading, PageTitle } from '../common/ui';
import './texts';
import '../invites/texts';

type Field = 'name' | 'country' | 'city' | 'address' | 'phone' | 'site' | 'email' | 'description' | 'adminPhone';
const emptyForm: Record<Field, string> = {
  name: '', country: 'Россия', city: '', address: '', phone: '', site: '', email: '', description: '', adminPhone: '',
};

/** The platform operator: the schools of the registry, a new school and its first administrator. */
export function OperatorPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [open, setOpen] = useState(false);
  const [appointFor, setAppointFor] = useState<{ id: string; name: string } | null>(null);
  const schools = useQuery({
    queryKey: ['operatorSchools'],
    queryFn: () => api<OperatorSchoolsResponse>('GET', '/operator/schools'),
    enabled: !!me?.isOperator,
  });
  if (!me?.isOperator) return <EmptyText>{t('operator.forbidden')}</EmptyText>;

  return (
    <Stack gap="md">
      <PageTitle
        right={
          <Group gap="xs">
            <Button component={Link} to="/operator/audit" variant="light">
              {t('operator.audit')}
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setOpen(true)}>
              {t('operator.add')}
            </Button>
          </Group>
        }
      >
        {t('operator.title')}
      </PageTitle>
      <Paper withBorder p="md" style={{ overflowX: 'auto' }}>
        {schools.isPending ? (
          <Loading />
        ) : schools.isError ? (
          <ErrorAlert error={schools.error} onRetry={() => void schools.refetch()} />
        ) : schools.data.data.length === 0 ? (
          <EmptyText>{t('operator.empty')}</EmptyText>
        ) : (
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('operator.name')}</Table.Th>
                <Table.Th>{t('operator.city')}</Table.Th>
                <Table.Th>{t('operator.participants')}</Table.Th>
                <Table.Th>{t('operator.admins')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {schools.data.data.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{s.name}</Table.Td>
                  <Table.Td>
                    {s.country}, {s.city}
                  </Table.Td>
                  <Table.Td>{s.participantCount}</Table.Td>
                  <Table.Td>{s.adminCount}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="subtle" onClick={() => setAppointFor({ id: s.id, name: s.name })}>
                      {t('operator.appointAdmin')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('operator.add')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('app.close') }}
      >
        <CreateSchoolForm />
      </Modal>
      <Modal
        opened={!!appointFor}
        onClose={() => setAppointFor(null)}
        title={appointFor ? `${t('operator.appointAdmin')}: ${appointFor.name}` : ''}
        closeButtonProps={{ 'aria-label': t('app.close') }}
      >
        {appointFor && <AppointAdminForm schoolId={appointFor.id} />}
      </Modal>
    </Stack>
  );
}

/** The outcome of appointing: at once, or a link to send to someone without an account. */
function AppointResult({ result }: { result: CreateSchoolResponse['data'] }) {
  const { t } = useTranslation();
  if (result.adminAppointed) return <Alert color="teal">{t('operator.appointed')}</Alert>;
  if (!result.inviteUrl) return null;
  return (
    <Alert color="blue">
      <Stack gap="xs">
        <Text size="sm">{t('operator.sendLink')}</Text>
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <TextInput aria-label={t('invites.linkLabel')} value={result.inviteUrl} readOnly style={{ flex: 1 }} />
          <CopyButton value={result.inviteUrl}>
            {({ copied, copy }) => (
              <Button onClick={copy} color={copied ? 'teal' : 'blue'}>
                {copied ? t('invites.copied') : t('invites.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}

function CreateSchoolForm() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState(emptyForm);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [result, setResult] = useState<CreateSchoolResponse['data'] | null>(null);
  const create = useMutation({
    mutationFn: (body: CreateSchoolRequest) => api<CreateSchoolResponse>('POST', '/operator/schools', body),
    onSuccess: async (r) => {
      setResult(r.data);
      setForm(emptyForm);
      await client.invalidateQueries({ queryKey: ['operatorSchools'] });
    },
  });
  const server = fieldErrors(t, create.error);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setResult(null);
    const next: Partial<Record<Field, string>> = {};
    if (form.name.trim().length < 2) next.name = t('app.required');
    if (form.country.trim().length < 2) next.country = t('app.required');
    if (!form.city.trim()) next.city = t('app.required');
    if (!checkPhone(form.adminPhone).ok) next.adminPhone = t('errors.invalid_phone');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const opt = (v: string) => v.trim() || null;
    create.mutate({
      name: form.name.trim(),
      country: form.country.trim(),
      city: form.city.trim(),
      address: opt(form.address),
      phone: opt(form.phone),
      site: opt(form.site),
      email: opt(form.email),
      description: opt(form.description),
      adminPhone: form.adminPhone,
    });
  };
  const input = (f: Exclude<Field, 'description'>, required = false) => (
    <TextInput
      label={t(`operator.${f}`)}
      value={form[f]}
      onChange={(e) => setForm({ ...form, [f]: e.currentTarget.value })}
      error={errors[f] ?? server[f]}
      required={required}
      type={f === 'adminPhone' || f === 'phone' ? 'tel' : f === 'email' ? 'email' : 'text'}
      description={f === 'adminPhone' ? t('operator.adminPhoneHint') : undefined}
    />
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {input('name', true)}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {input('country', true)}
          {input('city', true)}
        </SimpleGrid>
        {input('address')}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {input('phone')}
          {input('site')}
          {input('email')}
        </SimpleGrid>
        <Textarea
          label={t('operator.description')}
          autosize
          minRows={2}
          value={form.description}
          onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
        />
        {input('adminPhone', true)}
        {create.isError && <ErrorAlert error={create.error} />}
        {result && <AppointResult result={result} />}
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('operator.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AppointAdminForm({ schoolId }: { schoolId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const appoint = useMutation({
    mutationFn: () => api<CreateSchoolResponse>('POST', `/operator/schools/${schoolId}/admins`, { phone }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['operatorSchools'] }),
  });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!checkPhone(phone).ok) {
          setError(t('errors.invalid_phone'));
          return;
        }
        setError(null);
        appoint.mutate();
      }}
    >
      <Stack gap="sm">
        <TextInput label={t('operator.adminPhone')} type="tel" value={phone} onChange={(e) => setPhone(e.currentTarget.value)} error={error} />
        {appoint.isError && <ErrorAlert error={appoint.error} />}
        {appoint.data && <AppointResult result={appoint.data.data} />}
        <Button type="submit" loading={appoint.isPending}>
          {t('operator.appoint')}
        </Button>
      </Stack>
    </form>
  );
}
