import type { LessonDetails, LessonFeed } from '@parta/contracts';
import { ActionIcon, Badge, Button, Divider, Group, Menu, Stack, Switch, Text, Title } from '@mantine/core';
import { IconDots, IconHandStop, IconMicrophoneOff } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formalName } from '../common/personName';
import { ErrorAlert } from '../common/ui';
import { DeviceSelect, type InputKind, openDevice, useMediaDevices } from './devices';
import type { LessonCall } from './lessonCall';
import './texts';

/**
 * Who is in the call; raised hands first, in the order they went up (VID-4 (2)). The host lowers hands, turns a
 * participant's camera or microphone off and removes them (VID-4 (9)).
 */
export function ParticipantsPanel({ details, feeds, onLower, refetch }: {
  details: LessonDetails;
  feeds: LessonFeed[];
  onLower: (userId: string) => void;
  refetch: () => void;
}) {
  const { t } = useTranslation();
  const lessonId = details.lesson.id;
  const act = useMutation({
    mutationFn: (a: { userId: string; what: 'camera' | 'microphone' | 'remove' }) =>
      a.what === 'remove'
        ? api('DELETE', `/lessons/${lessonId}/participants/${a.userId}`)
        : api('POST', `/lessons/${lessonId}/participants/${a.userId}/media`, { [a.what]: false }),
    onSuccess: refetch,
  });
  const hands = details.participants
    .filter((p) => p.handRaisedAt)
    .sort((a, b) => (a.handRaisedAt ?? '').localeCompare(b.handRaisedAt ?? ''));
  const present = details.participants.filter((p) => p.present && !p.handRaisedAt);
  const absent = details.participants.filter((p) => !p.present);
  const row = (p: LessonDetails['participants'][number], order?: number) => {
    const state = feeds.find((f) => f.userId === p.person.id)?.state;
    return (
      <Group key={p.person.id} justify="space-between" wrap="nowrap" gap="xs" data-testid={order ? 'hand-row' : 'person-row'}>
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          {order && (
            <Badge color="yellow" leftSection={<IconHandStop size={12} />}>
              {order}
            </Badge>
          )}
          <Text size="sm" truncate>
            {formalName(p.person)}
          </Text>
          {p.host && <Badge size="xs" variant="light">{t('lessons.host')}</Badge>}
          {state && !state.audio && <IconMicrophoneOff size={14} color="gray" aria-label={t('lessons.micIsOff')} />}
        </Group>
        <Group gap={4} wrap="nowrap">
          {order && (details.can.manage) && (
            <Button size="compact-xs" variant="light" onClick={() => onLower(p.person.id)}>
              {t('lessons.lowerHand')}
            </Button>
          )}
          {details.can.manage && !p.host && p.present && (
            <Menu position="bottom-end" zIndex={400}>
              <Menu.Target>
                <ActionIcon variant="subtle" aria-label={t('lessons.actionsFor', { name: formalName(p.person) })}>
                  <IconDots size={16} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => act.mutate({ userId: p.person.id, what: 'microphone' })}>{t('lessons.muteThem')}</Menu.Item>
                <Menu.Item onClick={() => act.mutate({ userId: p.person.id, what: 'camera' })}>{t('lessons.cameraOffThem')}</Menu.Item>
                <Menu.Item color="red" onClick={() => act.mutate({ userId: p.person.id, what: 'remove' })}>
                  {t('lessons.remove')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      </Group>
    );
  };
  return (
    <Stack gap="sm">
      {act.isError && <ErrorAlert error={act.error} />}
      {hands.length > 0 && (
        <>
          <Title order={3} size="h5">
            {t('lessons.hands')}
          </Title>
          {hands.map((p, i) => row(p, i + 1))}
          <Divider />
        </>
      )}
      <Title order={3} size="h5">
        {t('lessons.inCall', { count: details.participants.filter((p) => p.present).length })}
      </Title>
      {present.map((p) => row(p))}
      {absent.length > 0 && (
        <>
          <Divider />
          <Title order={3} size="h5">
            {t('lessons.notHere')}
          </Title>
          {absent.map((p) => (
            <Text key={p.person.id} size="sm" c="dimmed">
              {formalName(p.person)}
            </Text>
          ))}
        </>
      )}
    </Stack>
  );
}

/** VID-4 (9): my devices; for the host, the control panel — mute everyone, lock, end for everyone. */
export function SettingsPanel({ call, details, refetch, onEnd }: { call: LessonCall; details: LessonDetails; refetch: () => void; onEnd: () => void }) {
  const { t } = useTranslation();
  // Re-rendered when my tracks change, so the pickers show the device in use.
  useSyncExternalStore(call.subscribe, call.snapshot);
  const devices = useMediaDevices(null);
  const [failed, setFailed] = useState<'camera' | 'microphone' | null>(null);
  const update = useMutation({
    mutationFn: (change: { locked?: boolean; mutedAll?: boolean }) => api('PATCH', `/lessons/${details.lesson.id}`, change),
    onSuccess: refetch,
  });
  const pick = async (kind: InputKind, deviceId: string) => {
    if (deviceId === call.inputDevice(kind)) return;
    setFailed(null);
    const track = await openDevice(kind, deviceId).catch(() => null);
    if (track) call.switchDevice(track);
    else setFailed(kind === 'videoinput' ? 'camera' : 'microphone');
  };
  return (
    <Stack gap="md">
      <DeviceSelect kind="videoinput" devices={devices} value={call.inputDevice('videoinput')} onChange={(v) => void pick('videoinput', v)} />
      <DeviceSelect kind="audioinput" devices={devices} value={call.inputDevice('audioinput')} onChange={(v) => void pick('audioinput', v)} />
      {failed && (
        <Text size="sm" c="red" role="alert">
          {t(`lessons.deviceProblem.failed.${failed}.title`)}
        </Text>
      )}
      {details.can.manage && (
        <>
          <Divider label={t('lessons.hostPanel')} />
          <Switch
            checked={details.mutedAll}
            onChange={(e) => update.mutate({ mutedAll: e.currentTarget.checked })}
            label={t('lessons.muteAll')}
            description={t('lessons.muteAllNote')}
          />
          <Switch
            checked={details.locked}
            onChange={(e) => update.mutate({ locked: e.currentTarget.checked })}
            label={t('lessons.lock')}
            description={t('lessons.lockNote')}
          />
          {update.isError && <ErrorAlert error={update.error} />}
          <Button color="red" variant="light" onClick={onEnd}>
            {t('lessons.endForAll')}
          </Button>
        </>
      )}
    </Stack>
  );
}
