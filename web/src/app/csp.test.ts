import { describe, expect, it } from 'vitest';
import { keepLibrariesInsideCsp } from './csp';

describe('keepLibrariesInsideCsp', () => {
  it('turns off zod\'s compiled parsers (`new Function`, refused by the CSP) before zod has loaded', async () => {
    keepLibrariesInsideCsp();
    const { z } = await import('zod');
    expect(z.config().jitless).toBe(true);
    // A parse never reaches for eval: the CSP would refuse it and report a violation.
    const original = globalThis.Function;
    let compiled = 0;
    globalThis.Function = new Proxy(original, {
      construct(target, args) {
        compiled += 1;
        return Reflect.construct(target, args);
      },
    });
    try {
      const person = z.object({ firstName: z.string(), lastName: z.string(), age: z.number().int() });
      for (let i = 0; i < 3; i++) expect(person.parse({ firstName: 'Яна', lastName: 'Рощина', age: 14 + i }).age).toBe(14 + i);
    } finally {
      globalThis.Function = original;
    }
    expect(compiled).toBe(0);
  });
});
