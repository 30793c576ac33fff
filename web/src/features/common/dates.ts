import i18next from 'i18next';
import ru from '../../i18n/ru.json';

/**
 * The app's one date formatter: every date on screen says when something happened the way a Russian
 * messenger does («только что», «5 минут назад», «вчера, 14:05», «12 ноября», «12 ноября 2025»), in the
 * UI's language. Each function takes the moment as the server sends it (ISO) and, for tests and for a
 * ticking clock, `now` and the time zone (the browser's by default).
 */
export interface DateContext {
  /** The moment «now» (default: the clock's). */
  now?: Date | number;
  /** An IANA zone, e.g. Europe/Moscow (default: the browser's). */
  timeZone?: string;
}

type Lang = 'ru' | 'en';
type Words = typeof ru.dates;
/**
 * English words come with English itself (fetched when chosen: i18n/loadLanguage), so that a Russian first screen
 * never carries the English texts; until they are there, Russian words stand in.
 */
const words = {
  get ru(): Words {
    return ru.dates;
  },
  get en(): Words {
    const bundle = i18next.getResourceBundle?.('en', 'translation') as { dates?: Words } | undefined;
    return bundle?.dates ?? ru.dates;
  },
};

function language(lang: string): Lang {
  return lang === 'en' ? 'en' : 'ru';
}

const locales: Record<Lang, string> = { ru: 'ru-RU', en: 'en-GB' };

/** Intl formatters are slow to make and a chat list asks hundreds of times: one per kind, language and zone. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: 'time' | 'dayMonth' | 'parts', lang: Lang, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${kind}|${lang}|${timeZone ?? ''}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'time'
        ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
        : kind === 'dayMonth'
          ? { day: 'numeric', month: 'long' }
          : { year: 'numeric', month: 'numeric', day: 'numeric' };
    // «parts» only reads numbers, so its locale does not matter; en-US always gives ASCII digits.
    f = new Intl.DateTimeFormat(kind === 'parts' ? 'en-US' : locales[lang], { ...options, timeZone });
    formatters.set(key, f);
  }
  return f;
}

/** The calendar day a moment falls on in the zone, as a day number (days since 1970-01-01) and its year. */
function calendarDay(d: Date, timeZone: string | undefined): { day: number; year: number } {
  const parts = formatter('parts', 'en', timeZone).formatToParts(d);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const year = get('year');
  return { day: Math.round(Date.UTC(year, get('month') - 1, get('day')) / 86_400_000), year };
}

function parse(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

function nowOf(ctx: DateContext): Date {
  return ctx.now === undefined ? new Date() : new Date(ctx.now);
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** «12 ноября» this year, «12 ноября 2025» another (no «г.», as people write it). */
function dayMonth(d: Date, lang: Lang, ctx: DateContext, now: Date): string {
  const text = formatter('dayMonth', lang, ctx.timeZone).format(d);
  const { year } = calendarDay(d, ctx.timeZone);
  return year === calendarDay(now, ctx.timeZone).year ? text : `${text} ${year}`;
}

/** Days from `now`'s calendar day to `d`'s: 0 today, -1 yesterday, 1 tomorrow. */
function dayOffset(d: Date, now: Date, ctx: DateContext): number {
  return calendarDay(d, ctx.timeZone).day - calendarDay(now, ctx.timeZone).day;
}

/** «14:05»: the time of day, where a messenger shows only that (a message, a call's chat). */
export function clockTime(iso: string, lang: string, ctx: DateContext = {}): string {
  const d = parse(iso);
  return d ? formatter('time', language(lang), ctx.timeZone).format(d) : iso;
}

/** «12 ноября», «12 ноября 2025»: a day without its time (an invitation's last day). */
export function calendarDate(iso: string, lang: string, ctx: DateContext = {}): string {
  const d = parse(iso);
  return d ? dayMonth(d, language(lang), ctx, nowOf(ctx)) : iso;
}

/**
 * «сегодня, 14:05», «вчера, 14:05», «завтра, 14:05», «12 ноября, 14:05», «12 ноября 2025, 14:05»: a moment
 * whose time matters whenever it was (a lesson held, a poll's deadline).
 */
export function dateTime(iso: string, lang: string, ctx: DateContext = {}): string {
  const d = parse(iso);
  if (!d) return iso;
  const l = language(lang);
  const now = nowOf(ctx);
  const offset = dayOffset(d, now, ctx);
  const w = words[l];
  const day = offset === 0 ? w.today : offset === -1 ? w.yesterday : offset === 1 ? w.tomorrow : dayMonth(d, l, ctx, now);
  return fill(w.dayAndTime, { day, time: clockTime(iso, l, ctx) });
}

/** «12 ноября 2025, 14:05» always: the exact moment, for a tooltip beside a shorter form. */
export function fullDateTime(iso: string, lang: string, ctx: DateContext = {}): string {
  const d = parse(iso);
  if (!d) return iso;
  const l = language(lang);
  const day = `${formatter('dayMonth', l, ctx.timeZone).format(d)} ${calendarDay(d, ctx.timeZone).year}`;
  return fill(words[l].dayAndTime, { day, time: clockTime(iso, l, ctx) });
}

/** A server clock this far ahead of the browser's still reads as «только что», not as the future. */
const SKEW_MS = 5 * 60_000;

/**
 * When something happened: «только что» (under a minute, or a little in the future from clock skew),
 * «5 минут назад» (under an hour), «сегодня, 14:05», «вчера, 14:05», then «12 ноября» and «12 ноября 2025».
 * News, comments, articles, documents, requests.
 */
export function relativeTime(iso: string, lang: string, ctx: DateContext = {}): string {
  const d = parse(iso);
  if (!d) return iso;
  const l = language(lang);
  const now = nowOf(ctx);
  const ago = now.getTime() - d.getTime();
  const w = words[l];
  if (ago < 60_000 && ago > -SKEW_MS) return w.justNow;
  if (ago > 0 && ago < 3_600_000) {
    const count = Math.floor(ago / 60_000);
    return fill(pluralWord(w, 'minutesAgo', l, count), { count });
  }
  const offset = dayOffset(d, now, ctx);
  if (offset >= -1 && offset <= 1) return dateTime(iso, l, ctx);
  return dayMonth(d, l, ctx, now);
}

/** A chat in the list: «14:05» today, «вчера», «12 ноября», «12 ноября 2025» — as a messenger's list says it. */
export function chatListTime(iso: string, lang: string, ctx: DateContext = {}): string {
  const d = parse(iso);
  if (!d) return iso;
  const l = language(lang);
  const now = nowOf(ctx);
  const offset = dayOffset(d, now, ctx);
  // A little in the future (clock skew) still is today's time.
  if (offset === 0 || (offset === 1 && d.getTime() - now.getTime() < SKEW_MS)) return clockTime(iso, l, ctx);
  if (offset === -1) return words[l].yesterday;
  return dayMonth(d, l, ctx, now);
}

/** The line between days in a chat: «Сегодня», «Вчера», «12 ноября», «12 ноября 2025». */
export function dayTitle(iso: string, lang: string, ctx: DateContext = {}): string {
  const d = parse(iso);
  if (!d) return iso;
  const l = language(lang);
  const now = nowOf(ctx);
  const offset = dayOffset(d, now, ctx);
  if (offset === 0 || (offset === 1 && d.getTime() - now.getTime() < SKEW_MS)) return words[l].todayTitle;
  if (offset === -1) return words[l].yesterdayTitle;
  return dayMonth(d, l, ctx, now);
}

/** Whether two moments fall on different calendar days (where a chat puts a day's title between them). */
export function differentDays(a: string, b: string, ctx: DateContext = {}): boolean {
  const da = parse(a);
  const db = parse(b);
  if (!da || !db) return false;
  return calendarDay(da, ctx.timeZone).day !== calendarDay(db, ctx.timeZone).day;
}

const pluralRules = new Map<Lang, Intl.PluralRules>();
/** The translation of `key` for `count` by the language's plural rules: минуту / минуты / минут. */
function pluralWord(w: Words, key: 'minutesAgo', lang: Lang, count: number): string {
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(locales[lang]);
    pluralRules.set(lang, rules);
  }
  const table = w as unknown as Record<string, string>;
  return table[`${key}_${rules.select(count)}`] ?? table[`${key}_many`] ?? table[`${key}_other`] ?? '';
}
