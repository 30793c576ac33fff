import {
  type ArticleHit, type DocumentHit, type HighlightedText, type MessageHit, type NewsHit, type SearchResponse, type SearchType,
  searchLimits, searchTypes,
} from '@parta/contracts';
import { Anchor, Badge, Button, Chip, Group, Mark, Paper, Stack, Text, TextInput, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import {
  IconArticle, IconFileText, IconMessage, IconNews, IconSearch, IconVideo,
} from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, Fragment, type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, query } from '../../api/client';
import { When } from '../common/When';
import { formalName } from '../common/personName';
import { EmptyText, ErrorAlert, Loading, PageTitle } from '../common/ui';

/** Matched words highlighted; everything is text (React escapes it), never markup. */
export function Highlighted({ text }: { text: HighlightedText }) {
  return (
    <>
      {text.map((piece, i) =>
        piece.hit ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the pieces never move
          <Mark key={i} data-testid="search-hit">
            {piece.text}
          </Mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the pieces never move
          <Fragment key={i}>{piece.text}</Fragment>
        ),
      )}
    </>
  );
}

const icons = { messages: IconMessage, documents: IconFileText, articles: IconArticle, news: IconNews } as const;

/** One result: the whole card is the link to where the thing lives. */
function Hit({ to, icon, children }: { to: string; icon: ReactNode; children: ReactNode }) {
  return (
    <UnstyledButton component={Link} to={to} data-testid="search-result" style={{ display: 'block' }}>
      <Paper withBorder p="sm" radius="md" style={{ cursor: 'pointer' }}>
        <Group gap="sm" align="flex-start" wrap="nowrap">
          {icon}
          <Stack gap={2} style={{ minWidth: 0, flex: 1, overflowWrap: 'anywhere' }}>
            {children}
          </Stack>
        </Group>
      </Paper>
    </UnstyledButton>
  );
}

const kindIcon = (Icon: typeof IconMessage) => (
  <ThemeIcon variant="light" radius="xl" size="lg" aria-hidden>
    <Icon size={18} />
  </ThemeIcon>
);

function MessageResult({ hit }: { hit: MessageHit }) {
  return (
    <Hit to={`/chats/${hit.chatId}`} icon={kindIcon(IconMessage)}>
      <Text fw={600} size="sm">{hit.chatName}</Text>
      <Text size="xs" c="dimmed">
        {formalName(hit.author)} · <When iso={hit.createdAt} />
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        <Highlighted text={hit.snippet} />
      </Text>
    </Hit>
  );
}

function DocumentResult({ hit }: { hit: DocumentHit }) {
  const { t } = useTranslation();
  const video = hit.kind === 'video';
  return (
    <Hit to={`/schools/${hit.schoolId}/${video ? 'videos' : 'documents'}`} icon={kindIcon(video ? IconVideo : IconFileText)}>
      <Text fw={600} size="sm">
        <Highlighted text={hit.title} />
      </Text>
      <Text size="xs" c="dimmed">
        {video ? t('search.video') : t('search.document')} · {hit.schoolName}
      </Text>
    </Hit>
  );
}

function ArticleResult({ hit }: { hit: ArticleHit }) {
  const { t } = useTranslation();
  return (
    <Hit to={`/articles/${hit.id}`} icon={kindIcon(IconArticle)}>
      <Group gap="xs" wrap="nowrap">
        <Text fw={600} size="sm">
          <Highlighted text={hit.title} />
        </Text>
        {hit.status === 'draft' && (
          <Badge size="xs" variant="light" color="gray">
            {t('search.draft')}
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {hit.schoolName} · <When iso={hit.date} />
      </Text>
      <Text size="sm" lineClamp={3}>
        <Highlighted text={hit.excerpt} />
      </Text>
    </Hit>
  );
}

function NewsResult({ hit }: { hit: NewsHit }) {
  const { t } = useTranslation();
  return (
    <Hit to={`/news/${hit.id}`} icon={kindIcon(IconNews)}>
      <Text fw={600} size="sm">
        {hit.feed === 'channel' ? t('search.channel') : t('search.community')} · {hit.schoolName}
      </Text>
      <Text size="xs" c="dimmed">
        {hit.author ? `${formalName(hit.author)} · ` : ''}
        <When iso={hit.createdAt} />
      </Text>
      <Text size="sm" lineClamp={4} style={{ whiteSpace: 'pre-wrap' }}>
        <Highlighted text={hit.snippet} />
      </Text>
    </Hit>
  );
}

/** What «Показать ещё» loads of one kind at a time. */
const MORE = 20;

type AnyHit = MessageHit | DocumentHit | ArticleHit | NewsHit;

function HitOf({ kind, hit }: { kind: SearchType; hit: AnyHit }) {
  if (kind === 'messages') return <MessageResult hit={hit as MessageHit} />;
  if (kind === 'documents') return <DocumentResult hit={hit as DocumentHit} />;
  if (kind === 'articles') return <ArticleResult hit={hit as ArticleHit} />;
  return <NewsResult hit={hit as NewsHit} />;
}

/**
 * One kind's results: the first page from the search, then «Показать ещё» loads the next pages of
 * this kind after the server's cursor, in the same rank order (no repeats, no gaps).
 */
function KindSection({ kind, q, first, showAll }: { kind: SearchType; q: string; first: SearchResponse | undefined; showAll: (() => void) | undefined }) {
  const { t } = useTranslation();
  const [pages, setPages] = useState<AnyHit[]>([]);
  const [next, setNext] = useState<string | null | undefined>(undefined);
  const more = useMutation({
    mutationFn: (cursor: string) =>
      api<SearchResponse>('GET', `/search${query({ q, type: kind, limit: String(MORE), cursor })}`),
    onSuccess: (page) => {
      setPages((shown) => [...shown, ...(page.data[kind] as AnyHit[])]);
      setNext(page.next[kind]);
    },
  });
  // The first page may be fetched again (a refocus) after more were loaded: each hit once.
  const hits = [...new Map([...((first?.data[kind] ?? []) as AnyHit[]), ...pages].map((h) => [h.id, h])).values()];
  if (hits.length === 0) return null;
  const cursor = next === undefined ? (first?.next[kind] ?? null) : next;
  const Icon = icons[kind];
  return (
    <Stack gap="xs" component="section" aria-labelledby={`search-${kind}`} data-testid={`search-${kind}`}>
      <Group justify="space-between" gap="xs">
        <Group gap={6}>
          <Icon size={18} aria-hidden />
          <Title order={2} size="h4" id={`search-${kind}`}>
            {t(`search.types.${kind}`)}
          </Title>
        </Group>
        {showAll && (
          <Anchor component="button" type="button" size="sm" onClick={showAll}>
            {t('search.showAll')}
          </Anchor>
        )}
      </Group>
      {hits.map((h) => (
        <HitOf key={h.id} kind={kind} hit={h} />
      ))}
      {more.isError && <ErrorAlert error={more.error} onRetry={() => cursor && more.mutate(cursor)} />}
      {cursor && (
        <Button variant="light" onClick={() => more.mutate(cursor)} loading={more.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('search.showMore')}
        </Button>
      )}
    </Stack>
  );
}

/** SRCH-1 «Поиск»: /search?q=…&type=… — results per kind, each kind ranked, matched words highlighted. */
export function SearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const typeParam = params.get('type');
  const type = (searchTypes as readonly string[]).includes(typeParam ?? '') ? (typeParam as SearchType) : null;
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);

  const limit = type ? searchLimits.perTypeMax : searchLimits.perTypeDefault;
  const results = useQuery({
    queryKey: ['search', q, type],
    queryFn: () => api<SearchResponse>('GET', `/search${query({ q, type, limit: String(limit) })}`),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });

  const go = (next: { q?: string; type?: SearchType | null }) => {
    const p = new URLSearchParams();
    const nq = next.q ?? q;
    if (nq) p.set('q', nq);
    const nt = next.type === undefined ? type : next.type;
    if (nt) p.set('type', nt);
    setParams(p);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) go({ q: text.trim() });
  };

  const data = results.data?.data;
  const total = data ? searchTypes.reduce((n, k) => n + data[k].length, 0) : 0;
  const shown = type ? [type] : searchTypes;

  return (
    <Stack gap="md" maw={860}>
      <PageTitle>{t('search.title')}</PageTitle>
      <form onSubmit={submit}>
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <TextInput
            type="search"
            label={t('search.query')}
            placeholder={t('search.placeholder')}
            leftSection={<IconSearch size={16} />}
            value={text}
            maxLength={searchLimits.queryMax}
            onChange={(e) => setText(e.currentTarget.value)}
            style={{ flex: 1 }}
            autoFocus={!q}
            enterKeyHint="search"
          />
          <Button type="submit">{t('search.submit')}</Button>
        </Group>
      </form>
      <Chip.Group multiple={false} value={type ?? 'all'} onChange={(v) => go({ type: v === 'all' ? null : (v as SearchType) })}>
        <Group gap="xs">
          <Chip value="all" size="sm">{t('search.all')}</Chip>
          {searchTypes.map((k) => (
            <Chip key={k} value={k} size="sm">
              {t(`search.types.${k}`)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>

      {!q ? (
        <EmptyText>{t('search.enter')}</EmptyText>
      ) : results.isPending ? (
        <Loading />
      ) : results.isError ? (
        <ErrorAlert error={results.error} onRetry={() => void results.refetch()} />
      ) : total === 0 ? (
        <Paper withBorder p="md">
          <Text fw={600}>{t('search.nothing', { q })}</Text>
          <Text size="sm" c="dimmed">{type ? t('search.nothingFiltered') : t('search.nothingHint')}</Text>
        </Paper>
      ) : (
        shown.map((k) => (
          <KindSection
            // A new search starts each kind afresh.
            key={`${k}|${q}|${type ?? ''}`}
            kind={k}
            q={q}
            first={results.data}
            showAll={!type && results.data?.more[k] ? () => go({ type: k }) : undefined}
          />
        ))
      )}
    </Stack>
  );
}
