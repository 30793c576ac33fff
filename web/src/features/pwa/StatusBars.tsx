import { Box, Button, CloseButton, Group, Text } from '@mantine/core';
import { IconCloudOff, IconRefresh } from '@tabler/icons-react';
import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { applyUpdate } from './serviceWorker';
import { useOffline, useShowingKept, useUpdateState } from './useAppStatus';

/** The height of one bar; the signed-in header grows by it for each bar shown. */
export const STATUS_BAR_HEIGHT = 40;

/** Which bars are up: «Нет связи», and «Доступна новая версия» until the person updates or says «Позже». */
export function useStatusBars(): { offline: boolean; update: boolean; count: number; dismissUpdate: () => void } {
  const offline = useOffline();
  const updateState = useUpdateState();
  const [dismissed, setDismissed] = useState<string | null>(null);
  const update = updateState !== 'none' && dismissed !== updateState;
  return { offline, update, count: Number(offline) + Number(update), dismissUpdate: () => setDismissed(updateState) };
}

/**
 * The bars themselves, one under the other, full width. In the signed-in frame they sit at the top of the header
 * (Shell makes it taller); elsewhere at the top of the page. Never over the page's content: a bar over the chat's
 * input would hide what the person is typing.
 */
export function StatusBars({ bars }: { bars: ReturnType<typeof useStatusBars> }) {
  const { t } = useTranslation();
  const showingKept = useShowingKept();
  return (
    <>
      {bars.offline && (
        <Box role="status" bg="dark.6" c="white" h={STATUS_BAR_HEIGHT} px="md" data-testid="offline-bar">
          <Group h="100%" gap="xs" wrap="nowrap" justify="center">
            <IconCloudOff size={18} aria-hidden />
            <Text size="sm" fw={700} c="white">
              {t('pwa.offline')}
            </Text>
            <Text size="sm" c="white" visibleFrom="xs" truncate>
              {showingKept ? t('pwa.offlineKept') : t('pwa.offlineWaiting')}
            </Text>
          </Group>
        </Box>
      )}
      {bars.update && (
        <Box role="status" bg="blue.8" c="white" h={STATUS_BAR_HEIGHT} px="md">
          <Group h="100%" gap="xs" wrap="nowrap" justify="center">
            <IconRefresh size={18} aria-hidden />
            <Text size="sm" fw={600} c="white" truncate>
              {t('pwa.updateReady')}
            </Text>
            <Button size="compact-sm" variant="white" color="blue.9" onClick={applyUpdate}>
              {t('pwa.update')}
            </Button>
            <CloseButton size="sm" variant="transparent" c="white" aria-label={t('pwa.later')} onClick={bars.dismissUpdate} />
          </Group>
        </Box>
      )}
    </>
  );
}

/** Counts the signed-in frames on screen: while one is, it shows the bars in its header and the page does not. */
let framesShowingBars = 0;
const frameListeners = new Set<() => void>();

/** Called by the signed-in frame (Shell) while it is mounted; see useFrameShowsBars. */
export function frameShowsBars(): () => void {
  framesShowingBars += 1;
  for (const fn of frameListeners) fn();
  return () => {
    framesShowingBars -= 1;
    for (const fn of frameListeners) fn();
  };
}

function useFrameShowsBars(): boolean {
  return useSyncExternalStore(
    (fn) => {
      frameListeners.add(fn);
      return () => frameListeners.delete(fn);
    },
    () => framesShowingBars > 0,
  );
}

/** The bars at the top of the pages outside the signed-in frame: the landing page, sign-in, invitations. */
export function PageStatusBars() {
  const bars = useStatusBars();
  const inFrame = useFrameShowsBars();
  if (inFrame || bars.count === 0) return null;
  return <StatusBars bars={bars} />;
}
