import { ActionIcon, Button, Group, Popover, Progress, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import {
  IconArrowBackUp, IconArrowForwardUp, IconBlockquote, IconBold, IconH2, IconH3, IconItalic, IconLink, IconLinkOff,
  IconList, IconListNumbers, IconPhoto,
} from '@tabler/icons-react';
import Image from '@tiptap/extension-image';
import { EditorContent, type Editor, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { Placeholder } from '@tiptap/extensions';
import { type ComponentPropsWithoutRef, type ReactNode, type Ref, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cspNonce } from '../../app/csp';
import { ErrorAlert } from '../common/ui';
import { uploadFile } from '../messages/uploadFile';
import { withoutInlineAttributes } from './pastedHtml';
import './texts';

/** Links the editor accepts: the web and mail only (the server and DOMPurify hold the same line). */
export function allowedLink(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' || u.protocol === 'mailto:';
  } catch {
    return false;
  }
}

/**
 * ART-1: the article's text in TipTap (ProseMirror) — bold, italic, headings, lists, quotes, links
 * and pictures (uploaded through /api/files, shown from /api/files/:id/preview). Pasted markup goes
 * through the editor's schema, so nothing outside these elements survives a paste.
 */
export function RichTextEditor({
  initialHtml,
  onChange,
  label,
  placeholder,
}: {
  initialHtml: string;
  onChange: (html: string) => void;
  /** The text box's accessible name and hint where the text is not an article's (homework's assignment). */
  label?: string;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const editor = useEditor({
    // The editor's own <style> passes the page's CSP with the page's nonce.
    injectNonce: cspNonce(),
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3] },
        code: false,
        codeBlock: false,
        link: {
          openOnClick: false,
          autolink: true,
          defaultProtocol: 'https',
          protocols: ['http', 'https', 'mailto'],
          isAllowedUri: (url) => allowedLink(url),
          HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
        },
      }),
      Image.configure({ inline: false, allowBase64: false }),
      Placeholder.configure({ placeholder: placeholder ?? t('articles.bodyPlaceholder') }),
    ],
    content: initialHtml,
    editorProps: {
      attributes: { 'aria-label': label ?? t('articles.body'), role: 'textbox', 'aria-multiline': 'true' },
      transformPastedHTML: withoutInlineAttributes,
    },
    onUpdate: ({ editor: e }) => onChange(e.getHTML()),
  });
  return (
    <div className="article-editor" data-testid="article-editor">
      <Toolbar editor={editor} />
      <EditorContent editor={editor} />
    </div>
  );
}

function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      quote: e.isActive('blockquote'),
      link: e.isActive('link'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const chain = () => editor.chain().focus();
  return (
    <Group gap={2} className="article-toolbar" role="toolbar" aria-label={t('articles.toolbar')}>
      <Tool label={t('articles.tools.bold')} active={state.bold} onClick={() => chain().toggleBold().run()} icon={<IconBold size={18} />} />
      <Tool label={t('articles.tools.italic')} active={state.italic} onClick={() => chain().toggleItalic().run()} icon={<IconItalic size={18} />} />
      <Tool label={t('articles.tools.h2')} active={state.h2} onClick={() => chain().toggleHeading({ level: 2 }).run()} icon={<IconH2 size={18} />} />
      <Tool label={t('articles.tools.h3')} active={state.h3} onClick={() => chain().toggleHeading({ level: 3 }).run()} icon={<IconH3 size={18} />} />
      <Tool label={t('articles.tools.bulletList')} active={state.bullet} onClick={() => chain().toggleBulletList().run()} icon={<IconList size={18} />} />
      <Tool label={t('articles.tools.orderedList')} active={state.ordered} onClick={() => chain().toggleOrderedList().run()} icon={<IconListNumbers size={18} />} />
      <Tool label={t('articles.tools.quote')} active={state.quote} onClick={() => chain().toggleBlockquote().run()} icon={<IconBlockquote size={18} />} />
      <LinkTool editor={editor} active={state.link} />
      <ImageTool editor={editor} />
      <Tool label={t('articles.tools.undo')} disabled={!state.canUndo} onClick={() => chain().undo().run()} icon={<IconArrowBackUp size={18} />} />
      <Tool label={t('articles.tools.redo')} disabled={!state.canRedo} onClick={() => chain().redo().run()} icon={<IconArrowForwardUp size={18} />} />
    </Group>
  );
}

/**
 * A toolbar button with its name as a tooltip. A toggle (bold, a list…) says whether it is on (aria-pressed); one that
 * opens a popover gets the popover's aria-haspopup/aria-expanded from Popover.Target through `rest`, on the button
 * itself (a wrapper element may not carry them).
 */
function Tool({
  label,
  icon,
  onClick,
  active = false,
  disabled = false,
  ref,
  ...rest
}: { label: string; icon: ReactNode; onClick: () => void; active?: boolean; disabled?: boolean; ref?: Ref<HTMLButtonElement> } & Pick<ComponentPropsWithoutRef<'button'>, 'id' | 'aria-haspopup' | 'aria-expanded' | 'aria-controls'>) {
  const popup = rest['aria-haspopup'] !== undefined;
  return (
    <Tooltip label={label} openDelay={400}>
      <ActionIcon
        {...rest}
        ref={ref}
        variant={active ? 'filled' : 'subtle'}
        color={active ? 'blue' : 'gray'}
        size="lg"
        aria-label={label}
        aria-pressed={popup ? undefined : active}
        disabled={disabled}
        onMouseDown={(e) => e.preventDefault()}
        onClick={onClick}
      >
        {icon}
      </ActionIcon>
    </Tooltip>
  );
}

function LinkTool({ editor, active }: { editor: Editor; active: boolean }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const apply = () => {
    const value = url.trim();
    const full = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`;
    if (!allowedLink(full)) {
      setError(t('articles.linkInvalid'));
      return;
    }
    const { empty } = editor.state.selection;
    if (empty && !active) {
      editor.chain().focus().insertContent({ type: 'text', text: value, marks: [{ type: 'link', attrs: { href: full } }] }).run();
    } else {
      editor.chain().focus().extendMarkRange('link').setLink({ href: full }).run();
    }
    setOpened(false);
  };
  if (active) {
    return <Tool label={t('articles.tools.unlink')} active onClick={() => editor.chain().focus().extendMarkRange('link').unsetLink().run()} icon={<IconLinkOff size={18} />} />;
  }
  return (
    <Popover opened={opened} onChange={setOpened} trapFocus position="bottom" withArrow shadow="md">
      <Popover.Target>
        <Tool
          label={t('articles.tools.link')}
          onClick={() => {
            setUrl('');
            setError(null);
            setOpened((o) => !o);
          }}
          icon={<IconLink size={18} />}
        />
      </Popover.Target>
      <Popover.Dropdown>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            apply();
          }}
        >
          <Stack gap="xs" w={260}>
            <TextInput label={t('articles.linkAddress')} placeholder="https://" value={url} onChange={(e) => setUrl(e.currentTarget.value)} error={error} data-autofocus />
            <Button type="submit" size="xs">
              {t('articles.linkApply')}
            </Button>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}

function ImageTool({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const pick = async (file: File) => {
    setError(null);
    setProgress(0);
    try {
      const a = await uploadFile(file, setProgress);
      if (a.kind !== 'image') throw new Error('not an image');
      editor.chain().focus().setImage({ src: `/api/files/${a.id}/preview`, alt: a.name }).run();
    } catch (e) {
      setError(e instanceof Error && e.message === 'not an image' ? t('articles.notAnImage') : e);
    } finally {
      setProgress(null);
    }
  };
  return (
    <>
      <Tool label={t('articles.tools.image')} onClick={() => input.current?.click()} icon={<IconPhoto size={18} />} disabled={progress !== null} />
      <input
        ref={input}
        type="file"
        accept="image/png,image/jpeg,image/gif,image/webp"
        hidden
        data-testid="editor-image-input"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void pick(file);
        }}
      />
      {progress !== null && <Progress value={progress * 100} w={80} size="sm" aria-label={t('articles.uploading')} />}
      {error !== null && (typeof error === 'string' ? <Text size="xs" c="red" role="alert">{error}</Text> : <ErrorAlert error={error} />)}
    </>
  );
}
