import type { MediaState, PersonSummary } from '@parta/contracts';
import { Avatar, Box, Group, Text } from '@mantine/core';
import { IconHandStop, IconMicrophoneOff, IconScreenShare } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { fullName, initials } from '../common/personName';
import './texts';

/** One person in the call: their picture (or initials when the camera is off), name, microphone and hand. */
export function VideoTile({
  person, stream, state, mine, handUp, speaking, big, note,
}: {
  person: PersonSummary | null;
  stream: MediaStream | null;
  state: MediaState | null;
  mine: boolean;
  handUp: boolean;
  speaking: boolean;
  big?: boolean;
  /** Under the initials when there is no picture, e.g. why my camera is missing. */
  note?: string | null;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el && el.srcObject !== stream) el.srcObject = stream;
  }, [stream]);
  const showVideo = Boolean(stream?.getVideoTracks().length) && (state ? state.video || state.screen : true);
  const name = person ? fullName(person) : '';
  return (
    <Box
      data-testid={mine ? 'tile-me' : 'tile'}
      data-user={person?.id}
      style={{
        position: 'relative',
        background: '#2b3038',
        borderRadius: 10,
        overflow: 'hidden',
        aspectRatio: big ? undefined : '16 / 9',
        height: big ? '100%' : undefined,
        minHeight: 0,
        outline: speaking ? '3px solid var(--mantine-color-green-5)' : undefined,
      }}
    >
      <video
        ref={ref}
        autoPlay
        playsInline
        muted={mine}
        style={{
          width: '100%', height: '100%', objectFit: state?.screen ? 'contain' : 'cover', display: showVideo ? 'block' : 'none',
          transform: mine && !state?.screen ? 'scaleX(-1)' : undefined,
        }}
      />
      {!showVideo && (
        <Box style={{ position: 'absolute', inset: 0, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 6, padding: '6px 6px 32px' }}>
          <Avatar size={big ? 96 : 56} radius="xl" color="blue" variant="filled">
            {person ? initials(person) : '?'}
          </Avatar>
          {note && (
            <Text size="xs" c="gray.3" ta="center" lh={1.3} data-testid="tile-note">
              {note}
            </Text>
          )}
        </Box>
      )}
      <Group gap={4} wrap="nowrap" style={{ position: 'absolute', left: 6, bottom: 6, right: 6, minWidth: 0 }}>
        <Text size="xs" c="white" bg="rgba(0,0,0,0.55)" px={6} py={2} style={{ borderRadius: 6, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
          {mine ? t('lessons.you', { name }) : name}
        </Text>
        {state && !state.audio && <IconMicrophoneOff size={16} color="#ff8787" aria-label={t('lessons.micIsOff')} />}
        {state?.screen && <IconScreenShare size={16} color="#74c0fc" aria-label={t('lessons.sharing')} />}
      </Group>
      {handUp && (
        <Box style={{ position: 'absolute', top: 6, right: 6 }} aria-label={t('lessons.handIsUp')} data-testid="tile-hand">
          <IconHandStop size={24} color="#ffd43b" />
        </Box>
      )}
    </Box>
  );
}
