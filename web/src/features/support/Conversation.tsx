import { Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { When } from '../common/When';

export interface Line {
  id: string;
  /** Who wrote it, in words («Поддержка», «Вы», a name). */
  who: string;
  /** The other side's lines stand apart in colour. */
  ours: boolean;
  text: string;
  createdAt: string;
}

/** A conversation of plain text: every line is shown as typed (white space kept), never as HTML. */
export function Conversation({ lines, label }: { lines: Line[]; label: string }): ReactNode {
  if (lines.length === 0) return null;
  return (
    <Stack gap="xs" component="ol" aria-label={label} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {lines.map((l) => (
        <li key={l.id}>
          <Paper withBorder p="sm" bg={l.ours ? undefined : 'var(--mantine-color-blue-light)'}>
            <Text size="xs" c="dimmed" mb={4}>
              <Text span fw={700} c="var(--mantine-color-text)" size="xs">
                {l.who}
              </Text>{' '}
              · <When iso={l.createdAt} />
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {l.text}
            </Text>
          </Paper>
        </li>
      ))}
    </Stack>
  );
}
