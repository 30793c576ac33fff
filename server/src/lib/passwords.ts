import { hash, verify } from '@node-rs/argon2';

/** A handful of the most common passwords (NIST 800-63B asks to refuse known-breached ones). */
const common = new Set([
  'password', 'password1', '12345678', '123456789', '1234567890', 'qwertyui', 'qwerty123', 'iloveyou',
  '11111111', '00000000', '87654321', 'abcdefgh', 'abc12345', 'йцукенгш', 'пароль123', 'qwertyuiop',
  'parta123', 'admin123', 'password123', '1q2w3e4r', '1q2w3e4r5t', 'zxcvbnm1', 'asdfghjk',
  // More from public breach top lists, Latin and Russian keyboard alike.
  'passw0rd', 'qwerty12', 'qwerty1234', 'q1w2e3r4', 'q1w2e3r4t5', '1qaz2wsx', 'zaq12wsx', 'qazwsxedc',
  '123qweasd', 'qweasdzxc', 'letmein1', 'welcome1', 'sunshine', 'princess', 'football', 'baseball',
  'iloveyou1', 'superman', 'starwars', 'trustno1', 'dragon12', 'monkey12', 'master12', 'michael1',
  'asdfghjkl', 'zxcvbnm123', 'qwertyuiop123', 'йцукен123', 'йцукенгшщз', 'пароль1234', 'привет123',
  'любовь123', 'школа123', 'natasha1', 'marina123', 'spartak1', 'zenit123', 'parta2026', 'sferum123',
]);

/** Null when good enough; otherwise why not (the caller answers with password_too_weak). */
export function passwordWeakness(password: string): 'too_short' | 'only_digits' | 'common' | 'repeated' | null {
  if ([...password].length < 8) return 'too_short';
  if (/^\d+$/.test(password)) return 'only_digits';
  if (common.has(password.toLowerCase())) return 'common';
  if (/^(.)\1+$/.test(password)) return 'repeated';
  return null;
}

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's recommended minimum). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}
