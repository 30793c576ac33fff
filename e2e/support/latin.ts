import { expect, type Page } from '@playwright/test';

/**
 * Latin-script words a Russian screen may show, each for a reason; everything else in Latin is an
 * English label that slipped through. Keep this short: a word added here is a word no test guards.
 */
export const allowedLatinWords: ReadonlySet<string> = new Set([
  // The product's name.
  'Parta',
  // Formats and a channel as people in Russia name them too (the UI's own hints and errors say them).
  'PDF', 'CSV', 'SMS', 'MP4', 'WebM', 'JPEG', 'JPG', 'PNG', 'GIF', 'WebP',
  // The language switch offers the other language by its own name.
  'English',
  // A key as it is printed on Russian keyboards («впишите свой и нажмите Enter»).
  'Enter',
]);

/** File extensions of real file names («Расписание.pdf»): the name is the uploader's, the extension is the format. */
const FILE_EXTENSIONS = 'pdf|docx?|xlsx?|pptx?|odt|ods|txt|csv|rtf|zip|jpe?g|png|gif|webp|heic|mp4|webm|mov|mp3|ogg|m4a|wav';

/** Shapes that are Latin by nature, removed before looking for words: addresses, e-mails, file names. */
const NATURALLY_LATIN: RegExp[] = [
  /\b(?:https?:\/\/|www\.)\S+/gi,
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
  new RegExp(`[^\\s«»"'()/\\\\]+\\.(?:${FILE_EXTENSIONS})\\b`, 'gi'),
  // Extensions named as formats in the upload limits («Нельзя загружать программы и скрипты: .exe, .bat»), the
  // longest being Windows' own (.msixbundle, .application, .appref-ms, .settingcontent-ms).
  /(?<![\w.])\.[a-z0-9]{1,17}(?:-ms)?\b/gi,
  // A domain shown as text (the school's site, «parta.example»).
  /\b[\w-]+(?:\.[\w-]+)*\.(?:ru|com|org|net|рф|example|local)\b/gi,
];

/** The Latin-script words of `text` that are not allowed. */
export function latinWords(text: string): string[] {
  let rest = text;
  for (const shape of NATURALLY_LATIN) rest = rest.replace(shape, ' ');
  // Digits stay in a word, so «MP4» is read as the format's name, not as «MP».
  const words = rest.match(/[A-Za-z][A-Za-z0-9'’]*/g) ?? [];
  return [...new Set(words.filter((w) => w.length > 1 && !allowedLatinWords.has(w)))];
}

interface Finding {
  where: string;
  words: string[];
  sample: string;
}

/**
 * Everything a person sees or a screen reader says on the page, read from the DOM: the visible text
 * (document.body.innerText), the tab's title, and the aria-label / title / placeholder / alt /
 * aria-placeholder / aria-roledescription / aria-valuetext of every element, hidden ones too
 * (Mantine's own English labels sit on hidden helpers). Native date and time inputs are reported as
 * well: they show the browser's format (mm/dd/yyyy), not the page's language.
 */
async function readPage(page: Page): Promise<{ texts: { where: string; text: string }[]; nativeDates: string[] }> {
  return page.evaluate(() => {
    const attrs = ['aria-label', 'title', 'placeholder', 'alt', 'aria-placeholder', 'aria-roledescription', 'aria-valuetext'];
    const texts: { where: string; text: string }[] = [
      // biome-ignore lint/performance/useDomNodeTextContent: what is shown, not hidden text: innerText it must be
      { where: 'visible text', text: document.body.innerText },
      { where: 'document.title', text: document.title },
    ];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const a of attrs) {
        const v = el.getAttribute(a);
        if (v) texts.push({ where: `${el.tagName.toLowerCase()}[${a}]`, text: v });
      }
    }
    const nativeDates = Array.from(
      document.querySelectorAll<HTMLInputElement>('input[type=date], input[type=datetime-local], input[type=time], input[type=month], input[type=week]'),
    ).map((i) => `${i.type} ${i.getAttribute('aria-label') ?? i.labels?.[0]?.textContent ?? i.name ?? ''}`.trim());
    return { texts, nativeDates };
  });
}

/** Fails, naming each word and where it was, if the page shows English or a browser-formatted date field. */
export async function expectNoLatin(page: Page, screen: string): Promise<void> {
  const { texts, nativeDates } = await readPage(page);
  const findings: Finding[] = [];
  for (const { where, text } of texts) {
    const words = latinWords(text);
    if (words.length > 0) {
      const first = words[0] ?? '';
      const at = text.indexOf(first);
      findings.push({ where, words, sample: text.slice(Math.max(0, at - 40), at + 40).replace(/\s+/g, ' ') });
    }
  }
  expect.soft(findings, `Latin-script words on «${screen}» (${page.url()})`).toEqual([]);
  expect.soft(nativeDates, `native date fields (browser's format, e.g. mm/dd/yyyy) on «${screen}»`).toEqual([]);
}
