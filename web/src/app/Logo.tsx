import { Group, Text, ThemeIcon } from '@mantine/core';
import { Link } from 'react-router';

/** The «Parta» mark: a link home. The name is a brand and stays the same in every language. */
export function Logo({ to = '/' }: { to?: string }) {
  return (
    <Link to={to} style={{ textDecoration: 'none', color: 'inherit' }}>
      <Group gap={8} wrap="nowrap">
        <ThemeIcon radius="md" size={32} variant="filled" aria-hidden>
          <Text fw={800} c="white" size="lg">
            P
          </Text>
        </ThemeIcon>
        <Text fw={800} size="xl">
          Parta
        </Text>
      </Group>
    </Link>
  );
}
