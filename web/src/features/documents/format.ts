/** «1,2 МБ», «640 КБ», «12 Б»: a file's size for people. */
export function formatSize(bytes: number, lang: string): string {
  const ru = lang !== 'en';
  const n = (v: number) => v.toLocaleString(ru ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 1 });
  if (bytes >= 1024 * 1024 * 1024) return `${n(bytes / 1024 ** 3)} ${ru ? 'ГБ' : 'GB'}`;
  if (bytes >= 1024 * 1024) return `${n(bytes / 1024 ** 2)} ${ru ? 'МБ' : 'MB'}`;
  if (bytes >= 1024) return `${n(bytes / 1024)} ${ru ? 'КБ' : 'KB'}`;
  return `${bytes} ${ru ? 'Б' : 'B'}`;
}

/** «25.11.2025» — the day a document was added. */
export function formatDay(iso: string, lang: string): string {
  return new Date(iso).toLocaleDateString(lang === 'en' ? 'en-GB' : 'ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric' });
}
