/** «14:05» today, «25.11» this year, «25.11.2025» before. */
export function formatTime(iso: string, lang: string): string {
  const d = new Date(iso);
  const now = new Date();
  const locale = lang === 'en' ? 'en-GB' : 'ru-RU';
  if (d.toDateString() === now.toDateString()) return d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  if (d.getFullYear() === now.getFullYear()) return d.toLocaleDateString(locale, { day: '2-digit', month: '2-digit' });
  return d.toLocaleDateString(locale);
}

/** Date and time in full, for a message's tooltip and a poll's deadline. */
export function formatDateTime(iso: string, lang: string): string {
  return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'ru-RU', {
    day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
  });
}
