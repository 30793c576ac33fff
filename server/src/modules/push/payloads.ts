import type { LessonSummary, Message, PersonSummary, PushPayload } from '@parta/contracts';

type Locale = 'ru' | 'en';

/** A push's text is a glance, not the message: at most this many characters of it. */
export const BODY_CHARS = 100;

const words = {
  ru: {
    photo: 'Фото',
    file: 'Файл',
    poll: 'Опрос',
    callTitle: (title: string) => `Звонок: ${title}`,
    callBody: (host: string) => `${host} зовёт вас на урок. Присоединиться`,
    approved: 'Заявка одобрена',
    rejected: 'Заявка отклонена',
    approvedBody: (school: string) => `Вы приняты: ${school}`,
    rejectedBody: (school: string, reason: string | null) => (reason ? `${school}. Причина: ${reason}` : school),
    news: (school: string) => `Новость: ${school}`,
  },
  en: {
    photo: 'Photo',
    file: 'File',
    poll: 'Poll',
    callTitle: (title: string) => `Call: ${title}`,
    callBody: (host: string) => `${host} is calling you to a lesson. Join`,
    approved: 'Request approved',
    rejected: 'Request rejected',
    approvedBody: (school: string) => `You have joined ${school}`,
    rejectedBody: (school: string, reason: string | null) => (reason ? `${school}. Reason: ${reason}` : school),
    news: (school: string) => `News: ${school}`,
  },
} as const;

/** One line of at most `max` characters (code points: an emoji is never cut in half), «…» when cut. */
export function glance(text: string, max = BODY_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

const nameOf = (p: PersonSummary) => `${p.firstName} ${p.lastName}`.trim();

/** What a message shows without its text: a photo, a file, a poll's question. */
function messageGist(m: Pick<Message, 'text' | 'attachments' | 'poll'>, w: (typeof words)[Locale]): string {
  if (m.text.trim()) return m.text;
  if (m.poll) return `${w.poll}: ${m.poll.question}`;
  if (m.attachments.length > 0) return m.attachments.every((a) => a.kind === 'image') ? w.photo : w.file;
  return '';
}

/**
 * A new message: a personal chat is titled by its author; another by the chat's name, with the author before the
 * text. Tagged `chat:<id>` so a chat's notifications replace each other (on the device and, by Topic, at the push
 * service while the device is away).
 */
export function messagePayload(locale: Locale, chat: { id: string; kind: string; name: string }, message: Message): PushPayload {
  const w = words[locale];
  const gist = messageGist(message, w);
  const author = nameOf(message.author);
  const personal = chat.kind === 'personal';
  return {
    title: personal ? author : chat.name,
    body: glance(personal ? gist : `${message.author.firstName}: ${gist}`),
    url: `/chats/${chat.id}`,
    tag: `chat:${chat.id}`,
  };
}

/** An incoming lesson call («Присоединиться»): opens the call screen. */
export function callPayload(locale: Locale, lesson: LessonSummary): PushPayload {
  const w = words[locale];
  const host = nameOf(lesson.host);
  return { title: glance(w.callTitle(lesson.title || host)), body: glance(w.callBody(host)), url: `/lessons/${lesson.id}`, tag: `lesson:${lesson.id}` };
}

/** My join request decided: approved opens the school, rejected «Главная» (where the outcome and reason are). */
export function requestPayload(
  locale: Locale,
  decided: { requestId: string; schoolId: string; status: 'approved' | 'rejected'; schoolName: string; reason: string | null },
): PushPayload {
  const w = words[locale];
  const approved = decided.status === 'approved';
  return {
    title: approved ? w.approved : w.rejected,
    body: glance(approved ? w.approvedBody(decided.schoolName) : w.rejectedBody(decided.schoolName, decided.reason)),
    url: approved ? `/schools/${decided.schoolId}` : '/home',
    tag: `request:${decided.requestId}`,
  };
}

/** A post in the school's channel: its first words, or what it carries. */
export function newsPayload(
  locale: Locale,
  post: { id: string; schoolName: string; text: string; files: number; images: number; pollQuestion: string | null },
): PushPayload {
  const w = words[locale];
  const gist = post.text.trim()
    ? post.text
    : post.pollQuestion
      ? `${w.poll}: ${post.pollQuestion}`
      : post.files > 0
        ? post.images === post.files
          ? w.photo
          : w.file
        : '';
  return { title: glance(w.news(post.schoolName)), body: glance(gist), url: `/news/${post.id}`, tag: `news:${post.id}` };
}
