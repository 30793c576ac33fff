import type { LessonDetails, LessonFeed } from '@parta/contracts';
import { ActionIcon, Badge, Button, Divider, Group, Menu, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { IconDots, IconHandStop, IconMicrophoneOff } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formalName } from '../common/personName';
import { ErrorAlert } from '../common/ui';
import type { LessonCall } from './lessonCall';
import { openDevices } from './PreJoin';

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
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [cameraId, setCameraId] = useState<string | null>(null);
  const [micId, setMicId] = useState<string | null>(null);
  useEffect(() => {
    void navigator.mediaDevices?.enumerateDevices().then(setDevices).catch(() => undefined);
  }, []);
  const update = useMutation({
    mutationFn: (change: { locked?: boolean; mutedAll?: boolean }) => api('PATCH', `/lessons/${details.lesson.id}`, change),
    onSuccess: refetch,
  });
  const pick = async (camera: string | null, mic: string | null) => {
    const { stream } = await openDevices(camera, mic);
    if (stream) call.setCameraStream(stream);
  };
  const options = (kind: MediaDeviceKind) =>
    devices.filter((d) => d.kind === kind && d.deviceId).map((d, i) => ({ value: d.deviceId, label: d.label || `${t(`lessons.device.${kind}`)} ${i + 1}` }));
  return (
    <Stack gap="md">
      <Select
        label={t('lessons.camera')}
        data={options('videoinput')}
        value={cameraId}
        comboboxProps={{ zIndex: 400 }}
        onChange={(v) => {
          setCameraId(v);
          void pick(v, micId);
        }}
      />
      <Select
        label={t('lessons.microphone')}
        data={options('audioinput')}
        value={micId}
        comboboxProps={{ zIndex: 400 }}
        onChange={(v) => {
          setMicId(v);
          void pick(cameraId, v);
        }}
      />
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
