import type { PersonSummary } from '@parta/contracts';
import { Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formalName } from '../common/personName';
import { EmptyText } from '../common/ui';
import { PersonAvatar } from '../photos/PersonAvatar';

/** A short list of people with avatars; `extra` adds a line under a name (class, subjects). */
export function PeopleList<T extends PersonSummary>({
  people,
  empty,
  extra,
  right,
}: {
  people: T[];
  empty: string;
  extra?: (p: T) => ReactNode;
  right?: (p: T) => ReactNode;
}) {
  if (people.length === 0) return <EmptyText>{empty}</EmptyText>;
  return (
    <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {people.map((p) => (
        <Group key={p.id} component="li" gap="sm" wrap="nowrap" justify="space-between">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <PersonAvatar person={p} size="md" />
            <div style={{ minWidth: 0 }}>
              <Text size="sm" fw={500}>
                {formalName(p)}
              </Text>
              {extra && (
                <Text size="xs" c="dimmed" component="div">
                  {extra(p)}
                </Text>
              )}
            </div>
          </Group>
          {/* The buttons keep their size; a long name wraps instead (at 390 px «Написать» was cut to «Напис»). */}
          {right && <div style={{ flexShrink: 0 }}>{right(p)}</div>}
        </Group>
      ))}
    </Stack>
  );
}
