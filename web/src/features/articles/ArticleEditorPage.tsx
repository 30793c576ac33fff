import { type ArticleDetails, type ArticleResponse, type Attachment, articleLimits, type PollView } from '@parta/contracts';
import {
  ActionIcon, Anchor, Box, Button, Group, Image, Menu, Paper, Progress, Stack, Text, TextInput, Title,
} from '@mantine/core';
import { IconArrowLeft, IconChartBar, IconEye, IconHelp, IconPaperclip, IconPhoto, IconPhotoOff, IconUpload, IconVideo, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { ErrorAlert, Loading, NoAccess, NotFound, PageTitle } from '../common/ui';
import { uploadFile } from '../messages/uploadFile';
import { CreatePollModal } from '../polls/CreatePollModal';
import { LivePoll } from '../polls/LivePoll';
import { articleKeys, articlesApi, useArticle, useArticleList } from './articlesApi';
import { FirstRunGuide, useFirstRunGuide } from './FirstRunGuide';
import { RichTextEditor } from './RichTextEditor';
import './articles.css';
import './texts';

/** ART-1..4: `/schools/:schoolId/articles/new` and `/articles/:articleId/edit`. */
export function ArticleEditorPage() {
  const { schoolId, articleId } = useParams();
  const article = useArticle(articleId);
  if (!articleId) return <NewArticle schoolId={schoolId ?? ''} />;
  if (article.isPending) return <Loading />;
  if (article.isError) {
    if (article.error instanceof ApiError && article.error.status === 404) return <NotFound />;
    return <ErrorAlert error={article.error} onRetry={() => void article.refetch()} />;
  }
  if (!article.data.data.can.edit) return <NotFound />;
  return <Editor key={articleId} schoolId={article.data.data.schoolId} initial={article.data.data} />;
}

/** A new article only for those the server lets write one (`can.create` of the list); others see «Нет доступа». */
function NewArticle({ schoolId }: { schoolId: string }) {
  const { t } = useTranslation();
  const list = useArticleList(schoolId, false, '');
  if (list.isPending) return <Loading />;
  if (list.isError) {
    if (list.error instanceof ApiError && list.error.status === 404) return <NotFound />;
    return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  }
  if (!list.data.can.create) return <NoAccess back={{ to: `/schools/${schoolId}/articles`, label: t('schoolMenu.articles') }} />;
  return <Editor key="new" schoolId={schoolId} initial={null} />;
}

type Saved = 'draft' | 'changes' | null;

function Editor({ schoolId, initial }: { schoolId: string; initial: ArticleDetails | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const guide = useFirstRunGuide();
  const [id, setId] = useState<string | null>(initial?.id ?? null);
  const [status, setStatus] = useState(initial?.status ?? 'draft');
  const [title, setTitle] = useState(initial?.title ?? '');
  const [titleError, setTitleError] = useState<string | null>(null);
  const html = useRef(initial?.bodyHtml ?? '');
  const [cover, setCover] = useState<Attachment | null>(initial?.cover ?? null);
  const [attachments, setAttachments] = useState<Attachment[]>(initial?.attachments ?? []);
  const [polls, setPolls] = useState<PollView[]>(initial?.polls ?? []);
  const [busy, setBusy] = useState<'save' | 'publish' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<Saved>(null);
  const [pollOpen, setPollOpen] = useState(false);

  const remember = (r: ArticleResponse) => {
    client.setQueryData(articleKeys.one(r.data.id), r);
    void client.invalidateQueries({ queryKey: ['articles', 'list'] });
    setPolls(r.data.polls);
    setStatus(r.data.status);
  };

  /** «Сохранить»: creates the draft the first time, then saves changes. Returns the article's id. */
  const save = async (): Promise<string | null> => {
    if (!title.trim()) {
      setTitleError(t('articles.needTitle'));
      return null;
    }
    setTitleError(null);
    setError(null);
    const body = { title: title.trim(), bodyHtml: html.current, coverFileId: cover?.id ?? null, fileIds: attachments.map((a) => a.id) };
    const r = id ? await articlesApi.update(id, body) : await articlesApi.create(schoolId, body);
    remember(r);
    if (!id) {
      setId(r.data.id);
      // The address follows the draft, so a reload opens it again; the editor stays as it is.
      window.history.replaceState(window.history.state, '', `/articles/${r.data.id}/edit`);
    }
    return r.data.id;
  };

  const run = async (what: 'save' | 'publish') => {
    setBusy(what);
    try {
      const savedId = await save();
      if (!savedId) return;
      if (what === 'publish') {
        remember(await articlesApi.publish(savedId));
        navigate(`/articles/${savedId}`);
        return;
      }
      setSaved(status === 'draft' ? 'draft' : 'changes');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Box maw={860} mx="auto">
      <Stack gap="md">
        <Anchor component={Link} to={`/schools/${schoolId}/articles`} size="sm">
          <Group gap={4}>
            <IconArrowLeft size={16} />
            {t('articles.backToList')}
          </Group>
        </Anchor>
        <PageTitle
          right={
            <Group gap="xs">
              {id && status === 'published' && (
                <Button component={Link} to={`/articles/${id}`} variant="default" size="xs" leftSection={<IconEye size={16} />}>
                  {t('articles.view')}
                </Button>
              )}
              {!guide.open && (
                <Button variant="subtle" size="xs" leftSection={<IconHelp size={16} />} onClick={guide.show}>
                  {t('articles.guide.open')}
                </Button>
              )}
            </Group>
          }
        >
          {id ? t('articles.editTitle') : t('articles.newTitle')}
        </PageTitle>
        {guide.open && <FirstRunGuide onDismiss={guide.dismiss} />}
        <Paper withBorder p="sm" radius="md">
          <Group justify="space-between" gap="xs">
            <PublicationMenu cover={cover} onCover={setCover} />
            <Group gap="xs">
              {saved && (
                <Text size="sm" c="teal" role="status">
                  {saved === 'draft' ? t('articles.savedDraft') : t('articles.savedChanges')}
                </Text>
              )}
              <Button variant="default" loading={busy === 'save'} disabled={busy !== null} onClick={() => void run('save')}>
                {t('articles.save')}
              </Button>
              {status === 'draft' && (
                <Button loading={busy === 'publish'} disabled={busy !== null} onClick={() => void run('publish')}>
                  {t('articles.publish')}
                </Button>
              )}
            </Group>
          </Group>
        </Paper>
        <ErrorAlert error={error} />
        {cover && (
          <Box pos="relative">
            <img className="article-cover article-cover-small" src={`/api/files/${cover.id}/preview`} alt={t('articles.cover')} />
          </Box>
        )}
        <TextInput
          label={t('articles.titleLabel')}
          placeholder={t('articles.titlePlaceholder')}
          value={title}
          onChange={(e) => {
            setTitle(e.currentTarget.value);
            setSaved(null);
          }}
          maxLength={articleLimits.titleMax}
          error={titleError}
          size="md"
        />
        <RichTextEditor
          initialHtml={initial?.bodyHtml ?? ''}
          onChange={(v) => {
            html.current = v;
            setSaved(null);
          }}
        />
        <AttachmentsEditor items={attachments} onChange={setAttachments} />
        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={2} size="h4">
              {t('articles.polls')}
            </Title>
            <Button variant="light" size="xs" leftSection={<IconChartBar size={16} />} onClick={() => setPollOpen(true)} disabled={polls.length >= articleLimits.pollsMax}>
              {t('articles.addPoll')}
            </Button>
          </Group>
          {polls.map((p) => (
            <LivePoll key={p.id} pollId={p.id} initial={p} />
          ))}
          {polls.length > 0 && status === 'draft' && (
            <Text size="xs" c="dimmed">
              {t('articles.pollsAfterPublish')}
            </Text>
          )}
        </Stack>
      </Stack>
      <CreatePollModal
        opened={pollOpen}
        onClose={() => setPollOpen(false)}
        onSubmit={async (poll) => {
          const savedId = await save();
          if (!savedId) throw new Error(t('articles.needTitle'));
          remember(await articlesApi.attachPoll(savedId, poll));
        }}
      />
    </Box>
  );
}

/** ART-2 «Публикация» → «Загрузить изображение»: the cover. */
function PublicationMenu({ cover, onCover }: { cover: Attachment | null; onCover: (a: Attachment | null) => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const upload = async (file: File) => {
    setError(null);
    setProgress(0);
    try {
      const a = await uploadFile(file, setProgress);
      if (a.kind !== 'image') throw new ApiError('image_invalid', 400);
      onCover(a);
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };
  return (
    <Stack gap={4}>
      <Menu position="top-start" withinPortal>
        <Menu.Target>
          <Button variant="light" leftSection={<IconPhoto size={16} />} loading={progress !== null}>
            {t('articles.publication')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconUpload size={16} />} onClick={() => input.current?.click()}>
            {t('articles.uploadCover')}
          </Menu.Item>
          {cover && (
            <Menu.Item leftSection={<IconPhotoOff size={16} />} color="red" onClick={() => onCover(null)}>
              {t('articles.removeCover')}
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      <input
        ref={input}
        type="file"
        accept="image/png,image/jpeg,image/gif,image/webp"
        hidden
        data-testid="cover-input"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void upload(file);
        }}
      />
      {progress !== null && <Progress value={progress * 100} size="sm" aria-label={t('articles.uploading')} />}
      <ErrorAlert error={error} />
    </Stack>
  );
}

/** ART-4: photos and videos attached to the article (shown below its text). */
function AttachmentsEditor({ items, onChange }: { items: Attachment[]; onChange: (items: Attachment[]) => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const latest = useRef(items);
  latest.current = items;
  const upload = async (files: File[]) => {
    setError(null);
    try {
      for (const [i, file] of files.entries()) {
        setProgress(i / files.length);
        const a = await uploadFile(file, (f) => setProgress((i + f) / files.length));
        if (a.kind !== 'image' && !a.mime.startsWith('video/')) throw new ApiError('invalid_input', 400, [{ path: 'fileIds', message: 'not_photo_or_video' }]);
        onChange([...latest.current, a]);
      }
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('articles.media')}
        </Title>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPaperclip size={16} />}
          onClick={() => input.current?.click()}
          loading={progress !== null}
          disabled={items.length >= articleLimits.filesMax}
        >
          {t('articles.attachMedia')}
        </Button>
      </Group>
      <input
        ref={input}
        type="file"
        multiple
        accept="image/png,image/jpeg,image/gif,image/webp,video/mp4,video/webm"
        hidden
        data-testid="media-input"
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          if (files.length > 0) void upload(files);
        }}
      />
      {progress !== null && <Progress value={progress * 100} size="sm" aria-label={t('articles.uploading')} />}
      <ErrorAlert error={error} />
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('articles.noMedia')}
        </Text>
      ) : (
        <Group gap="xs">
          {items.map((a) => (
            <Paper key={a.id} withBorder radius="sm" p={4} w={132} pos="relative" data-attachment-id={a.id}>
              {a.kind === 'image' ? (
                <Image src={`/api/files/${a.id}/preview`} alt="" h={80} fit="cover" radius="sm" />
              ) : (
                <Box h={80} bg="dark.6" style={{ display: 'grid', placeItems: 'center', borderRadius: 4 }} aria-hidden>
                  <IconVideo size={28} color="white" />
                </Box>
              )}
              <Text size="xs" mt={4} lineClamp={1} title={a.name} style={{ overflowWrap: 'anywhere' }}>
                {a.name}
              </Text>
              <ActionIcon
                size="sm"
                radius="xl"
                color="dark"
                pos="absolute"
                top={6}
                right={6}
                aria-label={t('articles.removeMedia', { name: a.name })}
                onClick={() => onChange(items.filter((x) => x.id !== a.id))}
              >
                <IconX size={14} />
              </ActionIcon>
            </Paper>
          ))}
        </Group>
      )}
    </Stack>
  );
}
