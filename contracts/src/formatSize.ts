/**
 * «1,2 МБ», «640 КБ», «2 ГБ», «12 Б»: a file's size for people. The one size formatter of Parta: the web app's lists,
 * limits and upload progress, and the server's own messages («Файл слишком большой: можно не больше 50 МБ»), all say
 * sizes the same way. Units are of 1024, as file managers count them.
 */
export function formatSize(bytes: number, lang: string): string {
  const ru = lang !== 'en';
  const units = ru ? ['Б', 'КБ', 'МБ', 'ГБ', 'ТБ'] : ['B', 'KB', 'MB', 'GB', 'TB'];
  const round = (v: number) => Math.round(v * 10) / 10;
  let unit = 0;
  let value = Math.max(0, bytes);
  // Up a unit while the figure would read 1024 or more once rounded («1 024 КБ» is «1 МБ»).
  while (unit < units.length - 1 && round(value) >= 1024) {
    value /= 1024;
    unit++;
  }
  const n = unit === 0 ? Math.round(value) : round(value);
  return `${n.toLocaleString(ru ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 1, useGrouping: false })} ${units[unit]}`;
}
