import type { LessonDetails } from '@parta/contracts';
import { ActionIcon, Badge, Box, Button, Drawer, Group, Menu, Pagination, Text, Tooltip } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import {
  IconHandStop, IconLayoutGrid, IconMaximize, IconMessage, IconMicrophone, IconMicrophoneOff, IconPhoneOff, IconScreenShare,
  IconScreenShareOff, IconSettings, IconUser, IconUserPlus, IconUsers, IconVideo, IconVideoOff, IconWifiOff,
} from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorText } from '../../api/errorText';
import { useMe } from '../auth/useMe';
import { useOnline } from '../chats/RealtimeProvider';
import { fullName } from '../common/personName';
import { CallChat } from './CallChat';
import { EndForAllConfirm } from './EndForAllConfirm';
import { callLayout, gridPageSize } from './callLayout';
import { InviteModal } from './InviteModal';
import type { LessonCall } from './lessonCall';
import { ParticipantsPanel, SettingsPanel } from './Panels';
import { missingReason, openDevices, type ProblemKind } from './PreJoin';
import { VideoTile } from './VideoTile';
import './texts';

type Panel = 'chat' | 'people' | 'settings' | null;

/** A control of the call bar: an icon button with its name as tooltip and accessible label. */
function Control({ label, active, color, onClick, disabled, children, testId }: {
  label: string; active?: boolean; color?: string; onClick: () => void; disabled?: boolean; children: ReactNode; testId?: string;
}) {
  return (
    <Tooltip label={label} multiline={label.length > 40} w={label.length > 40 ? 280 : undefined}>
      <ActionIcon
        size={44}
        radius="xl"
        variant={active ? 'filled' : 'light'}
        color={color ?? (active ? 'blue' : 'gray')}
        aria-label={label}
        aria-pressed={active}
        onClick={onClick}
        disabled={disabled}
        data-testid={testId}
      >
        {children}
      </ActionIcon>
    </Tooltip>
  );
}

/**
 * VID-4, the call screen with the guide's ten controls: (1) the call's chat, (2) raise hand, (3) screen share,
 * (4) invite, (5) camera, (6) microphone, (7) leave / end for everyone, (8) grid with pages or the speaker,
 * (9) settings and the host's control panel, (10) full screen.
 */
export function CallScreen({ call, details, onLeave, onEnd, refetch }: {
  call: LessonCall;
  details: LessonDetails;
  onLeave: () => void;
  /** Ends the lesson for everyone (after the confirmation); rejects with the server's refusal. */
  onEnd: () => Promise<void>;
  refetch: () => void;
}) {
  const { t } = useTranslation();
  const me = useMe().data;
  const snap = useSyncExternalStore(call.subscribe, call.snapshot);
  // The socket is down: the pictures froze and the server let my media go; the page enters again once it is back.
  const online = useOnline();
  const mobile = useMediaQuery('(max-width: 48em)');
  const [panel, setPanel] = useState<Panel>(null);
  const [view, setView] = useState<'grid' | 'speaker'>('grid');
  const [page, setPage] = useState(1);
  const [stripPage, setStripPage] = useState(1);
  const [inviting, setInviting] = useState(false);
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const askEnd = () => setConfirmingEnd(true);
  const [problem, setProblem] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const lessonId = details.lesson.id;
  const myId = me?.id ?? '';

  // Joined without a camera or microphone (access refused, none found): the buttons say why and ask the browser again.
  const hasCamera = call.hasCamera();
  const hasMic = call.hasMicrophone();
  const [missing, setMissing] = useState<{ camera: ProblemKind | null; microphone: ProblemKind | null }>({ camera: null, microphone: null });
  useEffect(() => {
    let stale = false;
    void Promise.all([hasCamera ? null : missingReason('camera'), hasMic ? null : missingReason('microphone')]).then(([camera, microphone]) => {
      if (!stale) setMissing({ camera, microphone });
    });
    return () => {
      stale = true;
    };
  }, [hasCamera, hasMic]);
  const askAgain = async (device: 'camera' | 'microphone') => {
    const { stream } = await openDevices(null, null);
    if ((device === 'camera' ? stream?.getVideoTracks() : stream?.getAudioTracks())?.length) {
      call.setCameraStream(stream);
      if (device === 'camera') call.setCamera(true);
      else call.setMic(true);
      setProblem(null);
    } else {
      for (const tr of stream?.getTracks() ?? []) tr.stop();
      const reason = await missingReason(device);
      setMissing((m) => ({ ...m, [device]: reason }));
      setProblem(t(`lessons.deviceOff.${reason}.${device}`));
    }
  };
  const cameraKind = missing.camera ?? 'none';
  const myNote = hasCamera
    ? null
    : !hasMic && missing.microphone === cameraKind
      ? t(`lessons.deviceProblem.${cameraKind}.both.title`)
      : t(`lessons.deviceProblem.${cameraKind}.camera.title`);

  const people = useMemo(() => new Map(details.participants.map((p) => [p.person.id, p])), [details.participants]);
  const handUp = Boolean(people.get(myId)?.handRaisedAt);
  const hand = useMutation({
    mutationFn: (v: { userId: string; raised: boolean }) => api('POST', `/lessons/${lessonId}/hands/${v.userId}`, { raised: v.raised }),
    onSuccess: refetch,
    onError: (e) => setProblem(errorText(t, e)),
  });

  const others = snap.feeds.filter((f) => f.userId !== myId);
  const tiles = [{ id: myId, mine: true }, ...others.map((f) => ({ id: f.userId, mine: false }))];
  const speakerId = others.find((f) => f.state.screen)?.userId ?? snap.speaker ?? others[0]?.userId ?? myId;

  const tile = (id: string, mine: boolean, big = false) => {
    const feed = snap.feeds.find((f) => f.userId === id);
    return (
      <VideoTile
        key={id}
        person={people.get(id)?.person ?? (mine && me ? { id: me.id, firstName: me.firstName, lastName: me.lastName, middleName: null } : null)}
        stream={mine ? snap.local : (snap.remote[id] ?? null)}
        state={mine ? snap.state : (feed?.state ?? null)}
        mine={mine}
        handUp={Boolean(people.get(id)?.handRaisedAt)}
        speaking={!mine && snap.speaker === id}
        big={big}
        note={mine ? myNote : null}
      />
    );
  };

  // Only the pictures on screen are received — this page of the grid, or the speaker and the strip's page — each at
  // the size its tile needs (with simulcast).
  const layout = callLayout({ tiles, view, speakerId, page, stripPage, mobile });
  const shown = layout.shown;
  const shownKey = JSON.stringify(shown);
  useEffect(() => {
    call.setShown(JSON.parse(shownKey) as Record<string, number>);
  }, [call, shownKey]);

  // Phones in portrait: one above the other for two people, two across for more.
  const cols = mobile ? (tiles.length <= 2 ? 1 : 2) : Math.min(3, Math.max(1, Math.ceil(Math.sqrt(Math.min(tiles.length, gridPageSize(mobile))))));
  const canUnmute = details.can.unmute;
  const raisedCount = details.participants.filter((p) => p.handRaisedAt).length;

  const fullScreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void root.current?.requestFullscreen?.().catch(() => undefined);
  };

  return (
    <Box ref={root} style={{ position: 'fixed', inset: 0, zIndex: 300, background: '#16191d', color: 'white', display: 'flex', flexDirection: 'column' }} data-testid="call-screen">
      <Group justify="space-between" px="md" py={8} wrap="nowrap" gap="xs">
        <Box style={{ minWidth: 0 }}>
          <Text fw={700} truncate>
            {details.lesson.title || fullName(details.lesson.host)}
          </Text>
          <Text size="xs" c="gray.5">
            {t('lessons.inCall', { count: details.participants.filter((p) => p.present).length })}
            {details.locked && ` · ${t('lessons.lockedShort')}`}
            {details.mutedAll && ` · ${t('lessons.mutedAllShort')}`}
          </Text>
        </Box>
        <Group gap={6} wrap="nowrap">
          {details.can.manage && raisedCount > 0 && (
            <Badge color="yellow" leftSection={<IconHandStop size={12} />} style={{ cursor: 'pointer' }} onClick={() => setPanel('people')} data-testid="hands-badge">
              {raisedCount}
            </Badge>
          )}
          <ActionIcon variant="light" color="gray" aria-label={t('lessons.participants')} onClick={() => setPanel(panel === 'people' ? null : 'people')}>
            <IconUsers size={20} />
          </ActionIcon>
        </Group>
      </Group>

      {(snap.error || problem) && (
        <Text size="sm" c="orange.3" px="md" role="alert">
          {problem ?? t(`errors.${snap.error}`, { defaultValue: t('errors.internal') })}
        </Text>
      )}
      {!online ? (
        <Group gap={6} px="md" wrap="nowrap" role="status" data-testid="call-offline">
          <IconWifiOff size={16} color="var(--mantine-color-yellow-4)" style={{ flexShrink: 0 }} aria-hidden />
          <Text size="sm" c="yellow.3">
            {t('lessons.offline')}
          </Text>
        </Group>
      ) : (
        snap.phase === 'connecting' && (
          <Text size="sm" c="gray.4" px="md" role="status">
            {t('lessons.connecting')}
          </Text>
        )
      )}

      <Box style={{ flex: 1, minHeight: 0, padding: 8, display: 'flex', flexDirection: 'column', gap: 8 }}>
        {view === 'grid' ? (
          <>
            <Box style={{ flex: 1, minHeight: 0, display: 'grid', gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))`, gap: 8, alignContent: 'center', overflow: 'auto' }}>
              {layout.gridTiles.map((x) => tile(x.id, x.mine))}
            </Box>
            {layout.gridPages > 1 && (
              <Group justify="center">
                <Pagination total={layout.gridPages} value={layout.gridPage} onChange={setPage} size="sm" aria-label={t('lessons.pages')} />
              </Group>
            )}
          </>
        ) : (
          <>
            <Box style={{ flex: 1, minHeight: 0 }}>{tile(speakerId, speakerId === myId, true)}</Box>
            <Group gap={8} wrap="nowrap" style={{ overflowX: 'auto', flexShrink: 0 }} data-testid="speaker-strip">
              {layout.stripTiles.map((x) => (
                <Box key={x.id} w={160} style={{ flexShrink: 0 }}>
                  {tile(x.id, x.mine)}
                </Box>
              ))}
            </Group>
            {layout.stripPages > 1 && (
              <Group justify="center">
                <Pagination total={layout.stripPages} value={layout.stripPage} onChange={setStripPage} size="sm" aria-label={t('lessons.stripPages')} />
              </Group>
            )}
          </>
        )}
      </Box>

      <Group justify="center" gap={8} p={10} wrap="wrap" style={{ background: '#101215' }} role="toolbar" aria-label={t('lessons.controls')}>
        <Control label={t('lessons.chat')} active={panel === 'chat'} onClick={() => setPanel(panel === 'chat' ? null : 'chat')}>
          <IconMessage size={22} />
        </Control>
        <Control
          label={handUp ? t('lessons.lowerHand') : t('lessons.raiseHand')}
          active={handUp}
          color={handUp ? 'yellow' : undefined}
          onClick={() => hand.mutate({ userId: myId, raised: !handUp })}
          testId="raise-hand"
        >
          <IconHandStop size={22} />
        </Control>
        <Control
          label={snap.state.screen ? t('lessons.stopSharing') : t('lessons.shareScreen')}
          active={snap.state.screen}
          onClick={() => void call.shareScreen(!snap.state.screen).catch(() => setProblem(t('lessons.shareFailed')))}
        >
          {snap.state.screen ? <IconScreenShareOff size={22} /> : <IconScreenShare size={22} />}
        </Control>
        <Control label={t('lessons.invite')} onClick={() => setInviting(true)}>
          <IconUserPlus size={22} />
        </Control>
        <Control
          label={snap.state.video ? t('lessons.turnCameraOff') : hasCamera ? t('lessons.turnCameraOn') : t(`lessons.deviceOff.${cameraKind}.camera`)}
          active={snap.state.video}
          color={!snap.state.video && !hasCamera ? 'orange' : undefined}
          onClick={() => (snap.state.video || hasCamera ? call.setCamera(!snap.state.video) : void askAgain('camera'))}
          testId="camera"
        >
          {snap.state.video ? <IconVideo size={22} /> : <IconVideoOff size={22} />}
        </Control>
        <Control
          label={
            snap.state.audio
              ? t('lessons.turnMicOff')
              : !canUnmute
                ? t('errors.lesson_muted')
                : hasMic
                  ? t('lessons.turnMicOn')
                  : t(`lessons.deviceOff.${missing.microphone ?? 'none'}.microphone`)
          }
          active={snap.state.audio}
          color={!snap.state.audio && canUnmute && !hasMic ? 'orange' : undefined}
          onClick={() => (snap.state.audio || hasMic ? call.setMic(!snap.state.audio) : void askAgain('microphone'))}
          disabled={!snap.state.audio && !canUnmute}
          testId="microphone"
        >
          {snap.state.audio ? <IconMicrophone size={22} /> : <IconMicrophoneOff size={22} />}
        </Control>
        <Control label={view === 'grid' ? t('lessons.speakerView') : t('lessons.gridView')} onClick={() => setView(view === 'grid' ? 'speaker' : 'grid')}>
          {view === 'grid' ? <IconUser size={22} /> : <IconLayoutGrid size={22} />}
        </Control>
        <Control label={t('lessons.settings')} active={panel === 'settings'} onClick={() => setPanel(panel === 'settings' ? null : 'settings')}>
          <IconSettings size={22} />
        </Control>
        <Control label={t('lessons.fullScreen')} onClick={fullScreen}>
          <IconMaximize size={22} />
        </Control>
        {details.can.manage ? (
          <Menu position="top">
            <Menu.Target>
              <Button color="red" radius="xl" h={44} leftSection={<IconPhoneOff size={20} />}>
                {t('lessons.leave')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={onLeave}>{t('lessons.leaveOnly')}</Menu.Item>
              <Menu.Item color="red" onClick={askEnd}>
                {t('lessons.endForAll')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        ) : (
          <Button color="red" radius="xl" h={44} leftSection={<IconPhoneOff size={20} />} onClick={onLeave}>
            {t('lessons.leave')}
          </Button>
        )}
      </Group>

      <Drawer
        opened={panel !== null}
        onClose={() => setPanel(null)}
        position="right"
        size={mobile ? '100%' : 380}
        zIndex={350}
        title={panel ? t(`lessons.panel.${panel}`) : ''}
        closeButtonProps={{ 'aria-label': t('app.close') }}
      >
        {panel === 'chat' && <CallChat call={call} />}
        {panel === 'people' && <ParticipantsPanel details={details} feeds={snap.feeds} onLower={(userId) => hand.mutate({ userId, raised: false })} refetch={refetch} />}
        {panel === 'settings' && <SettingsPanel call={call} details={details} refetch={refetch} onEnd={askEnd} />}
      </Drawer>
      <InviteModal opened={inviting} onClose={() => setInviting(false)} details={details} />
      <EndForAllConfirm opened={confirmingEnd} onCancel={() => setConfirmingEnd(false)} onConfirm={onEnd} />
    </Box>
  );
}
