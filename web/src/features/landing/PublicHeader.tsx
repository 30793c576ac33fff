import { Container, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { Logo } from '../../app/Logo';

export function PublicHeader({ right }: { right?: ReactNode }) {
  return (
    <header className="parta-public-bar" style={{ borderBottomWidth: 1 }}>
      <Container size="lg" py="sm">
        <Group justify="space-between">
          <Logo />
          {right}
        </Group>
      </Container>
    </header>
  );
}
