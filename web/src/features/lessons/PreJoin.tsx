import type { LessonDetails } from '@parta/contracts';
import { Alert, Box, Button, Group, Paper, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { IconMicrophone, IconVideo } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fullName } from '../common/personName';

export interface JoinChoice {
  stream: MediaStream | null;
  audio: boolean;
  video: boolean;
}

type DeviceProblem = 'denied' | 'none' | 'failed' | null;

/** What went wrong asking for devices, in words a teacher or pupil can act on. */
function problemOf(err: unknown): DeviceProblem {
  const name = err instanceof DOMException ? err.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'none';
  return 'failed';
}

/** Asks for camera and microphone, falling back to whichever exists (a computer without a camera still speaks). */
export async function openDevices(cameraId: string | null, micId: string | null): Promise<{ stream: MediaStream | null; problem: DeviceProblem }> {
  const video = cameraId ? { deviceId: { exact: cameraId } } : true;
  const audio = micId ? { deviceId: { exact: micId } } : true;
  if (!navigator.mediaDevices?.getUserMedia) return { stream: null, problem: 'none' };
  try {
    return { stream: await navigator.mediaDevices.getUserMedia({ video, audio }), problem: null };
  } catch (err) {
    const problem = problemOf(err);
    if (problem === 'denied') return { stream: null, problem };
    for (const only of [{ audio }, { video }]) {
      try {
        return { stream: await navigator.mediaDevices.getUserMedia(only), problem: null };
      } catch {
        // try the other one
      }
    }
    return { stream: null, problem };
  }
}

/** VID-3, the screen before the call: my own picture, device pickers, join with the microphone or camera off. */
export function PreJoin({ details, onJoin, joining }: { details: LessonDetails; onJoin: (c: JoinChoice) => void; joining: boolean }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [problem, setProblem] = useState<DeviceProblem>(null);
  // Until the browser has answered about camera and microphone, joining would join without them.
  const [asking, setAsking] = useState(true);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [cameraId, setCameraId] = useState<string | null>(null);
  const [micId, setMicId] = useState<string | null>(null);
  const [audioOn, setAudioOn] = useState(!details.mutedAll || details.can.unmute);
  const [videoOn, setVideoOn] = useState(true);
  const handedOver = useRef(false);

  useEffect(() => {
    let cancelled = false;
    let opened: MediaStream | null = null;
    setAsking(true);
    void openDevices(cameraId, micId).then(async (r) => {
      if (cancelled) {
        for (const tr of r.stream?.getTracks() ?? []) tr.stop();
        return;
      }
      opened = r.stream;
      setStream(r.stream);
      setProblem(r.problem);
      setAsking(false);
      setDevices(await navigator.mediaDevices.enumerateDevices().catch(() => []));
    });
    return () => {
      cancelled = true;
      if (!handedOver.current) for (const tr of opened?.getTracks() ?? []) tr.stop();
    };
  }, [cameraId, micId]);

  useEffect(() => {
    if (video.current) video.current.srcObject = stream;
  }, [stream]);

  const hasVideo = (stream?.getVideoTracks().length ?? 0) > 0;
  const hasAudio = (stream?.getAudioTracks().length ?? 0) > 0;
  const options = (kind: MediaDeviceKind) =>
    devices.filter((d) => d.kind === kind && d.deviceId).map((d, i) => ({ value: d.deviceId, label: d.label || `${t(`lessons.device.${kind}`)} ${i + 1}` }));
  const currentCamera = cameraId ?? stream?.getVideoTracks()[0]?.getSettings().deviceId ?? null;
  const currentMic = micId ?? stream?.getAudioTracks()[0]?.getSettings().deviceId ?? null;

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
            {t('lessons.cameraOff')}
          </Text>
        )}
      </Paper>
      {problem && (
        <Alert color={problem === 'denied' ? 'orange' : 'yellow'} title={t(`lessons.deviceProblem.${problem}.title`)} role="alert">
          {t(`lessons.deviceProblem.${problem}.text`)}
        </Alert>
      )}
      {details.mutedAll && !details.can.unmute && (
        <Alert color="blue" role="status">
          {t('errors.lesson_muted')}
        </Alert>
      )}
      <Group grow align="flex-end" wrap="wrap">
        <Select
          label={t('lessons.camera')}
          data={options('videoinput')}
          value={currentCamera}
          onChange={setCameraId}
          disabled={!hasVideo}
          allowDeselect={false}
        />
        <Select
          label={t('lessons.microphone')}
          data={options('audioinput')}
          value={currentMic}
          onChange={setMicId}
          disabled={!hasAudio}
          allowDeselect={false}
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
