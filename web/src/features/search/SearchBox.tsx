import { searchLimits } from '@parta/contracts';
import { ActionIcon, Box, CloseButton, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';

/**
 * SRCH-1: the one search box in the header. On a wide screen a field; on a phone an icon that opens
 * the field over the header. Enter opens «Поиск» (/search?q=…), which has its own field, so the
 * header's is not shown there.
 */
export function SearchBox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);

  // Leaving a page closes the phone's box.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only
  useEffect(() => setOpen(false), [location.pathname]);

  if (location.pathname === '/search') return null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const text = q.trim();
    if (!text) return;
    navigate(`/search?q=${encodeURIComponent(text)}`);
    setQ('');
  };
  const field = (autoFocus: boolean) => (
    <form onSubmit={submit} style={{ flex: 1 }}>
      <TextInput
        type="search"
        aria-label={t('search.box')}
        placeholder={t('search.boxPlaceholder')}
        leftSection={<IconSearch size={16} />}
        value={q}
        maxLength={searchLimits.queryMax}
        onChange={(e) => setQ(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setOpen(false);
        }}
        autoFocus={autoFocus}
        radius="xl"
        enterKeyHint="search"
      />
    </form>
  );

  return (
    <>
      <Box visibleFrom="sm" w={{ sm: 260, md: 340 }}>
        {field(false)}
      </Box>
      <ActionIcon hiddenFrom="sm" variant="subtle" color="gray" size="lg" aria-label={t('search.open')} onClick={() => setOpen(true)}>
        <IconSearch size={20} />
      </ActionIcon>
      {open && (
        <Box
          hiddenFrom="sm"
          pos="absolute"
          inset={0}
          px="sm"
          bg="var(--mantine-color-body)"
          style={{ display: 'flex', alignItems: 'center', gap: 8, zIndex: 2 }}
        >
          {field(true)}
          <CloseButton aria-label={t('search.close')} onClick={() => setOpen(false)} />
        </Box>
      )}
    </>
  );
}
