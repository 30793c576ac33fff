import { randomInt } from 'node:crypto';

/** A phone number in the two forms tests need: as typed by a person, and as the server logs it. */
export interface TestPhone {
  /** +7 900 000-00-01, as a person types it. */
  display: string;
  /** +79000000001, as the dev SMS provider logs it. */
  e164: string;
}

function phoneFrom(digits: string): TestPhone {
  const [a, b, c, d] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6, 8), digits.slice(8, 10)];
  return { display: `+7 ${a} ${b}-${c}-${d}`, e164: `+7${digits}` };
}

/** A fresh Russian mobile number nobody in the demo has: +7 9xx, never the demo's 900 000-00-0x. */
export function randomPhone(): TestPhone {
  const rest = String(randomInt(0, 10_000_000)).padStart(7, '0');
  return phoneFrom(`9${randomInt(10, 100)}${rest}`);
}

export const demoPassword = 'parta-demo';

/** The demo accounts the README lists; all have the password `parta-demo`. */
export const demo = {
  operator: phoneFrom('9000000000'),
  admin: phoneFrom('9000000001'),
  teacher: phoneFrom('9000000002'),
  student: phoneFrom('9000000003'),
} as const;
