import type { LessonDetails } from '@parta/contracts';
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import { useMe } from '../auth/useMe';
import { useLessonFrames, useLive, useReconnects, useUserEvents } from '../chats/RealtimeProvider';
import { fullName } from '../common/personName';
import { ErrorAlert, Loading, NotFound, useDocumentTitle } from '../common/ui';
import { type LessonDetailsResponse, lessonKeys } from './api';
import { CallScreen } from './CallScreen';
import { type ClosedReason, LessonCall } from './lessonCall';
import { type JoinChoice, openDevices, PreJoin } from './PreJoin';
import './texts';

/** `/lessons/:lessonId`: the pre-join screen, then the call, then «Урок завершён». */
export function LessonPage() {
  const { lessonId = '' } = useParams();
  const { t } = useTranslation();
  const details = useQuery({
    queryKey: lessonKeys.details(lessonId),
    queryFn: () => api<LessonDetailsResponse>('GET', `/lessons/${lessonId}`),
  });
  useDocumentTitle(details.data ? t('lessons.documentTitle', { title: details.data.data.lesson.title || fullName(details.data.data.lesson.host) }) : null);
  if (details.isPending) return <Loading />;
  if (details.isError) {
    if (details.error instanceof ApiError && details.error.status === 404) return <NotFound />;
    return <ErrorAlert error={details.error} onRetry={() => void details.refetch()} />;
  }
  return <LessonFlow key={lessonId} details={details.data.data} refetch={() => void details.refetch()} />;
}

function LessonFlow({ details, refetch }: { details: LessonDetails; refetch: () => void }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const live = useLive();
  const reconnects = useReconnects();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [call, setCall] = useState<LessonCall | null>(null);
  const [closed, setClosed] = useState<ClosedReason | null>(details.lesson.endedAt ? 'ended' : null);
  const lessonId = details.lesson.id;

  const join = useMutation({
    mutationFn: () => api<LessonDetailsResponse>('POST', `/lessons/${lessonId}/join`),
  });

  const starting = useRef(false);
  const start = async (choice: JoinChoice) => {
    if (!me || starting.current) return;
    starting.current = true;
    try {
      const joined = await join.mutateAsync();
      client.setQueryData(lessonKeys.details(lessonId), joined);
      const c = new LessonCall(
        lessonId, me.id, live.client, joined.data.iceServers, choice.stream,
        { audio: choice.audio, video: choice.video, screen: false },
        joined.data.simulcast,
      );
      setCall(c);
      c.enter();
    } catch {
      starting.current = false;
      for (const tr of choice.stream?.getTracks() ?? []) tr.stop();
    }
  };

  // Back after a page reload while still in the call (the stay is kept for a while): straight back in. Judged on the
  // lesson as this page first loaded it, not after this tab's own join.
  const presentAtLoad = useRef(details.participants.some((p) => p.person.id === me?.id && p.present));
  const autoJoined = useRef(false);
  useEffect(() => {
    if (!presentAtLoad.current || call || closed || autoJoined.current || !me) return;
    autoJoined.current = true;
    void openDevices(null, null).then(({ stream }) =>
      start({ stream, audio: Boolean(stream?.getAudioTracks().length) && details.can.unmute, video: Boolean(stream?.getVideoTracks().length) }),
    );
  });

  useLessonFrames((frame) => call?.handle(frame));
  useUserEvents((event) => {
    if (!call || event.lessonId !== lessonId) return;
    if (event.type === 'lesson.media') {
      if (event.camera === false) call.setCamera(false);
      if (event.microphone === false) call.setMic(false);
    }
    if (event.type === 'lesson.removed') call.close('removed');
  });

  // Back after a network drop or a server node's restart (the socket now on another node): my stay is kept for a
  // while; enter the media again.
  const seenReconnects = useRef(reconnects);
  useEffect(() => {
    if (reconnects !== seenReconnects.current && call) {
      void api('POST', `/lessons/${lessonId}/join`).then(() => call.enter(), () => call.close('left'));
    }
    seenReconnects.current = reconnects;
  }, [reconnects, call, lessonId]);

  const snap = useSyncExternalStore(call?.subscribe ?? noopSubscribe, call?.snapshot ?? nullSnapshot);
  // Someone joined, left, raised a hand, the host changed a switch: read the lesson again (once per change).
  const refetchLatest = useRef(refetch);
  refetchLatest.current = refetch;
  const version = snap?.version ?? 0;
  useEffect(() => {
    if (version > 0) refetchLatest.current();
  }, [version]);
  useEffect(() => {
    if (snap?.phase === 'closed') setClosed(snap.closedReason ?? 'left');
  }, [snap?.phase, snap?.closedReason]);
  // The host muted everyone: my microphone goes off here too.
  useEffect(() => {
    if (call && details.mutedAll && !details.can.unmute && call.snapshot().state.audio) call.setMic(false);
  }, [call, details.mutedAll, details.can.unmute]);
  // Leaving the page (not a StrictMode re-run) leaves the call.
  const mounts = useRef(0);
  useEffect(() => {
    mounts.current += 1;
    const mine = mounts.current;
    return () => {
      setTimeout(() => {
        if (mounts.current !== mine || !call || call.snapshot().phase === 'closed') return;
        call.close('left');
        void api('POST', `/lessons/${lessonId}/leave`).catch(() => undefined);
      }, 0);
    };
  }, [call, lessonId]);

  const leave = async () => {
    call?.close('left');
    await api('POST', `/lessons/${lessonId}/leave`).catch(() => undefined);
    void client.invalidateQueries({ queryKey: lessonKeys.live });
  };
  const end = async () => {
    // Refused (the connection dropped, no longer the host): the call goes on and the confirmation says why.
    // Already over: there is nothing left to end.
    await api('POST', `/lessons/${lessonId}/end`).catch((e: unknown) => {
      if (!(e instanceof ApiError && e.code === 'lesson_ended')) throw e;
    });
    call?.close('ended');
    void client.invalidateQueries({ queryKey: lessonKeys.live });
  };

  if (closed) {
    return (
      <Paper withBorder p="lg" maw={560} mx="auto" mt="lg" data-testid="call-closed">
        <Stack gap="sm">
          <Title order={1} size="h3">
            {t(`lessons.closed.${closed}`)}
          </Title>
          <Text c="dimmed">{details.lesson.title || fullName(details.lesson.host)}</Text>
          <Group gap="xs">
            {details.can.attendance && (
              <Button component={Link} to={`/lessons/${lessonId}/attendance`}>
                {t('lessons.attendance')}
              </Button>
            )}
            {closed === 'left' && !details.lesson.endedAt && (
              <Button variant="light" onClick={() => window.location.reload()}>
                {t('lessons.rejoin')}
              </Button>
            )}
            <Button variant="default" onClick={() => void navigate('/home')}>
              {t('home.title')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    );
  }
  if (!call && autoJoined.current && !join.isError) return <Loading />;
  if (!call) {
    return (
      <>
        <PreJoin details={details} onJoin={(c) => void start(c)} joining={join.isPending} />
        {join.isError && (
          <Stack maw={720} mx="auto" px="md">
            <ErrorAlert error={join.error} />
          </Stack>
        )}
      </>
    );
  }
  return <CallScreen call={call} details={details} onLeave={() => void leave()} onEnd={end} refetch={refetch} />;
}

const noopSubscribe = () => () => undefined;
const nullSnapshot = () => null;
