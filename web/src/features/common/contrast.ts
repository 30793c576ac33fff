/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** #rrggbb mixed with black by `amount` (0 keeps it, 1 is black). */
export function darker(hex: string, amount: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const part = (shift: number) => Math.round(((n >> shift) & 255) * (1 - amount)).toString(16).padStart(2, '0');
  return `#${part(16)}${part(8)}${part(0)}`;
}

/**
 * `hex`, or the least darkened version of it that reaches `ratio` against every one of `on`: a text or background
 * colour kept as near as possible to the designer's while it stays readable (WCAG AA is 4.5:1 for text).
 */
export function readable(hex: string, on: string[], ratio: number): string {
  for (let amount = 0; amount < 1; amount += 0.02) {
    const candidate = darker(hex, amount);
    if (on.every((bg) => contrast(candidate, bg) >= ratio)) return candidate;
  }
  return '#000000';
}
