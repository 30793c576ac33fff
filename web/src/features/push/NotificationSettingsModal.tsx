import { Alert, Button, Divider, Group, Modal, Stack, Switch, Text } from '@mantine/core';
import { TimePicker } from '@mantine/dates';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Loading } from '../common/ui';
import { deviceTimeZone, type PushPreferences, pushApi, pushKeys } from './pushApi';
import { usePushDevice } from './usePushDevice';

/** «Уведомления» from the profile menu: pushes on this device, and quiet hours. */
export function NotificationSettingsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('push.title')} closeButtonProps={{ 'aria-label': t('app.close') }}>
      {/* Mounted only while open: nothing is asked of the server or the browser before. */}
      {opened && <NotificationSettings />}
    </Modal>
  );
}

function NotificationSettings() {
  const { t } = useTranslation();
  const device = usePushDevice();
  if (device.preferences.isPending) return <Loading />;
  if (device.preferences.isError) return <ErrorAlert error={device.preferences.error} onRetry={() => void device.preferences.refetch()} />;
  const prefs = device.preferences.data;
  return (
    <Stack gap="md">
      <Stack gap={6}>
        <Switch
          size="md"
          label={t('push.device')}
          description={t('push.deviceHint')}
          checked={device.on}
          disabled={device.busy || device.problem === 'unsupported'}
          onChange={(e) => device.toggle(e.currentTarget.checked)}
        />
        <Text size="sm" c="dimmed" aria-live="polite">
          {device.busy && !device.on
            ? t('push.working')
            : prefs.devices > 0
              ? t(device.on ? 'push.deviceOn' : 'push.deviceElsewhere', { count: prefs.devices })
              : ''}
        </Text>
        {device.problem && device.problem !== 'server' && (
          <Alert color="orange" variant="light" icon={<IconInfoCircle size={18} />} role="alert">
            <Text size="sm">{t(`push.problems.${device.problem}`)}</Text>
          </Alert>
        )}
        {device.problem === 'server' && <ErrorAlert error={device.error} />}
      </Stack>
      <Divider />
      <QuietHours prefs={prefs} />
    </Stack>
  );
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The zone's name in the reader's language («Москва, стандартное время»), not its IANA id. */
function zoneName(zone: string, language: string): string {
  try {
    const parts = new Intl.DateTimeFormat(language, { timeZone: zone, timeZoneName: 'long' }).formatToParts(new Date());
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
  } catch {
    return zone;
  }
}

function QuietHours({ prefs }: { prefs: PushPreferences }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [enabled, setEnabled] = useState(prefs.quietHours.enabled);
  const [from, setFrom] = useState(prefs.quietHours.from);
  const [to, setTo] = useState(prefs.quietHours.to);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (quietHours: PushPreferences['quietHours']) => pushApi.savePreferences({ quietHours, timeZone: deviceTimeZone() }),
    onSuccess: (r) => {
      client.setQueryData(pushKeys.preferences, r.data);
      setSaved(true);
    },
  });
  // A change after «Сохранено» is not saved yet.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reacts to the fields only
  useEffect(() => setSaved(false), [enabled, from, to]);
  const invalid = !TIME.test(from) || !TIME.test(to);
  const dirty = enabled !== prefs.quietHours.enabled || from !== prefs.quietHours.from || to !== prefs.quietHours.to;

  return (
    <Stack gap="sm">
      <Switch
        size="md"
        label={t('push.quiet')}
        description={t('push.quietHint', { zone: zoneName(prefs.timeZone, i18n.language) })}
        checked={enabled}
        onChange={(e) => setEnabled(e.currentTarget.checked)}
      />
      {/* Mantine's picker, not <input type="time">: that one follows the browser's own language (10:00 PM). */}
      <Group gap="sm" align="flex-start" wrap="nowrap">
        <TimePicker
          label={t('push.quietFrom')}
          hoursInputLabel={t('push.quietFromHours')}
          minutesInputLabel={t('push.quietFromMinutes')}
          value={from}
          onChange={setFrom}
          disabled={!enabled}
          error={enabled && !TIME.test(from) ? t('push.quietInvalid') : undefined}
          style={{ flex: 1 }}
          data-testid="quiet-from"
        />
        <TimePicker
          label={t('push.quietTo')}
          hoursInputLabel={t('push.quietToHours')}
          minutesInputLabel={t('push.quietToMinutes')}
          value={to}
          onChange={setTo}
          disabled={!enabled}
          error={enabled && !TIME.test(to) ? t('push.quietInvalid') : undefined}
          style={{ flex: 1 }}
          data-testid="quiet-to"
        />
      </Group>
      {save.isError && <ErrorAlert error={save.error} />}
      <Group justify="flex-end" gap="sm">
        <Text size="sm" c="teal.9" aria-live="polite">
          {saved ? t('push.quietSaved') : ''}
        </Text>
        <Button onClick={() => save.mutate({ enabled, from, to })} loading={save.isPending} disabled={!dirty || invalid}>
          {t('push.quietSave')}
        </Button>
      </Group>
    </Stack>
  );
}
