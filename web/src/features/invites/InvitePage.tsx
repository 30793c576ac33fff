import { Alert, Button, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import type { AcceptInviteRequest, AcceptInviteResponse, InvitePreviewResponse } from '../../api/types';
import { AuthCard, AuthFrame } from '../auth/AuthCard';
import { meKey, useMe } from '../auth/useMe';
import { roleWithClass } from '../common/roleLabel';
import { ErrorAlert, Loading } from '../common/ui';
import { SubjectsInput } from '../common/SubjectsInput';
import './texts';
import '../auth/texts';
import '../joinRequests/texts';
import { ChooseChildren } from '../parents/ChooseChildren';

/** ORG-3: the invitation page — «Куда», «Роль», then sign in or «Присоединиться». */
export function InvitePage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const me = useMe();
  const [subjects, setSubjects] = useState<string[]>([]);
  const [subjectError, setSubjectError] = useState<string | null>(null);
  const [childIds, setChildIds] = useState<string[]>([]);
  const [childError, setChildError] = useState<string | null>(null);

  const preview = useQuery({
    queryKey: ['invite', token],
    queryFn: () => api<InvitePreviewResponse>('GET', `/invites/${encodeURIComponent(token)}`),
  });
  const accept = useMutation({
    mutationFn: (body: AcceptInviteRequest) =>
      api<AcceptInviteResponse>('POST', `/invites/${encodeURIComponent(token)}/accept`, body),
    onSuccess: async (r) => {
      await client.invalidateQueries({ queryKey: meKey });
      // A link that needs approval made a join request: «Мои заявки» on «Главная» shows it «На рассмотрении».
      if (r.data.status === 'requested') {
        await client.invalidateQueries({ queryKey: ['myRequests'] });
        navigate('/home', { replace: true });
      } else navigate(`/schools/${r.data.schoolId}`, { replace: true });
    },
  });

  let body: React.ReactNode;
  if (preview.isPending || me.isPending) body = <Loading />;
  else if (preview.isError) {
    const invalid = preview.error instanceof ApiError && (preview.error.status === 404 || preview.error.code === 'invite_invalid');
    body = invalid ? (
      <Alert color="red" role="alert">
        {t('invites.invalid')}
      </Alert>
    ) : (
      <ErrorAlert error={preview.error} onRetry={() => void preview.refetch()} />
    );
  } else {
    const inv = preview.data.data;
    const isTeacher = inv.role === 'teacher';
    const isParent = inv.role === 'parent';
    const join = () => {
      if (isTeacher && subjects.length === 0) {
        setSubjectError(t('errors.subject_required'));
        return;
      }
      if (isParent && childIds.length === 0) {
        setChildError(t('errors.children_required'));
        return;
      }
      setSubjectError(null);
      setChildError(null);
      accept.mutate({ subjects: isTeacher ? subjects : [], childIds: isParent ? childIds : [] });
    };
    body = (
      <Stack gap="sm">
        <Text fw={700} size="lg">
          {t('invites.where', { school: inv.schoolName })}
        </Text>
        <Text fw={700} size="lg">
          {t('invites.role', { role: roleWithClass(t, inv.role, inv.className) })}
        </Text>
        {!inv.active ? (
          <Alert color="red" role="alert">
            {t('invites.invalid')}
          </Alert>
        ) : !me.data ? (
          <>
            <Text>{t('invites.needAuth')}</Text>
            <Button size="md" onClick={() => navigate(`/login?invite=${encodeURIComponent(token)}`)}>
              {t('auth.submitPhone')}
            </Button>
          </>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t('invites.checkHint')}
            </Text>
            {inv.needsApproval && <Text size="sm">{t('join.note')}</Text>}
            {isParent && (
              <ChooseChildren
                token={token}
                value={childIds}
                onChange={(ids) => {
                  setChildIds(ids);
                  setChildError(null);
                }}
                error={childError}
              />
            )}
            {isTeacher && (
              <SubjectsInput value={subjects} onChange={setSubjects} error={subjectError} />
            )}
            {accept.isError && <ErrorAlert error={accept.error} />}
            <Button size="md" onClick={join} loading={accept.isPending}>
              {inv.needsApproval ? t('join.submit') : t('invites.join')}
            </Button>
          </>
        )}
      </Stack>
    );
  }

  return (
    <AuthFrame>
      <AuthCard title={t('invites.title')}>{body}</AuthCard>
    </AuthFrame>
  );
}
