import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { dayTitle, differentDays } from '../common/dates';
import { useMinute } from '../common/minuteClock';

/** Whether a chat puts a day's title before `current`: the first message, or the first of a new day. */
export function startsDay(previous: { createdAt: string } | undefined, current: { createdAt: string }): boolean {
  return !previous || differentDays(previous.createdAt, current.createdAt);
}

/** «Сегодня», «Вчера», «12 ноября» between a chat's days; turns from «Сегодня» to «Вчера» at midnight by itself. */
export function DaySeparator({ iso }: { iso: string }) {
  const { i18n } = useTranslation();
  useMinute();
  return (
    <li className="parta-day-separator" data-testid="day-separator">
      <Text component="time" dateTime={iso} size="xs" fw={600} c="dimmed" ta="center" display="block" py={6}>
        {dayTitle(iso, i18n.language, { now: Date.now() })}
      </Text>
    </li>
  );
}
