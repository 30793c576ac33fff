import { Select } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './texts';

export type InputKind = 'videoinput' | 'audioinput';

/**
 * The browser's cameras and microphones, read again when `after` changes (their names come only once access is
 * given) and whenever one is plugged in or out (`devicechange`). The pre-join screen and the call's settings share it.
 */
export function useMediaDevices(after: unknown): MediaDeviceInfo[] {
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `after` is when to read again, not something read
  useEffect(() => {
    const media = navigator.mediaDevices;
    if (!media?.enumerateDevices) return;
    let live = true;
    const read = () => {
      void media.enumerateDevices().then(
        (list) => {
          if (live) setDevices(list);
        },
        () => undefined,
      );
    };
    read();
    media.addEventListener('devicechange', read);
    return () => {
      live = false;
      media.removeEventListener('devicechange', read);
    };
  }, [after]);
  return devices;
}

/** The device a stream's track of that kind comes from (what the picker shows as chosen). */
export function deviceOf(stream: MediaStream | null, kind: InputKind): string | null {
  const track = kind === 'videoinput' ? stream?.getVideoTracks()[0] : stream?.getAudioTracks()[0];
  return track?.getSettings().deviceId ?? null;
}

/** Opens one camera or microphone alone, for switching it while the other keeps going. */
export async function openDevice(kind: InputKind, deviceId: string): Promise<MediaStreamTrack | null> {
  const constraints = { deviceId: { exact: deviceId } };
  const stream = await navigator.mediaDevices.getUserMedia(kind === 'videoinput' ? { video: constraints } : { audio: constraints });
  return (kind === 'videoinput' ? stream.getVideoTracks() : stream.getAudioTracks())[0] ?? null;
}

/**
 * «Камера» / «Микрофон»: the browser's devices of one kind, the one in use chosen. A device without a name (access
 * not given yet) is «Камера 1». Its list opens above the call screen's drawers.
 */
export function DeviceSelect({ kind, devices, value, onChange, disabled }: {
  kind: InputKind;
  devices: MediaDeviceInfo[];
  value: string | null;
  onChange: (deviceId: string) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const data = devices
    .filter((d) => d.kind === kind && d.deviceId)
    .map((d, i) => ({ value: d.deviceId, label: d.label || `${t(`lessons.device.${kind}`)} ${i + 1}` }));
  return (
    <Select
      label={t(kind === 'videoinput' ? 'lessons.camera' : 'lessons.microphone')}
      data={data}
      value={value}
      // Refused access hides the devices too; then the screen's alert says why, not «none found».
      placeholder={data.length === 0 && !disabled ? t('lessons.noDevices') : undefined}
      onChange={(v) => {
        if (v) onChange(v);
      }}
      disabled={disabled || data.length === 0}
      allowDeselect={false}
      comboboxProps={{ zIndex: 400 }}
      data-testid={`device-${kind}`}
    />
  );
}
