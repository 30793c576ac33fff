import { keepLibrariesInsideCsp } from './csp';

// Imported first by main.tsx: zod decides whether to compile parsers with `new Function` when a schema is
// made, and the contracts make theirs as their modules load, before main.tsx's own code runs.
keepLibrariesInsideCsp();
