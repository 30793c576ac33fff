import type { LessonDetails } from '@parta/contracts';
import { Alert, Box, Button, Group, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { IconMicrophone, IconRefresh, IconVideo } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fullName } from '../common/personName';
import { DeviceSelect, deviceOf, useMediaDevices } from './devices';
import './texts';

export interface JoinChoice {
  stream: MediaStream | null;
  audio: boolean;
  video: boolean;
}

export type ProblemKind = 'denied' | 'none' | 'failed';
/** What could not be had (`both`: neither camera nor microphone) and why. */
export interface DeviceProblem {
  kind: ProblemKind;
  what: 'both' | 'camera' | 'microphone';
}

/** What went wrong asking for devices, in words a teacher or pupil can act on. */
function problemOf(err: unknown): ProblemKind {
  const name = err instanceof DOMException ? err.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'none';
  return 'failed';
}

/**
 * Asks for camera and microphone; when that fails, for each alone (a computer without a camera still speaks, and a
 * browser may allow the microphone but not the camera). The problem names what is missing and why.
 */
export async function openDevices(cameraId: string | null, micId: string | null): Promise<{ stream: MediaStream | null; problem: DeviceProblem | null }> {
  const video = cameraId ? { deviceId: { exact: cameraId } } : true;
  const audio = micId ? { deviceId: { exact: micId } } : true;
  if (!navigator.mediaDevices?.getUserMedia) return { stream: null, problem: { kind: 'none', what: 'both' } };
  try {
    return { stream: await navigator.mediaDevices.getUserMedia({ video, audio }), problem: null };
  } catch (err) {
    const alone = async (c: MediaStreamConstraints) => navigator.mediaDevices.getUserMedia(c).then((s) => ({ s, e: null }), (e: unknown) => ({ s: null, e }));
    // Refused: only what the browser says is allowed is asked for alone, so a closed prompt does not come back twice.
    const mayAsk = async (name: 'camera' | 'microphone') =>
      problemOf(err) !== 'denied' || (await navigator.permissions?.query({ name: name as PermissionName }).then((p) => p.state === 'granted', () => false));
    const mic = (await mayAsk('microphone')) ? await alone({ audio }) : { s: null, e: err };
    const cam = (await mayAsk('camera')) ? await alone({ video }) : { s: null, e: err };
    if (mic.s && cam.s) return { stream: new MediaStream([...mic.s.getTracks(), ...cam.s.getTracks()]), problem: null };
    if (mic.s) return { stream: mic.s, problem: { kind: problemOf(cam.e), what: 'camera' } };
    if (cam.s) return { stream: cam.s, problem: { kind: problemOf(mic.e), what: 'microphone' } };
    return { stream: null, problem: { kind: problemOf(err), what: 'both' } };
  }
}

/**
 * Why a camera or microphone is missing in the call, asked of the browser now (the answer changes while the call goes
 * on): none connected, not allowed (refused, or never asked), or allowed but not working.
 */
export async function missingReason(device: 'camera' | 'microphone'): Promise<ProblemKind> {
  const kind = device === 'camera' ? 'videoinput' : 'audioinput';
  const devices = (await navigator.mediaDevices?.enumerateDevices().catch(() => [])) ?? [];
  if (!devices.some((d) => d.kind === kind)) return 'none';
  const state = await navigator.permissions?.query({ name: device as PermissionName }).then((s) => s.state, () => null);
  return state === 'denied' || state === 'prompt' ? 'denied' : 'failed';
}

/** VID-3, the screen before the call: my own picture, device pickers, join with the microphone or camera off. */
export function PreJoin({ details, onJoin, joining }: { details: LessonDetails; onJoin: (c: JoinChoice) => void; joining: boolean }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [problem, setProblem] = useState<DeviceProblem | null>(null);
  // Until the browser has answered about camera and microphone, joining would join without them.
  const [asking, setAsking] = useState(true);
  // The devices picked (none: the browser's choice). A new object asks the browser again — «Попробовать снова» after
  // allowing access or connecting a device.
  const [wanted, setWanted] = useState<{ cameraId: string | null; micId: string | null }>({ cameraId: null, micId: null });
  const [audioOn, setAudioOn] = useState(!details.mutedAll || details.can.unmute);
  const [videoOn, setVideoOn] = useState(true);
  const handedOver = useRef(false);

  useEffect(() => {
    let cancelled = false;
    let opened: MediaStream | null = null;
    setAsking(true);
    void openDevices(wanted.cameraId, wanted.micId).then((r) => {
      if (cancelled) {
        for (const tr of r.stream?.getTracks() ?? []) tr.stop();
        return;
      }
      opened = r.stream;
      setStream(r.stream);
      setProblem(r.problem);
      setAsking(false);
    });
    return () => {
      cancelled = true;
      if (!handedOver.current) for (const tr of opened?.getTracks() ?? []) tr.stop();
    };
  }, [wanted]);

  useEffect(() => {
    if (video.current) video.current.srcObject = stream;
  }, [stream]);

  const hasVideo = (stream?.getVideoTracks().length ?? 0) > 0;
  const hasAudio = (stream?.getAudioTracks().length ?? 0) > 0;
  // Read again once access is given: only then do the devices have names.
  const devices = useMediaDevices(stream);
  const currentCamera = wanted.cameraId ?? deviceOf(stream, 'videoinput');
  const currentMic = wanted.micId ?? deviceOf(stream, 'audioinput');

  return (
    <Stack maw={720} mx="auto" gap="md" p="md">
      <Title order={1} size="h3">
        {t('lessons.prejoinTitle', { title: details.lesson.title || fullName(details.lesson.host) })}
      </Title>
      <Text c="dimmed" size="sm">
        {t('lessons.hostAndCount', { name: fullName(details.lesson.host), count: details.lesson.presentCount })}
      </Text>
      <Paper withBorder radius="md" style={{ overflow: 'hidden', background: '#1f2329', aspectRatio: '16 / 9', position: 'relative' }}>
        <Box
          component="video"
          ref={video}
          autoPlay
          muted
          playsInline
          data-testid="prejoin-video"
          style={{ width: '100%', height: '100%', objectFit: 'cover', transform: 'scaleX(-1)', display: hasVideo && videoOn ? 'block' : 'none' }}
        />
        {!(hasVideo && videoOn) && (
          <Text c="gray.3" ta="center" style={{ position: 'absolute', inset: 0, display: 'grid', placeItems: 'center' }}>
            {problem && problem.what !== 'microphone' ? t(`lessons.deviceProblem.${problem.kind}.camera.title`) : t('lessons.cameraOff')}
          </Text>
        )}
      </Paper>
      {problem && (
        <Alert
          color={problem.kind === 'denied' ? 'orange' : 'yellow'}
          title={t(`lessons.deviceProblem.${problem.kind}.${problem.what}.title`)}
          role="alert"
          data-testid="device-problem"
        >
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t(`lessons.deviceProblem.${problem.kind}.${problem.what}.text`)}</Text>
            <Button size="xs" variant="default" leftSection={<IconRefresh size={14} />} loading={asking} onClick={() => setWanted((w) => ({ ...w }))}>
              {t('lessons.retryDevices')}
            </Button>
          </Stack>
        </Alert>
      )}
      {details.mutedAll && !details.can.unmute && (
        <Alert color="blue" role="status">
          {t('errors.lesson_muted')}
        </Alert>
      )}
      <Group grow align="flex-end" wrap="wrap">
        <DeviceSelect
          kind="videoinput"
          devices={devices}
          value={currentCamera}
          onChange={(v) => setWanted((w) => ({ ...w, cameraId: v }))}
          disabled={!hasVideo}
        />
        <DeviceSelect
          kind="audioinput"
          devices={devices}
          value={currentMic}
          onChange={(v) => setWanted((w) => ({ ...w, micId: v }))}
          disabled={!hasAudio}
        />
      </Group>
      <Group gap="lg">
        <Switch
          checked={videoOn && hasVideo}
          disabled={!hasVideo}
          onChange={(e) => setVideoOn(e.currentTarget.checked)}
          label={<Group gap={4}><IconVideo size={16} />{t('lessons.cameraOn')}</Group>}
        />
        <Switch
          checked={audioOn && hasAudio}
          disabled={!hasAudio || (details.mutedAll && !details.can.unmute)}
          onChange={(e) => setAudioOn(e.currentTarget.checked)}
          label={<Group gap={4}><IconMicrophone size={16} />{t('lessons.microphoneOn')}</Group>}
        />
      </Group>
      <Group justify="flex-end">
        <Button
          size="md"
          color="green"
          // «Присоединиться, чтобы слушать» is wider than a phone's button: it wraps instead of being cut off.
          h="auto"
          mih={42}
          py={8}
          maw="100%"
          styles={{ label: { whiteSpace: 'normal', lineHeight: 1.3, textAlign: 'center' } }}
          loading={joining || asking}
          onClick={() => {
            handedOver.current = true;
            onJoin({ stream, audio: audioOn && hasAudio && (!details.mutedAll || details.can.unmute), video: videoOn && hasVideo });
          }}
        >
          {stream ? t('lessons.join') : t('lessons.joinToListen')}
        </Button>
      </Group>
    </Stack>
  );
}
