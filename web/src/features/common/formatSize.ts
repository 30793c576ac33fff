/**
 * «1,2 МБ», «640 КБ», «2 ГБ», «12 Б»: a file's size for people. The one size formatter of the app: lists,
 * limits and upload progress all say sizes the same way.
 */
export function formatSize(bytes: number, lang: string): string {
  const ru = lang !== 'en';
  const n = (v: number) => v.toLocaleString(ru ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 1 });
  if (bytes >= 1024 * 1024 * 1024) return `${n(bytes / 1024 ** 3)} ${ru ? 'ГБ' : 'GB'}`;
  if (bytes >= 1024 * 1024) return `${n(bytes / 1024 ** 2)} ${ru ? 'МБ' : 'MB'}`;
  if (bytes >= 1024) return `${n(bytes / 1024)} ${ru ? 'КБ' : 'KB'}`;
  return `${bytes} ${ru ? 'Б' : 'B'}`;
}
